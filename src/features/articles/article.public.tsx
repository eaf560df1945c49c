/**
 * A published article for programs (the Content API): the article and its body as the page shows it, with
 * the images placed in the body rendered as their figures. The page's other inserts (the call to action,
 * the discussion's passage tools) belong to the page, not to the story, and are left out.
 */
import { renderToString } from 'preact-render-to-string';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { normalizeSlug } from '../../lib/slug.js';
import { ArticleFigure, findImagesByIds } from '../images/index.js';
import { imageIdsInBody } from './article.markdown.js';
import { findPublishedArticleBySlug, findSlugRedirect } from './article.repo.js';
import type { Article } from './article.types.js';

const PLACEHOLDER = /<figure data-image-id="(\d+)"><\/figure>/g;

/**
 * A published article (or, with kind 'page', a page) by its slug, with `bodyHtml` ready to show; `{ moved }` when the slug is a
 * former one; undefined when there is no such published article (drafts and scheduled ones included).
 */
export async function findPublicArticle(
  db: Kysely<Database>,
  rawSlug: string,
  kind: 'article' | 'page' = 'article',
): Promise<{ article: Article; bodyHtml: string } | { moved: string } | undefined> {
  const slug = normalizeSlug(rawSlug);
  const article = await findPublishedArticleBySlug(db, slug, kind);
  if (!article) {
    const moved = await findSlugRedirect(db, slug);
    return moved ? { moved } : undefined;
  }
  const images = await findImagesByIds(db, imageIdsInBody(article.bodyHtml));
  let index = 0;
  const bodyHtml = article.bodyHtml.replace(PLACEHOLDER, (_m, id: string) => {
    const image = images.get(Number(id));
    return image ? renderToString(<ArticleFigure image={image} index={index++} />) : '';
  });
  return { article, bodyHtml };
}
