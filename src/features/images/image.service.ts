/**
 * Image pipeline: the original's type is checked from its bytes (never its name), the original is kept
 * outside the public media folder (it may carry EXIF data such as a camera's GPS position), and sharp
 * makes the responsive variants, which carry no metadata. JPEG and WebP are made during the upload;
 * AVIF, slow to encode, is made by the variant worker (`processPendingImages`, a background job) that
 * claims images in the database, so the work survives a restart and is shared by several processes.
 *
 * Files go through the media store (deps.media: DATA_DIR or an S3 bucket): `originals/<key>.<ext>` and
 * `media/<key>/<width>.<ext>`, so the worker reads an original another machine uploaded.
 */
import sharp from 'sharp';
import { msg, type Text } from '../../lib/message.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import type { MediaStore } from '../../platform/media-store.js';
import { randomToken } from '../../lib/crypto.js';
import {
  claimImageForVariants,
  findImageAttempts,
  findImageById,
  findImagesAwaitingVariants,
  finishImageClaim,
  insertImage,
} from './image.repo.js';
import type { ImageVariant } from './image.types.js';

export const VARIANT_WIDTHS = [320, 640, 1024, 1600] as const;
/** Largest upload accepted (the multipart limit uses the same number). */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** Larger images are refused before decoding: a small file can hold a huge canvas. */
export const MAX_PIXELS = 80_000_000;
/** How long a worker owns an image before another may take it over. */
const CLAIM_MS = 10 * 60_000;
/** Attempts before an image is marked failed (its JPEG/WebP variants still work). */
const MAX_ATTEMPTS = 3;
const ALLOWED_INPUT = new Map([
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
  ['avif', 'image/avif'],
  ['heif', 'image/avif'],
  ['gif', 'image/gif'],
]);
const NOT_AN_IMAGE = msg('images.not_an_image');

/** What the image services use from the context: the database, the time, and the media store. */
export type ImageCtx = Pick<Deps, 'db' | 'clock' | 'media'>;

/** How hard the AVIF encoder works, 0–9 (4 unless given); keep it low in tests. */
export interface VariantOptions {
  avifEffort?: number;
}

/** The store's folder of an image's public variants (served at /media/<storageKey>/). */
const variantPrefix = (storageKey: string) => `media/${storageKey}/`;
/** The store's private originals: `originals/<storageKey>.<ext>`, never served. */
const originalPrefix = (storageKey: string) => `originals/${storageKey}.`;

export interface ImageInput {
  buffer: Buffer;
  alt: string;
  decorative: boolean;
  caption?: string | null;
  credit?: string | null;
  uploadedBy?: number | null;
}

/** Checks alt text, caption and credit; the same rules for uploads and later edits. */
export function checkImageText(input: {
  alt: string;
  decorative: boolean;
  caption?: string | null;
  credit?: string | null;
}): { alt: string; caption: string | null; credit: string | null } {
  const alt = input.alt.replace(/\s+/g, ' ').trim();
  const caption = input.caption?.replace(/\s+/g, ' ').trim() || null;
  const credit = input.credit?.replace(/\s+/g, ' ').trim() || null;
  const fields: Record<string, Text> = {};
  if (!input.decorative && alt === '') fields.alt = msg('images.alt_required_field');
  if (alt.length > 1000) fields.alt = msg('images.alt_too_long');
  if (caption && caption.length > 1000) fields.caption = msg('images.caption_too_long');
  if (credit && credit.length > 200) fields.credit = msg('images.credit_too_long');
  if (Object.keys(fields).length > 0)
    throw new AppError(
      'IMAGE_TEXT_INVALID',
      fields.alt && !input.decorative && alt === '' ? msg('images.alt_required') : msg('images.fields_need_attention'),
      { fields },
    );
  return { alt: input.decorative ? '' : alt, caption, credit };
}

/** Stores an image and its fast variants; returns its id. AVIF variants follow from the worker. */
export async function storeImage(ctx: ImageCtx, input: ImageInput): Promise<number> {
  return storeImageIn(ctx.db.kysely, ctx.media, ctx.clock.now(), input);
}

/** storeImage on a given connection (an importer's), into a given store, at a given time. */
export async function storeImageIn(
  db: Kysely<Database>,
  media: MediaStore,
  now: Date,
  input: ImageInput,
): Promise<number> {
  const text = checkImageText(input);
  if (input.buffer.length > MAX_UPLOAD_BYTES) throw tooLarge();
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input.buffer).metadata();
  } catch {
    throw new AppError('IMAGE_UNREADABLE', NOT_AN_IMAGE, { fields: { file: NOT_AN_IMAGE } });
  }
  const mime = meta.format ? ALLOWED_INPUT.get(meta.format) : undefined;
  if (!mime || !meta.width || !meta.height)
    throw new AppError('IMAGE_UNREADABLE', NOT_AN_IMAGE, { fields: { file: NOT_AN_IMAGE } });
  if (meta.width * meta.height > MAX_PIXELS) {
    const m = msg('images.too_many_pixels', { width: meta.width, height: meta.height, limit: MAX_PIXELS / 1_000_000 });
    throw new AppError('IMAGE_TOO_MANY_PIXELS', m, { fields: { file: m } });
  }
  const storageKey = `${now.toISOString().slice(0, 7)}-${randomToken(9)}`;
  const ext = meta.format === 'jpeg' ? 'jpg' : meta.format === 'heif' ? 'avif' : meta.format!;
  try {
    await media.put(`${originalPrefix(storageKey)}${ext}`, input.buffer);
    const { width, height } = orientedSize(meta);
    const variants = await makeVariants(media, storageKey, input.buffer, width, ['webp', 'jpeg']);
    return await insertImage(db, {
      storageKey,
      mime,
      width,
      height,
      bytes: input.buffer.length,
      alt: text.alt,
      decorative: input.decorative,
      caption: text.caption,
      credit: text.credit,
      variants,
      status: 'processing',
      uploadedBy: input.uploadedBy ?? null,
      createdAt: iso(now),
    });
  } catch (err) {
    // Nothing half-made stays behind: no files without a row.
    await removeImageFiles(media, storageKey).catch(() => undefined);
    if (err instanceof AppError) throw err;
    const m = msg('images.damaged');
    throw new AppError('IMAGE_DAMAGED', m, { fields: { file: m }, cause: err });
  }
}

