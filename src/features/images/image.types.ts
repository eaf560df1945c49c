/** One encoded rendition of an image. */
export interface ImageVariant {
  format: 'avif' | 'webp' | 'jpeg' | 'png';
  width: number;
  height: number;
  /** File name inside the image's storage folder. */
  file: string;
}

export interface Image {
  id: number;
  storageKey: string;
  mime: string;
  width: number;
  height: number;
  /** Empty only when decorative. */
  alt: string;
  decorative: boolean;
  caption: string | null;
  credit: string | null;
  variants: ImageVariant[];
  status: 'processing' | 'ready' | 'failed';
}
