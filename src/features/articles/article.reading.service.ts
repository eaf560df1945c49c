/** The article page as readers get it: the published article, or where its address moved to. */
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { normalizeSlug, slugPath } from '../../lib/slug.js';
import { findImagesByIds, type Image } from '../images/index.js';
import { imageIdsInBody } from './article.markdown.js';
import { findPublishedArticleBySlug, findSlugRedirect } from './article.repo.js';
import type { Article } from './article.types.js';
import { getCtaPlacement } from './cta.settings.js';
import type { CtaPlacement } from './views/ArticlePage.js';

export interface ArticlePageData<T> {
  article: Article;
  /** The article's address on this site (/articles/<slug>). */
  articlePath: string;
  canonical: string;
  /** Images placed in the body, by id. */
  images: Map<number, Image>;
  cta: CtaPlacement;
  /** The image shared with the link: the lead image, else the first image of the body. */
  shareImage: Image | null;
  /** What `discussion` made of the article (the comments feature's parts of the page). */
  discussion: T;
}

/**
 * A published article by its address, with what its page shows; `{ moved }` when the address is a
 * former slug (301 there). Slugs are stored in NFC and lower case, so an address typed or decomposed
 * otherwise finds them too. `discussion` builds the other features' parts of the page, alongside.
 */
export async function loadArticlePage<T>(
  deps: Pick<Deps, 'db' | 'config'>,
  rawSlug: string,
  discussion: (article: Article, articlePath: string) => Promise<T>,
): Promise<{ moved: string } | ArticlePageData<T>> {
  const db = deps.db.kysely;
  const slug = normalizeSlug(rawSlug);
  const article = await findPublishedArticleBySlug(db, slug);
  if (!article) {
    const moved = await findSlugRedirect(db, slug);
    if (moved) return { moved };
    throw notFound('ARTICLE_NOT_FOUND', 'article');
  }
  const articlePath = slugPath('articles', article.slug);
  const placed = imageIdsInBody(article.bodyHtml);
  const [images, cta, shown] = await Promise.all([
    findImagesByIds(db, placed),
    getCtaPlacement(db),
    discussion(article, articlePath),
  ]);
  return {
    article,
    articlePath,
    canonical: `${deps.config.siteUrl}${articlePath}`,
    images,
    cta,
    shareImage: article.leadImage ?? images.get(placed[0] ?? 0) ?? null,
    discussion: shown,
  };
}
