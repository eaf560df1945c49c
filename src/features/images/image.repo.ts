import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { likeOperator, type DialectName } from '../../db/dialect.js';
import type { ImageRow } from './image.table.js';
import type { Image, ImageVariant } from './image.types.js';
import { isRowId } from '../../lib/ids.js';

export function toImage(row: ImageRow): Image {
  return {
    id: row.id,
    storageKey: row.storage_key,
    mime: row.mime,
    width: row.width,
    height: row.height,
    alt: row.alt,
    decorative: row.decorative === 1,
    caption: row.caption,
    credit: row.credit,
    variants: JSON.parse(row.variants) as ImageVariant[],
    status: row.status,
  };
}

export async function findImageById(db: Kysely<Database>, id: number): Promise<Image | undefined> {
  const row = await db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toImage(row) : undefined;
}

export async function findImagesByIds(db: Kysely<Database>, wanted: number[]): Promise<Map<number, Image>> {
  // Ids come from article bodies, typed by hand (`image:99999999999`): one no row can have is simply
  // not found, rather than a PostgreSQL integer overflow.
  const ids = wanted.filter(isRowId);
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('images').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, toImage(r)]));
}

export interface NewImage {
  storageKey: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  decorative: boolean;
  caption: string | null;
  credit: string | null;
  variants: ImageVariant[];
  status: Image['status'];
  uploadedBy: number | null;
  createdAt: string;
}

export async function insertImage(db: Kysely<Database>, img: NewImage): Promise<number> {
  const row = await db
    .insertInto('images')
    .values({
      storage_key: img.storageKey,
      mime: img.mime,
      width: img.width,
      height: img.height,
      bytes: img.bytes,
      alt: img.alt,
      decorative: img.decorative ? 1 : 0,
      caption: img.caption,
      credit: img.credit,
      variants: JSON.stringify(img.variants),
      status: img.status,
      uploaded_by: img.uploadedBy,
      created_at: img.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateImageVariants(
  db: Kysely<Database>,
  id: number,
  variants: ImageVariant[],
  status: Image['status'],
): Promise<void> {
  await db
    .updateTable('images')
    .set({ variants: JSON.stringify(variants), status })
    .where('id', '=', id)
    .execute();
}

/** The library, newest first; `beforeId` is the cursor, `q` matches alt text, caption or credit. */
export async function listLibraryImages(
  db: Kysely<Database>,
  dialect: DialectName,
  opts: { limit: number; beforeId?: number; q?: string },
): Promise<Image[]> {
  let q = db.selectFrom('images').selectAll();
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  if (opts.q) {
    // A typed % or \ must not act as a wildcard or escape: it matches as "any one character" instead.
    const pattern = `%${opts.q.replace(/[\\%]/g, '_')}%`;
    const op = likeOperator(dialect);
    q = q.where((eb) => eb.or([eb('alt', op, pattern), eb('caption', op, pattern), eb('credit', op, pattern)]));
  }
  const rows = await q.orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map(toImage);
}

export async function updateImageText(
  db: Kysely<Database>,
  id: number,
  t: { alt: string; decorative: boolean; caption: string | null; credit: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('images')
    .set({ alt: t.alt, decorative: t.decorative ? 1 : 0, caption: t.caption, credit: t.credit })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Articles that show an image: placed in the body or chosen as lead image. */
export async function findImageUsage(
  db: Kysely<Database>,
  id: number,
): Promise<Array<{ id: number; headline: string; status: string }>> {
  return db
    .selectFrom('articles')
    .select(['id', 'headline', 'status'])
    .where((eb) =>
      eb.or([
        eb('lead_image_id', '=', id),
        eb.exists(
          eb
            .selectFrom('article_images')
            .select('article_images.image_id')
            .whereRef('article_images.article_id', '=', 'articles.id')
            .where('article_images.image_id', '=', id),
        ),
      ]),
    )
    .orderBy('id', 'desc')
    .execute();
}

export async function deleteImageRow(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('images').where('id', '=', id).execute();
}

export async function findImageUploader(db: Kysely<Database>, id: number): Promise<number | null | undefined> {
  const row = await db.selectFrom('images').select('uploaded_by').where('id', '=', id).executeTakeFirst();
  return row ? row.uploaded_by : undefined;
}

/** Images still waiting for their slow variants and not claimed by a live worker: candidates only. */
export async function findImagesAwaitingVariants(db: Kysely<Database>, now: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('images')
    .select('id')
    .where('status', '=', 'processing')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims an image for the variant worker until `until`. The conditional UPDATE is the lock: of several
 * processes racing for the same image, exactly one changes the row. A worker that dies leaves a claim
 * that expires, and the image is taken again (that is how work survives a restart).
 */
export async function claimImageForVariants(
  db: Kysely<Database>,
  id: number,
  now: string,
  until: string,
): Promise<boolean> {
  const res = await db
    .updateTable('images')
    .set({ claimed_until: until, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .where('status', '=', 'processing')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Ends a claim: done (ready or failed) or released to be tried again after `retryAt`. */
export async function finishImageClaim(
  db: Kysely<Database>,
  id: number,
  result: { variants?: ImageVariant[]; status: Image['status']; retryAt?: string },
): Promise<void> {
  await db
    .updateTable('images')
    .set({
      status: result.status,
      claimed_until: result.retryAt ?? null,
      ...(result.variants ? { variants: JSON.stringify(result.variants) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function findImageAttempts(db: Kysely<Database>, id: number): Promise<number> {
  const row = await db.selectFrom('images').select('attempts').where('id', '=', id).executeTakeFirst();
  return row?.attempts ?? 0;
}
