/**
 * articles.card_image_id, the picture of an article's card (its lead image, else the first library image
 * placed in its body), is derived at write time: every write of a body or a lead image (the editor, the
 * importers, the demo seed) stores it, so a listing reads one column instead of every card's body.
 * A site restore brings the column with the rest of the row.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { findImagesByIds } from '../images/index.js';
import { imageIdsInBody } from './article.markdown.js';

type DB = Kysely<Database>;

/**
 * The card image for this lead image and body: the lead image, else the first image of the body that is in
 * the library (an imported body may name one that is not; the column references images).
 */
export async function deriveCardImage(db: DB, leadImageId: number | null, bodyHtml: string): Promise<number | null> {
  if (leadImageId !== null) return leadImageId;
  const placed = imageIdsInBody(bodyHtml);
  if (placed.length === 0) return null;
  const found = await findImagesByIds(db, placed);
  return placed.find((id) => found.has(id)) ?? null;
}

/** Recomputes the card image of one article from its row as it is now (after a body or lead image changed). */
export async function refreshCardImage(db: DB, articleId: number): Promise<void> {
  const row = await db
    .selectFrom('articles')
    .select(['lead_image_id', 'body_html'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row) return;
  const card = await deriveCardImage(db, row.lead_image_id, row.body_html);
  await db.updateTable('articles').set({ card_image_id: card }).where('id', '=', articleId).execute();
}
