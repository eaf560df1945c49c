/**
 * Reads for sitemaps. Parts are fixed id ranges (ids lo..hi), read along the primary key, never with
 * OFFSET, so part 40 costs what part 1 costs. Only published articles, and only tags and authors with at
 * least one published article, are listed.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { slugPath } from '../../lib/slug.js';

type DB = Kysely<Database>;

/**
 * `status = 'published'` written so that no index can serve it. Without statistics SQLite would
 * otherwise walk every published article through the status index and filter by id (or by tag), which
 * grows with the whole table; this way it reads the id range by primary key (or the tag's rows) only.
 */
const isPublished = (column: 'articles.status' | 'status') =>
  sql<boolean>`coalesce(${sql.ref(column)}, '') = 'published'`;

export type SitemapKind = 'articles' | 'tags' | 'authors';

export interface SitemapUrl {
  path: string;
  /** ISO timestamp of the last change, when known. */
  lastmod: string | null;
}

export interface NewsItem {
  path: string;
  headline: string;
  publishedAt: string;
}

/** Highest id of each kind's table: an O(1) primary-key lookup that sizes the parts. */
export async function findMaxIds(db: DB): Promise<Record<SitemapKind, number>> {
  const [a, t, u] = await Promise.all([
    db
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst(),
    db
      .selectFrom('tags')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst(),
  ]);
  return { articles: Number(a?.m ?? 0), tags: Number(t?.m ?? 0), authors: Number(u?.m ?? 0) };
}

/** Published articles with ids in [lo, hi], by id; a page (About, Contact …) at its own address, /pages/<slug>. */
export async function listArticleUrls(db: DB, lo: number, hi: number): Promise<SitemapUrl[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['slug', 'kind', 'updated_at', 'published_at'])
    .where('id', '>=', lo)
    .where('id', '<=', hi)
    .where(isPublished('status'))
    .where('published_at', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    path: slugPath(r.kind === 'page' ? 'pages' : 'articles', r.slug),
    lastmod: r.updated_at > (r.published_at ?? '') ? r.updated_at : r.published_at,
  }));
}

/** Tags with ids in [lo, hi] that have a published article. */
export async function listTagUrls(db: DB, lo: number, hi: number, limit = 100_000): Promise<SitemapUrl[]> {
  const rows = await db
    .selectFrom('tags')
    .select('slug')
    .where('id', '>=', lo)
    .where('id', '<=', hi)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_tags')
          .innerJoin('articles', 'articles.id', 'article_tags.article_id')
          .select('article_tags.article_id')
          .whereRef('article_tags.tag_id', '=', 'tags.id')
          .where(isPublished('articles.status')),
      ),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ path: slugPath('tag', r.slug), lastmod: null }));
}

/** Staff with an author page, ids in [lo, hi], who have a published article. */
export async function listAuthorUrls(db: DB, lo: number, hi: number, limit = 100_000): Promise<SitemapUrl[]> {
  // Accounts without a slug have no author page; they are dropped below rather than in SQL, where the
  // condition would tempt SQLite to walk the slug index and sort.
  const rows = await db
    .selectFrom('users')
    .select('slug')
    .where('id', '>=', lo)
    .where('id', '<=', hi)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('article_authors')
          .innerJoin('articles', 'articles.id', 'article_authors.article_id')
          .select('article_authors.article_id')
          .whereRef('article_authors.user_id', '=', 'users.id')
          .where(isPublished('articles.status')),
      ),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.filter((r) => r.slug).map((r) => ({ path: slugPath('author', r.slug!), lastmod: null }));
}

/** Whether a part has at least one URL: stops at the first qualifying row. */
export async function partHasUrls(db: DB, kind: SitemapKind, lo: number, hi: number): Promise<boolean> {
  if (kind === 'articles') {
    const row = await db
      .selectFrom('articles')
      .select('id')
      .where('id', '>=', lo)
      .where('id', '<=', hi)
      .where(isPublished('status'))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
  return (kind === 'tags' ? await listTagUrls(db, lo, hi, 1) : await listAuthorUrls(db, lo, hi, 1)).length > 0;
}

/** Articles published since `since` (the news sitemap), newest first, at most `limit`. */
export async function listRecentlyPublished(db: DB, since: string, limit: number): Promise<NewsItem[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['slug', 'headline', 'published_at'])
    .where('status', '=', 'published')
    .where('kind', '=', 'article')
    .where('published_at', '>=', since)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ path: slugPath('articles', r.slug), headline: r.headline, publishedAt: r.published_at! }));
}
