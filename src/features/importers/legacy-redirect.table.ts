import type { Generated } from 'kysely';

/**
 * An old address of an imported site and what it became here. Exactly one target column is set; targets
 * are ids, so a later slug change here keeps the old address working. Written only by the importers
 * (legacy-redirect.repo.ts); read on a 404 to answer 301 instead.
 */
export interface LegacyRedirectTable {
  id: Generated<number>;
  /** Normalized old address (see legacyKey): `/2025/05/market-hall-roof`, `/category/city-hall`, `?p=123`. */
  path: string;
  /** The import that recorded it (`wxr:<blog URL>`). */
  source: string;
  /** 1 when the path is an item's own `<link>` (it takes over a generic shape another item recorded). */
  from_link: Generated<number>;
  article_id: number | null;
  section_id: number | null;
  tag_id: number | null;
  /** An author page (`/author/<login>/`). */
  user_id: number | null;
  created_at: string;
}
