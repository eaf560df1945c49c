import type { Image, ImageVariant } from '../image.types.js';
import { useI18n } from '../../../web/i18n-context.js';

export const mediaUrl = (image: Image, file: string): string => `/media/${image.storageKey}/${file}`;

/** URL of the largest fallback rendition: what "full size" opens without JavaScript. */
export const fullSizeUrl = (image: Image): string => fullSize(image).url;

/**
 * What "full size" opens and how large it is: the largest JPEG (the original of an image wider than the
 * largest variant is never served), so the link and its data-full-width/height describe the same file.
 */
export function fullSize(image: Image): { url: string; width: number; height: number } {
  const jpeg = largest(image.variants.filter((v) => v.format === 'jpeg'));
  if (jpeg) return { url: mediaUrl(image, jpeg.file), width: jpeg.width, height: jpeg.height };
  return {
    url: mediaUrl(image, `original.${image.mime.split('/')[1] === 'jpeg' ? 'jpg' : image.mime.split('/')[1]}`),
    width: image.width,
    height: image.height,
  };
}

function largest(vs: ImageVariant[]): ImageVariant | undefined {
  return vs.reduce<ImageVariant | undefined>((a, b) => (a && a.width >= b.width ? a : b), undefined);
}

const srcset = (image: Image, format: ImageVariant['format']): string =>
  image.variants
    .filter((v) => v.format === format)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(image, v.file)} ${v.width}w`)
    .join(', ');

/** Responsive <picture>: AVIF and WebP sources with a JPEG fallback, sized to avoid layout shift. */
export function Picture({
  image,
  sizes,
  lazy = true,
  class: cls,
}: {
  image: Image;
  sizes: string;
  lazy?: boolean;
  class?: string;
}) {
  const fallback = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  const src = fallback.find((v) => v.width >= 640) ?? fallback[fallback.length - 1];
  const avif = srcset(image, 'avif');
  const webp = srcset(image, 'webp');
  return (
    <picture class={cls}>
      {avif && <source type="image/avif" srcset={avif} sizes={sizes} />}
      {webp && <source type="image/webp" srcset={webp} sizes={sizes} />}
      <img
        src={src ? mediaUrl(image, src.file) : fullSizeUrl(image)}
        srcset={srcset(image, 'jpeg') || undefined}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={image.decorative ? '' : image.alt}
        loading={lazy ? 'lazy' : 'eager'}
        decoding="async"
      />
    </picture>
  );
}

/** An image in an article: a thumbnail that opens the full-size image (a link without JS, a viewer with it). */
export function ArticleFigure({ image, index, lazy = true }: { image: Image; index: number; lazy?: boolean }) {
  const { t } = useI18n();
  const full = fullSize(image);
  return (
    <figure class="article-figure">
      <a
        class="full-size-link"
        href={full.url}
        data-viewer-index={index}
        data-full-width={full.width}
        data-full-height={full.height}
      >
        <Picture image={image} sizes="(min-width: 48rem) 40rem, 100vw" lazy={lazy} />
        <span class="full-size-hint">{t('images.full_size_hint')}</span>
      </a>
      {(image.caption || image.credit) && (
        <figcaption>
          {image.caption}
          {image.credit && <span class="credit"> {image.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
