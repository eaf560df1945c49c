import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { ArticleHead, articleDescription } from './article.seo.js';
import { brandFileUrl } from '../../platform/brand-urls.js';
import { loadArticlePage } from './article.reading.service.js';
import { ArticlePage } from './views/ArticlePage.js';
import { readSiteIdentity } from '../../platform/site-identity.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });

export async function articleRoutes(app: AppInstance): Promise<void> {
  const { config } = app.deps;
  // The discussion and its passage comments are the comments feature's, provided at composition.
  const parts = app.deps.hooks.articles.reading.get();
  const ArticleQuery = Type.Object({ ...parts.query });

  // The home page lives with the other listings (src/features/listings).
  app.get('/articles/:slug', { schema: { params: SlugParams, querystring: ArticleQuery } }, async (request, reply) => {
    const page = await loadArticlePage(app.deps, request.params.slug, (article, articlePath) =>
      parts.render(app.deps, request, reply, article, request.query, articlePath),
    );
    if ('moved' in page) return reply.redirect(page.moved, 301);
    const { article, discussion: shown } = page;
    const site = await readSiteIdentity(app.deps);
    const head = (
      <ArticleHead
        site={{
          siteUrl: config.siteUrl,
          siteName: site.name,
          ...(site.logo ? { logoUrl: config.siteUrl + brandFileUrl('logo', site.logo.hash, 'logo.png') } : {}),
        }}
        article={article}
        image={page.shareImage}
      />
    );
    return reply.page(
      {
        title: article.headline,
        description: articleDescription(article),
        canonical: page.canonical,
        scripts: ['viewer.js', 'discussion.js', 'inline.js'],
        head,
      },
      <ArticlePage
        article={{ ...article, bodyHtml: shown.bodyHtml }}
        images={page.images}
        siteName={site.name}
        appeal={site.appeal}
        cta={page.cta}
        discussion={shown.below}
      />,
    );
  });
}
