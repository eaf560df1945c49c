import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { notFound } from '../../errors.js';
import { normalizeSlug, slugPath } from '../../lib/slug.js';
import { findImagesByIds } from '../images/index.js';
import { ArticleHead, articleDescription } from './article.seo.js';
import { findPublishedArticleBySlug, findSlugRedirect } from './article.repo.js';
import { imageIdsInBody } from './article.markdown.js';
import { getCtaPlacement } from './cta.settings.js';
import { ArticlePage } from './views/ArticlePage.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

export async function articleRoutes(app: AppInstance): Promise<void> {
  const { db } = app.deps;
  // The discussion and its passage comments are the comments feature's, provided at composition.
  const parts = app.deps.hooks.articles.reading.get();
  const ArticleQuery = Type.Object({ ...parts.query });

  // The home page lives with the other listings (src/features/listings).
  app.get('/articles/:slug', { schema: { params: SlugParams, querystring: ArticleQuery } }, async (request, reply) => {
    // Slugs are stored in NFC and lower case; an address typed or decomposed otherwise finds them too.
    const slug = normalizeSlug(request.params.slug);
    const article = await findPublishedArticleBySlug(db.kysely, slug);
    if (!article) {
      const moved = await findSlugRedirect(db.kysely, slug);
      if (moved) return reply.redirect(slugPath('articles', moved), 301);
      throw notFound('ARTICLE_NOT_FOUND', 'article');
    }
    const articlePath = slugPath('articles', article.slug);
    const [images, cta, shown] = await Promise.all([
      findImagesByIds(db.kysely, imageIdsInBody(article.bodyHtml)),
      getCtaPlacement(db.kysely),
      parts.render(app.deps, request, reply, article, request.query, articlePath),
    ]);
    const canonical = `${app.deps.config.siteUrl}${articlePath}`;
    const shareImage = article.leadImage ?? images.get(imageIdsInBody(article.bodyHtml)[0] ?? 0) ?? null;
    const head = (
      <ArticleHead
        site={{ siteUrl: app.deps.config.siteUrl, siteName: app.deps.config.siteName }}
        article={article}
        image={shareImage}
      />
    );
    return reply.page(
      {
        title: article.headline,
        description: articleDescription(article),
        canonical,
        scripts: ['viewer.js', 'discussion.js', 'inline.js'],
        head,
      },
      <ArticlePage
        article={{ ...article, bodyHtml: shown.bodyHtml }}
        images={images}
        siteName={app.deps.config.siteName}
        cta={cta}
        discussion={shown.below}
      />,
    );
  });
}