/** Deletes an image's variants and original (after its row is gone). */
export async function removeImageFiles(media: MediaStore, storageKey: string): Promise<void> {
  if (!/^[\w-]+$/.test(storageKey)) return;
  const keys: string[] = [];
  for (const prefix of [variantPrefix(storageKey), originalPrefix(storageKey)])
    for await (const o of media.list(prefix)) keys.push(o.key);
  await media.delete(keys);
}

/** Adds the AVIF variants and marks the image ready. Idempotent: a second run replaces, never duplicates. */
export async function completeVariants(ctx: ImageCtx & VariantOptions, imageId: number): Promise<void> {
  await completeVariantsIn(ctx.db.kysely, ctx.media, imageId, ctx.avifEffort);
}

/** completeVariants on a given connection (an importer's), in a given store. */
export async function completeVariantsIn(
  db: Kysely<Database>,
  media: MediaStore,
  imageId: number,
  avifEffort = 4,
): Promise<void> {
  const image = await findImageById(db, imageId);
  if (!image || image.status === 'ready') return;
  const buffer = await readOriginal(media, image.storageKey);
  if (!buffer) {
    await finishImageClaim(db, imageId, { status: 'failed' });
    return;
  }
  const avif = await makeVariants(media, image.storageKey, buffer, image.width, ['avif'], avifEffort);
  await finishImageClaim(db, imageId, {
    variants: [...avif, ...image.variants.filter((v) => v.format !== 'avif')],
    status: 'ready',
  });
}

/** The original, from originals/ (or, for images stored by early versions, media/<key>/original.*). */
async function readOriginal(media: MediaStore, storageKey: string): Promise<Buffer | undefined> {
  for (const prefix of [originalPrefix(storageKey), `${variantPrefix(storageKey)}original.`]) {
    for await (const o of media.list(prefix)) {
      const found = await media.get(o.key);
      if (!found) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of found.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }
  }
  return undefined;
}

/**
 * The variant worker: claims images still 'processing' and makes their AVIF variants. Several processes
 * may run it at once; each image is claimed by exactly one (see claimImageForVariants). A failure
 * releases the claim with a delay; after MAX_ATTEMPTS the image is marked failed.
 */
export async function processPendingImages(
  ctx: ImageCtx & Pick<Deps, 'log'> & VariantOptions,
  limit = 4,
): Promise<number[]> {
  const db = ctx.db.kysely;
  const at = ctx.clock.now();
  const now = iso(at);
  const done: number[] = [];
  for (const id of await findImagesAwaitingVariants(db, now, limit)) {
    if (!(await claimImageForVariants(db, id, now, iso(new Date(at.getTime() + CLAIM_MS))))) continue;
    try {
      await completeVariants(ctx, id);
      done.push(id);
    } catch (err) {
      const attempts = await findImageAttempts(db, id);
      ctx.log.warn({ err, imageId: id, attempts }, 'image variants failed');
      await finishImageClaim(
        db,
        id,
        attempts >= MAX_ATTEMPTS
          ? { status: 'failed' }
          : { status: 'processing', retryAt: iso(new Date(at.getTime() + attempts * 60_000)) },
      );
    }
  }
  return done;
}

async function makeVariants(
  media: MediaStore,
  storageKey: string,
  buffer: Buffer,
  originalWidth: number,
  formats: ImageVariant['format'][],
  avifEffort = 4,
): Promise<ImageVariant[]> {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < originalWidth);
  if (originalWidth <= 1600) widths.push(originalWidth);
  const out: ImageVariant[] = [];
  for (const format of formats) {
    for (const w of [...new Set(widths)]) {
      const pipeline = sharp(buffer, { limitInputPixels: MAX_PIXELS })
        .rotate()
        .resize({ width: w, withoutEnlargement: true });
      const encoded =
        format === 'avif'
          ? pipeline.avif({ quality: 55, effort: avifEffort })
          : format === 'webp'
            ? pipeline.webp({ quality: 78 })
            : pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true });
      const file = `${w}.${format === 'jpeg' ? 'jpg' : format}`;
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      await media.put(`${variantPrefix(storageKey)}${file}`, data);
      out.push({ format, width: info.width, height: info.height, file });
    }
  }
  return out;
}

function orientedSize(meta: sharp.Metadata): { width: number; height: number } {
  const swap = (meta.orientation ?? 1) >= 5;
  return swap ? { width: meta.height!, height: meta.width! } : { width: meta.width!, height: meta.height! };
}

export function tooLarge(): AppError {
  const m = msg('images.too_large', { mb: MAX_UPLOAD_BYTES / 1024 / 1024, width: 3000 });
  return new AppError('IMAGE_TOO_LARGE', m, { fields: { file: m } });
}
