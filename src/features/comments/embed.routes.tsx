/**
 * The discussion on another site's page: `<script src="https://site/embed.js" data-article="slug">`
 * inserts an iframe of `/embed/articles/<slug>/comments`. Only that page may be framed by other
 * sites (frame-ancestors *, or the narrower list `embedRoutes` is given); every other page keeps
 * helmet's frame-ancestors 'self' and X-Frame-Options.
 */
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { renderToString } from 'preact-render-to-string';
import { withI18n } from '../../web/i18n-context.js';
import type { AppInstance } from '../../web/app-instance.js';
import { notFound } from '../../errors.js';
import { isRowId } from '../../lib/ids.js';
import { loadDiscussion } from './discussion.service.js';
import { DISCUSSION_QUERY, discussionSection } from './discussion-section.js';
import { EMBED_VOTE_PATH } from './views/comment-list.js';
import { EmbedPage } from './views/EmbedPage.js';
import { passageLinksToArticle } from './inline/views/passage-tools.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const EmbedVoteQuery = Type.Object({ vote: Type.String({ pattern: '^\\d{1,10}:(up|down)$' }) });

/** Lets other sites frame this response: frame-ancestors widened, X-Frame-Options dropped. */
export function allowFraming(reply: FastifyReply, ancestors: string): void {
  const csp = reply.raw.getHeader('content-security-policy');
  if (typeof csp === 'string')
    reply.raw.setHeader(
      'content-security-policy',
      csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`),
    );
  reply.raw.removeHeader('x-frame-options');
}

export async function embedRoutes(app: AppInstance, embedAncestors = '*'): Promise<void> {
  const { config } = app.deps;

  app.get('/embed.js', async (_request, reply) => {
    // Other sites load this script: helmet's Cross-Origin-Resource-Policy (same-origin) would block it.
    reply.raw.setHeader('cross-origin-resource-policy', 'cross-origin');
    reply.header('cache-control', 'public, max-age=3600');
    return reply.type('text/javascript; charset=utf-8').sendFile('js/embed.js');
  });

  // A vote button in the frame opens this in a new tab: on to the comment on the article page (first-party,
  // with the reader's cookies and a CSRF token), where the vote is cast. Nothing is counted here.
  app.get(EMBED_VOTE_PATH, { schema: { querystring: EmbedVoteQuery } }, async (request, reply) => {
    const id = Number(request.query.vote.split(':')[0]);
    if (!isRowId(id)) throw notFound('COMMENT_NOT_FOUND', 'comment');
    return reply.redirect(`/comments/${id}`, 303);
  });

  app.get(
    '/embed/articles/:slug/comments',
    { schema: { params: SlugParams, querystring: Type.Object({ ...DISCUSSION_QUERY }) } },
    async (request, reply) => {
      const target = await loadDiscussion(app.deps, request.params.slug);
      const basePath = `/embed/articles/${target.slug}/comments`;
      const section = await discussionSection(app.deps, request, reply, target, request.query, basePath, {
        embed: true,
      });
      allowFraming(reply, embedAncestors);
      const articleUrl = `${config.siteUrl}/articles/${target.slug}`;
      const site = await readSiteIdentity(app.deps);
      const html = passageLinksToArticle(
        renderToString(
          withI18n(
            request.i18n,
            <EmbedPage headline={target.headline} articleUrl={articleUrl} siteName={site.name}>
              {section}
            </EmbedPage>,
          ),
        ),
        articleUrl,
        request.i18n,
      );
      return reply.type('text/html; charset=utf-8').send(`<!doctype html>${html}`);
    },
  );
}
