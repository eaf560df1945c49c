/**
 * Inline feedback: making anchors from what a reader or editor chose, re-anchoring after every save of
 * an article, the orphan preview editors see before saving, and the per-paragraph counts of a page.
 */
import { msg } from '../../../lib/message.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import { AppError } from '../../../errors.js';
import { touchDiscussion } from '../comment.write.repo.js';
import {
  extractParagraphs,
  makeAnchor,
  normalizeText,
  resolveAnchor,
  type Paragraph,
  type PassageAnchor,
} from './anchor.js';
import { countByPassage, findArticleBody, listArticleAnchors, storeResolution } from './inline.repo.js';

/** Longest quote kept: a passage, not the article. */
export const MAX_QUOTE_LENGTH = 500;
export const PARAGRAPH_ID = '^p\\d{1,4}$';

/**
 * The anchor for a passage the reader chose: the paragraph must exist in the article as it reads now,
 * and the quote (if any) must be in that paragraph. Throws VALIDATION with a message for the form.
 */
export async function anchorFor(
  db: Kysely<Database>,
  articleId: number,
  paragraphId: string,
  exact: string,
): Promise<PassageAnchor> {
  const quote = normalizeText(exact);
  if (quote.length > MAX_QUOTE_LENGTH) {
    throw new AppError('PASSAGE_QUOTE_TOO_LONG', msg('inline.error_quote_too_long', { max: MAX_QUOTE_LENGTH }), {
      fields: { anchor: msg('inline.error_quote_too_long_field') },
    });
  }
  const paragraph = extractParagraphs((await findArticleBody(db, articleId)) ?? '').find((p) => p.id === paragraphId);
  if (!paragraph)
    throw new AppError('PASSAGE_GONE', msg('inline.error_passage_gone'), {
      fields: { anchor: msg('inline.error_passage_gone_field') },
    });
  const respelled = typographicMatch(paragraph.text, quote);
  const anchor = makeAnchor(paragraph, quote) ?? (respelled !== null ? makeAnchor(paragraph, respelled) : null);
  if (!anchor)
    throw new AppError('PASSAGE_QUOTE_MISMATCH', msg('inline.error_quote_mismatch'), {
      fields: { anchor: msg('inline.error_quote_mismatch_field') },
    });
  return anchor;
}

/**
 * Finds every anchor of the article again in its new body and stores where each is now. Call inside
 * the transaction that saves the body; bumps the discussion version when a resolution changed, so the
 * cached fragments (which show quotes and counts) refresh. Comments in the trash are re-anchored too: one
 * restored later must point where its passage is then, not where it was when it was trashed. Returns how
 * many resolutions changed and how many anchors outside the trash are orphaned.
 */
export async function reanchorArticle(
  trx: Kysely<Database>,
  articleId: number,
  bodyHtml: string,
): Promise<{ changed: number; orphaned: number }> {
  const rows = await listArticleAnchors(trx, articleId);
  if (rows.length === 0) return { changed: 0, orphaned: 0 };
  const paragraphs = extractParagraphs(bodyHtml);
  let changed = 0;
  let orphaned = 0;
  for (const row of rows) {
    const r = resolveAnchor(row.anchor, paragraphs);
    if (r.status === 'orphaned' && !row.trashed) orphaned++;
    if (r.status !== row.status || r.paragraphId !== row.current || r.quote !== row.quote) {
      await storeResolution(trx, row, r);
      changed++;
    }
  }
  if (changed > 0) await touchDiscussion(trx, articleId);
  return { changed, orphaned };
}

/** How many anchors that still point to a passage now would point to none after saving `newBodyHtml`. */
export async function previewOrphans(
  db: Kysely<Database>,
  articleId: number,
  newBodyHtml: string,
): Promise<{ orphaned: number; total: number }> {
  const rows = (await listArticleAnchors(db, articleId)).filter((r) => r.status !== 'orphaned' && !r.trashed);
  const paragraphs = extractParagraphs(newBodyHtml);
  return {
    orphaned: rows.filter((r) => resolveAnchor(r.anchor, paragraphs).status === 'orphaned').length,
    total: rows.length,
  };
}

/** Straight and typographic quotes and dashes compare alike (the body is typeset; a reader may type or paste either). */
const plainPunctuation = (s: string): string =>
  s
    .replace(/[“”„‟]/g, '"')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/[–—]/g, '-');

/** The paragraph's own spelling of a quote that differs only in punctuation style (one-to-one replacements keep offsets). */
function typographicMatch(text: string, quote: string): string | null {
  const at = plainPunctuation(text).indexOf(plainPunctuation(quote));
  return at < 0 ? null : text.slice(at, at + quote.length);
}

/** Comments per paragraph by article and discussion version; one per context (deps.caches.passageCounts). */
export type PassageCountCache = Map<string, Map<string, number>>;

/** Comments per paragraph, cached per discussion version (which every change of an anchored comment bumps). */
export async function passageCounts(
  db: Kysely<Database>,
  countCache: PassageCountCache,
  articleId: number,
  version: number,
): Promise<Map<string, number>> {
  const key = `${articleId}:${version}`;
  const hit = countCache.get(key);
  if (hit) return hit;
  const counts = await countByPassage(db, articleId);
  countCache.set(key, counts);
  if (countCache.size > 1000) countCache.delete(countCache.keys().next().value!);
  return counts;
}

/** A paragraph's first words, for the paragraph choice of the form without JavaScript. */
export function paragraphLabel(p: Paragraph, words = 8): string {
  const w = p.text.split(' ');
  return `¶${p.id.slice(1)}: ${w.slice(0, words).join(' ')}${w.length > words ? '…' : ''}`;
}
