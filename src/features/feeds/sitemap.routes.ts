import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { notFound } from '../../errors.js';
import { sendCacheable } from './http-cache.js';
import { buildNewsSitemap, buildRobotsTxt, buildSitemapIndex, buildSitemapPart } from './sitemap.service.js';
import { readSiteIdentity } from '../../platform/site-identity.js';

const XML = 'application/xml; charset=utf-8';

/** /sitemap.xml, /sitemaps/<part>.xml, /sitemap-news.xml and /robots.txt. */
export async function sitemapRoutes(app: AppInstance): Promise<void> {
  const { db, config, clock } = app.deps;

  app.get('/sitemap.xml', async (request, reply) =>
    sendCacheable(request, reply, XML, await buildSitemapIndex(db.kysely, config.siteUrl), 3600),
  );

  app.get(
    '/sitemaps/:file',
    { schema: { params: Type.Object({ file: Type.String({ maxLength: 40 }) }) } },
    async (request, reply) => {
      const zone = (await readSiteIdentity(app.deps)).timeZone;
      const xml = await buildSitemapPart(db.kysely, config.siteUrl, request.params.file, zone);
      if (xml === null) throw notFound('SITEMAP_NOT_FOUND', 'sitemap');
      return sendCacheable(request, reply, XML, xml, 3600);
    },
  );

  // News crawlers come often; five minutes keeps a fresh story findable within minutes.
  app.get('/sitemap-news.xml', async (request, reply) =>
    sendCacheable(
      request,
      reply,
      XML,
      await buildNewsSitemap(
        db.kysely,
        { siteUrl: config.siteUrl, siteName: (await readSiteIdentity(app.deps)).name },
        clock.now(),
      ),
      300,
    ),
  );

  app.get('/robots.txt', async (request, reply) =>
    sendCacheable(request, reply, 'text/plain; charset=utf-8', buildRobotsTxt(config.siteUrl), 3600),
  );
}
