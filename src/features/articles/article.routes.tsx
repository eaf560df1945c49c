import { Type } from 'typebox';
import type { AppInstance } from '../../app.js';
import { notFound } from '../../errors.js';
import { findImagesByIds } from '../images/image.repo.js';
import { DISCUSSION_QUERY, discussionSection } from '../comments/discussion-section.js';
import { findPublishedArticleBySlug, findSlugRedirect, listPublishedArticles } from './article.repo.js';
import { imageIdsInBody } from './article.markdown.js';
import { ArticlePage } from './views/ArticlePage.js';
import { HomePage } from './views/HomePage.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const ArticleQuery = Type.Object({ ...DISCUSSION_QUERY });

export async function articleRoutes(app: AppInstance): Promise<void> {
  const { db } = app.deps;

  app.get('/', async (request, reply) => {
    const articles = await listPublishedArticles(db.kysely, { limit: 13 });
    return reply.page({ title: app.deps.config.siteName, description: 'Latest news', canonical: `${app.deps.config.siteUrl}/` }, <HomePage articles={articles} />);
  });

  app.get('/articles/:slug', { schema: { params: SlugParams, querystring: ArticleQuery } }, async (request, reply) => {
    const { slug } = request.params;
    const article = await findPublishedArticleBySlug(db.kysely, slug);
    if (!article) {
      const moved = await findSlugRedirect(db.kysely, slug);
      if (moved) return reply.redirect(`/articles/${moved}`, 301);
      throw notFound('article');
    }
    const articlePath = `/articles/${article.slug}`;
    const [images, discussion] = await Promise.all([
      findImagesByIds(db.kysely, imageIdsInBody(article.bodyHtml)),
      discussionSection(app.deps, request, reply, article, request.query, articlePath),
    ]);
    const canonical = `${app.deps.config.siteUrl}${articlePath}`;
    return reply.page(
      { title: article.headline, description: article.excerpt, canonical, scripts: ['viewer.js', 'discussion.js'] },
      <ArticlePage
        article={article}
        images={images}
        siteName={app.deps.config.siteName}
        cta={{ above: true, below: true, afterParagraph: null }}
        discussion={discussion}
      />,
    );
  });
}
