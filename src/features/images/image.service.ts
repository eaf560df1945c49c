/**
 * Image pipeline: the original is stored as uploaded (after its type is checked from its bytes), then
 * sharp makes the responsive variants. JPEG/WebP are made at once; AVIF, which is slow to encode, is
 * made after the response by `completeVariants` so no request waits for it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { randomToken } from '../../lib/crypto.js';
import { insertImage, updateImageVariants, findImageById } from './image.repo.js';
import type { ImageVariant } from './image.types.js';

export const VARIANT_WIDTHS = [320, 640, 1024, 1600] as const;
const ALLOWED_INPUT = new Map([['jpeg', 'image/jpeg'], ['png', 'image/png'], ['webp', 'image/webp'], ['avif', 'image/avif'], ['heif', 'image/avif'], ['gif', 'image/gif']]);

export interface ImageDeps {
  db: Kysely<Database>;
  /** DATA_DIR/media */
  mediaDir: string;
  now: Date;
  /** AVIF effort 0–9; keep it low in tests. */
  avifEffort?: number;
}

export interface ImageInput {
  buffer: Buffer;
  alt: string;
  decorative: boolean;
  caption?: string | null;
  credit?: string | null;
  uploadedBy?: number | null;
}

/** Stores an image and its fast variants; returns its id. AVIF variants follow via completeVariants. */
export async function storeImage(deps: ImageDeps, input: ImageInput): Promise<number> {
  if (!input.decorative && input.alt.trim() === '') {
    throw new AppError('VALIDATION', 'Describe the image in its alt text, or mark it as decorative.', { fields: { alt: 'Alt text is required.' } });
  }
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input.buffer).metadata();
  } catch {
    throw new AppError('UNSUPPORTED_MEDIA', 'That file is not an image we can read (JPEG, PNG, WebP, AVIF or GIF).');
  }
  const mime = meta.format ? ALLOWED_INPUT.get(meta.format) : undefined;
  if (!mime || !meta.width || !meta.height) {
    throw new AppError('UNSUPPORTED_MEDIA', 'That file is not an image we can read (JPEG, PNG, WebP, AVIF or GIF).');
  }
  const storageKey = `${deps.now.toISOString().slice(0, 7)}-${randomToken(9)}`;
  const dir = path.join(deps.mediaDir, storageKey);
  await fs.mkdir(dir, { recursive: true });
  const ext = meta.format === 'jpeg' ? 'jpg' : meta.format === 'heif' ? 'avif' : meta.format;
  await fs.writeFile(path.join(dir, `original.${ext}`), input.buffer);

  const { width, height } = orientedSize(meta);
  const variants = await makeVariants(input.buffer, dir, width, ['webp', 'jpeg']);
  return insertImage(deps.db, {
    storageKey, mime, width, height, bytes: input.buffer.length,
    alt: input.decorative ? '' : input.alt.trim(), decorative: input.decorative,
    caption: input.caption?.trim() || null, credit: input.credit?.trim() || null,
    variants, status: 'processing', uploadedBy: input.uploadedBy ?? null, createdAt: deps.now.toISOString(),
  });
}

/** Adds the AVIF variants and marks the image ready. Runs off the request path. */
export async function completeVariants(deps: ImageDeps, imageId: number): Promise<void> {
  const image = await findImageById(deps.db, imageId);
  if (!image || image.status === 'ready') return;
  const dir = path.join(deps.mediaDir, image.storageKey);
  const original = (await fs.readdir(dir)).find((f) => f.startsWith('original.'));
  if (!original) { await updateImageVariants(deps.db, imageId, image.variants, 'failed'); return; }
  const buffer = await fs.readFile(path.join(dir, original));
  const avif = await makeVariants(buffer, dir, image.width, ['avif'], deps.avifEffort ?? 4);
  await updateImageVariants(deps.db, imageId, [...avif, ...image.variants], 'ready');
}

async function makeVariants(buffer: Buffer, dir: string, originalWidth: number, formats: ImageVariant['format'][], avifEffort = 4): Promise<ImageVariant[]> {
  const widths = VARIANT_WIDTHS.filter((w) => w < originalWidth);
  if (widths.length === 0 || originalWidth <= 1600) widths.push(Math.min(originalWidth, 1600) as never);
  const out: ImageVariant[] = [];
  for (const format of formats) {
    for (const w of [...new Set(widths)]) {
      const pipeline = sharp(buffer).rotate().resize({ width: w, withoutEnlargement: true });
      const encoded = format === 'avif' ? pipeline.avif({ quality: 55, effort: avifEffort })
        : format === 'webp' ? pipeline.webp({ quality: 78 })
        : pipeline.jpeg({ quality: 80, mozjpeg: true });
      const file = `${w}.${format === 'jpeg' ? 'jpg' : format}`;
      const info = await encoded.toFile(path.join(dir, file));
      out.push({ format, width: info.width, height: info.height, file });
    }
  }
  return out;
}

function orientedSize(meta: sharp.Metadata): { width: number; height: number } {
  const swap = (meta.orientation ?? 1) >= 5;
  return swap ? { width: meta.height!, height: meta.width! } : { width: meta.width!, height: meta.height! };
}
