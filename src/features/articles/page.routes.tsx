/**
 * GET /pages/<slug>: a published page of the site. A former slug answers 301 to the current one, an article's slug
 * 301 to the article; imported WordPress pages and the /articles/<slug> addresses pages once had redirect here.
 */
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { notFound } from '../../errors.js';
import { slugPath } from '../../lib/slug.js';
import { findPublicArticle } from './article.public.js';
import { PageView } from './views/PageView.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

export async function pageRoutes(app: AppInstance): Promise<void> {
  const { config } = app.deps;
  const parts = app.deps.hooks.articles.reading.get();
  const PageQuery = Type.Object({ ...parts.query });

  app.get('/pages/:slug', { schema: { params: SlugParams, querystring: PageQuery } }, async (request, reply) => {
    const found = await findPublicArticle(app.deps.db.kysely, request.params.slug, 'page');
    if (!found) throw notFound('PAGE_NOT_FOUND', 'page');
    if ('moved' in found) return reply.redirect(found.moved, 301);
    const { article: page, bodyHtml } = found;
    const path = slugPath('pages', page.slug);
    // Comments are closed on pages unless the editor opened them: then the discussion is the same as an article's.
    const discussion = page.commentsOpen
      ? (await parts.render(app.deps, request, reply, page, request.query, path)).below
      : null;
    return reply.page(
      {
        title: page.headline,
        description: page.excerpt || undefined,
        canonical: `${config.siteUrl}${path}`,
        scripts: page.commentsOpen ? ['viewer.js', 'discussion.js'] : [],
      },
      <PageView page={page} bodyHtml={bodyHtml} discussion={discussion} />,
    );
  });
}
