import type { Image, ImageVariant } from '../../features/images/image.types.js';

export const mediaUrl = (image: Image, file: string): string => `/media/${image.storageKey}/${file}`;

/** URL of the largest fallback rendition: what "full size" opens without JavaScript. */
export function fullSizeUrl(image: Image): string {
  const jpeg = largest(image.variants.filter((v) => v.format === 'jpeg'));
  return jpeg ? mediaUrl(image, jpeg.file) : mediaUrl(image, `original.${image.mime.split('/')[1] === 'jpeg' ? 'jpg' : image.mime.split('/')[1]}`);
}

function largest(vs: ImageVariant[]): ImageVariant | undefined {
  return vs.reduce<ImageVariant | undefined>((a, b) => (a && a.width >= b.width ? a : b), undefined);
}

const srcset = (image: Image, format: ImageVariant['format']): string =>
  image.variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width).map((v) => `${mediaUrl(image, v.file)} ${v.width}w`).join(', ');

/** Responsive <picture>: AVIF and WebP sources with a JPEG fallback, sized to avoid layout shift. */
export function Picture({ image, sizes, lazy = true, class: cls }: { image: Image; sizes: string; lazy?: boolean; class?: string }) {
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
  return (
    <figure class="article-figure">
      <a class="full-size-link" href={fullSizeUrl(image)} data-viewer-index={index} data-full-width={image.width} data-full-height={image.height}>
        <Picture image={image} sizes="(min-width: 48rem) 40rem, 100vw" lazy={lazy} />
        <span class="full-size-hint">Click to see the full-size image</span>
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
