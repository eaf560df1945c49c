import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ImageRow } from './image.table.js';
import type { Image, ImageVariant } from './image.types.js';

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

export async function findImagesByIds(db: Kysely<Database>, ids: number[]): Promise<Map<number, Image>> {
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
  const row = await db.insertInto('images').values({
    storage_key: img.storageKey, mime: img.mime, width: img.width, height: img.height, bytes: img.bytes,
    alt: img.alt, decorative: img.decorative ? 1 : 0, caption: img.caption, credit: img.credit,
    variants: JSON.stringify(img.variants), status: img.status, uploaded_by: img.uploadedBy, created_at: img.createdAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateImageVariants(db: Kysely<Database>, id: number, variants: ImageVariant[], status: Image['status']): Promise<void> {
  await db.updateTable('images').set({ variants: JSON.stringify(variants), status }).where('id', '=', id).execute();
}
