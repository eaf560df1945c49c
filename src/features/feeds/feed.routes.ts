/**
 * Feeds and discovery: RSS 2.0, Atom and JSON Feed for the site, each section, tag and author, and the
 * corrections; then the sitemaps and robots.txt (sitemap.routes.ts).
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { buildArticleFeed, buildCorrectionsFeed } from './feed.service.js';
import { FEED_CONTENT_TYPES, renderFeed, type FeedFormat } from './feed.render.js';
import type { FeedDoc } from './feed.types.js';
import { sendCacheable } from './http-cache.js';
import type { SiteInfo } from '../../web/components/page-head.js';
import { sitemapRoutes } from './sitemap.routes.js';
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';

const FILES: Array<[string, FeedFormat]> = [
  ['feed.xml', 'rss'],
  ['atom.xml', 'atom'],
  ['feed.json', 'json'],
];
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

export async function feedRoutes(app: AppInstance): Promise<void> {
  const { db, config, clock } = app.deps;
  // The name from this process's cache of the site settings (no query unless a save was announced).
  const site = async (): Promise<SiteInfo> => ({
    siteUrl: config.siteUrl,
    siteName: (await readSiteIdentity(app.deps)).name,
  });
  // The feed speaks the site's language (its titles, and the language it declares to feed readers).
  const i18n = async () => siteI18n(await readSiteIdentity(app.deps));
  const send = (request: FastifyRequest, reply: FastifyReply, doc: FeedDoc, format: FeedFormat) =>
    sendCacheable(request, reply, FEED_CONTENT_TYPES[format], renderFeed(doc, format));

  for (const [file, format] of FILES) {
    app.get(`/${file}`, async (request, reply) =>
      send(request, reply, await buildArticleFeed(db.kysely, await site(), clock.now(), await i18n()), format),
    );
    app.get(`/corrections/${file}`, async (request, reply) =>
      send(request, reply, await buildCorrectionsFeed(db.kysely, await site(), clock.now(), await i18n()), format),
    );
    for (const kind of ['section', 'tag', 'author'] as const) {
      app.get(`/${kind}/:slug/${file}`, { schema: { params: SlugParams } }, async (request, reply) =>
        send(
          request,
          reply,
          await buildArticleFeed(db.kysely, await site(), clock.now(), await i18n(), {
            kind,
            slug: request.params.slug,
          }),
          format,
        ),
      );
    }
  }

  await sitemapRoutes(app);
}
