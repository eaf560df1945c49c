/**
 * Previews: the article page as it would look, built from the editor's unsaved input or from the saved
 * row, without writing anything. Rendering goes through the same renderArticleBody and ArticlePage as
 * the live page, so what the editor sees is what readers will get.
 */
import type { Kysely } from 'kysely';
import { msg } from '../../lib/message.js';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { findImagesByIds } from '../images/index.js';
import type { Image } from '../images/index.js';
import { findArticleById, listSections } from './article.repo.js';
import { cardImageOf, imageIdsInBody, renderArticleBody } from './article.markdown.js';
import { summaryText } from './article.seo.js';
import type { ArticleInput } from './article.input.js';
import { assertCan, canView, canWrite, type Actor } from './article.policy.js';
import type { Article } from './article.types.js';
import { findBylinesByIds } from './article.links.repo.js';
import { findEditableArticle } from './article.write.repo.js';

export interface Preview {
  article: Article;
  /** Images placed in the body, by id. */
  images: Map<number, Image>;
}

/** The saved version of an article, in any status. */
export async function previewSaved(db: Kysely<Database>, actor: Actor, id: number): Promise<Preview> {
  const editable = await findEditableArticle(db, id);
  if (!editable) throw notFound('ARTICLE_NOT_FOUND', 'article');
  assertCan(canView(actor, editable), 'ARTICLE_EDIT_FORBIDDEN', msg('editor.preview_own_only'));
  const article = (await findArticleById(db, id))!;
  return { article, images: await findImagesByIds(db, imageIdsInBody(article.bodyHtml)) };
}

/** Unsaved input from the edit form, on top of the saved article when there is one. */
export async function previewInput(
  db: Kysely<Database>,
  actor: Actor,
  input: ArticleInput,
  id: number | null,
  now: Date,
): Promise<Preview> {
  const saved = id !== null ? await findArticleById(db, id) : undefined;
  if (id !== null) {
    const editable = await findEditableArticle(db, id);
    if (!editable || !saved) throw notFound('ARTICLE_NOT_FOUND', 'article');
    assertCan(canView(actor, editable), 'ARTICLE_EDIT_FORBIDDEN', msg('editor.preview_own_only'));
  } else {
    assertCan(canWrite(actor), 'ARTICLE_WRITE_FORBIDDEN', msg('editor.write_forbidden'));
  }
  if (input.headline === '')
    throw new AppError('ARTICLE_HEADLINE_REQUIRED', msg('editor.preview_headline_required'), {
      fields: { headline: msg('editor.headline_required') },
    });
  const bodyHtml = renderArticleBody(input.bodyMd);
  const wanted = [...imageIdsInBody(bodyHtml), ...(input.leadImageId !== null ? [input.leadImageId] : [])];
  const [images, sections, bylines] = await Promise.all([
    findImagesByIds(db, wanted),
    listSections(db),
    findBylinesByIds(db, input.bylineIds),
  ]);
  const t = iso(now);
  const article: Article = {
    id: saved?.id ?? 0,
    slug: input.slug || saved?.slug || 'preview',
    headline: input.headline,
    excerpt: input.excerpt,
    publishedAt: saved?.publishedAt ?? t,
    section: sections.find((s) => s.id === input.sectionId) ?? null,
    bylines,
    leadImage: input.leadImageId !== null ? (images.get(input.leadImageId) ?? null) : null,
    cardImage: images.get(input.leadImageId ?? imageIdsInBody(bodyHtml)[0] ?? 0) ?? null,
    commentCount: saved?.commentCount ?? 0,
    bodyHtml,
    bodyMd: input.bodyMd,
    dateline: input.dateline,
    status: saved?.status ?? 'draft',
    publishAt: saved?.publishAt ?? null,
    createdAt: saved?.createdAt ?? t,
    updatedAt: t,
    tags: input.tags.map((tag, i) => ({ id: -i - 1, slug: tag.slug, name: tag.name })),
    corrections: saved?.corrections ?? [],
    commentsOpen: saved?.commentsOpen ?? true,
    commentsVersion: saved?.commentsVersion ?? 0,
  };
  return { article, images };
}

/** The editor's live preview: the body, and what a link to the article shows when shared or found. */
export async function previewBody(
  db: Kysely<Database>,
  actor: Actor,
  input: { bodyMd: string; headline: string; excerpt: string; leadImageId: number | null },
): Promise<{ bodyHtml: string; images: Map<number, Image>; card: SharePreview }> {
  assertCan(canWrite(actor), 'ARTICLE_WRITE_FORBIDDEN', msg('editor.write_forbidden'));
  const bodyHtml = renderArticleBody(input.bodyMd);
  const cardId = cardImageOf(input.leadImageId, bodyHtml);
  const images = await findImagesByIds(db, [...imageIdsInBody(bodyHtml), ...(cardId !== null ? [cardId] : [])]);
  const card = {
    title: input.headline.replace(/\s+/g, ' ').trim(),
    description: summaryText(input.excerpt, bodyHtml),
    image: cardId !== null ? (images.get(cardId) ?? null) : null,
  };
  return { bodyHtml, images, card };
}

/** What a social card and a search result show of the article (the same fields as its page's meta tags). */
export interface SharePreview {
  title: string;
  description: string;
  image: Image | null;
}
