/**
 * The site's logo and favicon through the image pipeline's rules: the type is read from the bytes (JPEG, PNG or
 * WebP; SVG is refused, since an SVG can carry script), the same size and pixel limits as any upload, and sharp
 * writes new files without metadata. The results are small (a header-sized logo, icons up to 512 px) and are
 * kept with the site settings in the database, so every process and machine serves the same files without a
 * shared disk or object store.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../../errors.js';
import { msg, type Text } from '../../lib/message.js';
import { MAX_PIXELS, MAX_UPLOAD_BYTES } from './image.service.js';

/** Formats a logo or favicon may be uploaded in. */
const BRAND_INPUT = new Set(['jpeg', 'png', 'webp']);
/** The logo is drawn at most this tall in the header (CSS px); its files are made at twice that for sharp screens. */
export const LOGO_HEADER_HEIGHT = 56;
const LOGO_MAX_WIDTH = 640;
export const LOGO_MIN = { width: 64, height: 24 };
export const FAVICON_MIN = 64;
export const FAVICON_SIZES = [32, 180, 192, 512] as const;

/** A generated file: its bytes and type. */
export interface BrandFile {
  type: 'image/png' | 'image/webp' | 'image/x-icon';
  data: Buffer;
}

export interface LogoFiles {
  /** Short content hash: part of the files' addresses, so they can be cached for good. */
  hash: string;
  /** Size of the generated files in pixels (drawn at half that). */
  width: number;
  height: number;
  files: { 'logo.webp': BrandFile; 'logo.png': BrandFile };
}

export interface FaviconFiles {
  hash: string;
  files: Record<'favicon.ico' | 'icon-32.png' | 'icon-180.png' | 'icon-192.png' | 'icon-512.png', BrandFile>;
}

const fail = (
  code: 'IMAGE_UNREADABLE' | 'IMAGE_TOO_SMALL' | 'IMAGE_NOT_SQUARE' | 'IMAGE_TOO_MANY_PIXELS' | 'IMAGE_TOO_LARGE',
  m: Text,
) => new AppError(code, m, { fields: { file: m } });

async function readBrandImage(buffer: Buffer): Promise<{ width: number; height: number }> {
  if (buffer.length === 0) {
    throw new AppError('IMAGE_FILE_REQUIRED', msg('images.file_required'), {
      fields: { file: msg('images.file_required') },
    });
  }
  if (buffer.length > MAX_UPLOAD_BYTES)
    throw fail('IMAGE_TOO_LARGE', msg('images.brand_too_large', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
  let meta: sharp.Metadata;
  try {
    meta = await sharp(buffer).metadata();
  } catch {
    throw fail('IMAGE_UNREADABLE', msg('images.brand_not_picture'));
  }
  if (!meta.format || !BRAND_INPUT.has(meta.format) || !meta.width || !meta.height)
    throw fail('IMAGE_UNREADABLE', msg('images.brand_not_picture'));
  if (meta.width * meta.height > MAX_PIXELS)
    throw fail(
      'IMAGE_TOO_MANY_PIXELS',
      msg('images.brand_too_many_pixels', { width: meta.width, height: meta.height }),
    );
  const swap = (meta.orientation ?? 1) >= 5;
  return swap ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

const hashOf = (...parts: Buffer[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

/** Sharp's errors on a file that decoded its header but not its pixels. */
async function render<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const m = msg('images.damaged');
    throw new AppError('IMAGE_DAMAGED', m, { fields: { file: m }, cause: err });
  }
}

/** A header logo: at most 112 px tall (56 drawn) and 640 px wide, transparency kept, WebP plus a PNG for mail and previews. */
export async function makeLogoFiles(buffer: Buffer): Promise<LogoFiles> {
  const size = await readBrandImage(buffer);
  if (size.width < LOGO_MIN.width || size.height < LOGO_MIN.height)
    throw fail(
      'IMAGE_TOO_SMALL',
      msg('images.logo_too_small', { ...size, minWidth: LOGO_MIN.width, minHeight: LOGO_MIN.height }),
    );
  return render(async () => {
    const base = sharp(buffer)
      .rotate()
      .resize({ height: LOGO_HEADER_HEIGHT * 2, width: LOGO_MAX_WIDTH, fit: 'inside', withoutEnlargement: true });
    const png = await base.clone().png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
    const webp = await base.clone().webp({ quality: 90, alphaQuality: 100 }).toBuffer();
    return {
      hash: hashOf(png.data),
      width: png.info.width,
      height: png.info.height,
      files: { 'logo.webp': { type: 'image/webp', data: webp }, 'logo.png': { type: 'image/png', data: png.data } },
    };
  });
}

/** An ICO holding one PNG image (every current browser reads PNG inside ICO). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6);
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // offset of the image
  return Buffer.concat([header, png]);
}

/**
 * Favicons from a square picture (a nearly square one is centred on a transparent square): 32 px (and the same
 * in favicon.ico), 180 px apple-touch-icon, 192 and 512 px for the web manifest.
 */
export async function makeFaviconFiles(buffer: Buffer): Promise<FaviconFiles> {
  const size = await readBrandImage(buffer);
  if (Math.min(size.width, size.height) < FAVICON_MIN)
    throw fail('IMAGE_TOO_SMALL', msg('images.favicon_too_small', { ...size, min: FAVICON_MIN }));
  if (Math.max(size.width, size.height) > Math.min(size.width, size.height) * 1.25)
    throw fail('IMAGE_NOT_SQUARE', msg('images.favicon_not_square', size));
  return render(async () => {
    const icons = await Promise.all(
      FAVICON_SIZES.map((px) =>
        sharp(buffer)
          .rotate()
          .resize(px, px, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
          .png({ compressionLevel: 9 })
          .toBuffer(),
      ),
    );
    const [i32, i180, i192, i512] = icons as [Buffer, Buffer, Buffer, Buffer];
    const png = (data: Buffer): BrandFile => ({ type: 'image/png', data });
    return {
      hash: hashOf(...icons),
      files: {
        'favicon.ico': { type: 'image/x-icon', data: icoOf(i32, 32) },
        'icon-32.png': png(i32),
        'icon-180.png': png(i180),
        'icon-192.png': png(i192),
        'icon-512.png': png(i512),
      },
    };
  });
}

/** Favicons from the logo's PNG, centred on a transparent square (a wide wordmark becomes a small band). */
export async function makeFaviconFilesFromLogo(logoPng: Buffer): Promise<FaviconFiles> {
  const { width = 0, height = 0 } = await sharp(logoPng).metadata();
  const side = Math.max(width, height, FAVICON_MIN);
  const square = await render(() =>
    sharp(logoPng)
      .resize(side, side, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer(),
  );
  return makeFaviconFiles(square);
}

/** The default favicons, drawn from the site's built-in SVG mark (the same generator, so the same sizes). */
export async function makeDefaultFaviconFiles(svg: Buffer): Promise<FaviconFiles> {
  const png = await sharp(svg, { density: 512 })
    .resize(512, 512, { fit: 'contain', background: '#00000000' })
    .png()
    .toBuffer();
  return makeFaviconFiles(png);
}
