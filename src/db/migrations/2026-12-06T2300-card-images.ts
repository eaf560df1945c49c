/**
 * Listings: the picture of each article's card (its lead image, else the first library image placed in its
 * body) becomes a column written with the article, so a listing no longer reads the bodies of its cards.
 * Backfills the articles there are: the lead image where there is one, else the first image of the body
 * that is in the library.
 *
 * Self-contained on purpose (a shipped migration is never edited): the figure pattern is copied from
 * src/features/articles/article.markdown.ts as it is on this date.
 */
import type { Kysely } from 'kysely';

interface Tables {
  articles: { id: number; lead_image_id: number | null; card_image_id: number | null; body_html: string };
  images: { id: number };
}

const PAGE = 500;

function imageIdsInBody(html: string): number[] {
  return [...html.matchAll(/<figure data-image-id="(\d+)"><\/figure>/g)].map((m) => Number(m[1]));
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  await untyped.schema
    .alterTable('articles')
    .addColumn('card_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
    .execute();
  await backfillCardImages(untyped);
}

/** Sets the card image of every article from its lead image and body (exported for its test). */
export async function backfillCardImages(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  await db
    .updateTable('articles')
    .set((eb) => ({ card_image_id: eb.ref('lead_image_id') }))
    .where('lead_image_id', 'is not', null)
    .execute();
  // Articles without a lead image whose body places an image, a page at a time (bodies can be long).
  for (let after = 0; ;) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'body_html'])
      .where('lead_image_id', 'is', null)
      .where('body_html', 'like', '%<figure data-image-id=%')
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const placed = new Map(rows.map((r) => [r.id, imageIdsInBody(r.body_html)]));
    // Ids typed by hand may exceed an integer column; those name no image.
    const wanted = [...new Set([...placed.values()].flat())].filter(
      (id) => Number.isSafeInteger(id) && id <= 2 ** 31 - 1,
    );
    const known = new Set(
      wanted.length
        ? (await db.selectFrom('images').select('id').where('id', 'in', wanted).execute()).map((r) => r.id)
        : [],
    );
    for (const [id, ids] of placed) {
      const card = ids.find((i) => known.has(i));
      if (card !== undefined)
        await db.updateTable('articles').set({ card_image_id: card }).where('id', '=', id).execute();
    }
  }
}
