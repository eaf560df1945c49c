/**
 * Search index tables. Both are written only by database triggers (migration 2026-11-25T0150-search),
 * never by application code, and hold published articles only. Each exists on one dialect; only
 * search.repo.ts reads them, with dialect-specific SQL.
 */

/** SQLite FTS5 table; rowid is the article id. */
export interface ArticleFtsTable {
  rowid: number;
  headline: string;
  excerpt: string;
  /** The body as plain text (tags removed, entities decoded). */
  body: string;
}

/** PostgreSQL: one weighted tsvector per published article (headline A, excerpt B, body D). */
export interface ArticleSearchTable {
  article_id: number;
  document: string;
}
