import type { Generated, Selectable } from 'kysely';

export interface ImageTable {
  id: Generated<number>;
  /** Folder name under DATA_DIR/media holding the original and its variants. */
  storage_key: string;
  /** Type of the original, detected from its content. */
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** Required unless decorative. */
  alt: Generated<string>;
  decorative: Generated<number>;
  caption: string | null;
  credit: string | null;
  /** JSON array of ImageVariant. */
  variants: Generated<string>;
  /** processing until the variants exist. */
  status: Generated<'processing' | 'ready' | 'failed'>;
  uploaded_by: number | null;
  /** The variant worker's claim: another process may take the image after this time (crash recovery). */
  claimed_until: string | null;
  /** Variant runs started; the image is marked failed after a few. */
  attempts: Generated<number>;
  created_at: string;
}
export type ImageRow = Selectable<ImageTable>;
