import { Type } from 'typebox';
import type { AppInstance } from '../../app.js';
import { notFound } from '../../errors.js';
import { normalizeSlug, slugPath } from '../../lib/slug.js';
import { findImagesByIds } from '../images/image.repo.js';
import { DISCUSSION_QUERY, discussionSection } from '../comments/discussion-section.js';
import { ArticleHead, articleDescription } from '../feeds/seo.js';
import { findPublishedArticleBySlug, findSlugRedirect } from './article.repo.js';
import { imageIdsInBody } from './article.markdown.js';
import { getCtaPlacement } from './cta.settings.js';
import { ArticlePage } from './views/ArticlePage.js';
import { articleInline } from '../inline/inline-form.js';
import { inlineParts } from '../inline/views/inline-parts.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const ArticleQuery = Type.Object({ ...DISCUSSION_QUERY });

export async function articleRoutes(app: AppInstance): Promise<void> {
  const { db } = app.deps;

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
    const inline = await articleInline(db.kysely, article, request.query.passage);
    const [images, cta, discussion] = await Promise.all([
      findImagesByIds(db.kysely, imageIdsInBody(article.bodyHtml)),
      getCtaPlacement(db.kysely),
      discussionSection(app.deps, request, reply, article, request.query, articlePath, {
        inline: inlineParts(inline, articlePath),
      }),
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
        article={{ ...article, bodyHtml: inline.bodyHtml }}
        images={images}
        siteName={app.deps.config.siteName}
        cta={cta}
        discussion={discussion}
      />,
    );
  });
}
