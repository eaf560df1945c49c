/**
 * Full-text search: the only file with dialect-specific search SQL. SQLite searches the FTS5 table
 * `article_fts` (bm25, headline weighted 10, excerpt 4, body 1); PostgreSQL the weighted tsvectors in
 * `article_search` through their GIN index (ts_rank, headline A, excerpt B, body D). Both indexes are
 * kept by triggers and hold published articles only; results are joined back to `articles` and filtered
 * on status again, so a draft cannot appear even if an index were stale, and on kind: pages (About, Contact)
 * are not articles and are never search results.
 *
 * Two steps: first the ids of one page (ranked, bounded), then highlights for those ids only, because
 * building snippets is the expensive part.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Db } from '../../db/dialect.js';
import { decodeEntities } from '../../lib/plain-text.js';
import { hydrateSummaries, SUMMARY_COLUMNS } from '../articles/index.js';
import type { ArticleSummary } from '../articles/index.js';
import { MARK_END, MARK_START } from './search.highlight.js';
import { toFts5, type ParsedQuery, type SearchTerm } from './search.query.js';

type DB = Kysely<Database>;

export type SearchSort = 'relevance' | 'newest';

export interface SearchRequest {
  query: ParsedQuery;
  sort: SearchSort;
  limit: number;
  offset: number;
}

/** One match; highlighted texts carry MARK_START/MARK_END sentinels around matched words. */
export interface RawHit {
  article: ArticleSummary;
  headline: string;
  excerpt: string;
  body: string;
}

/** One page of matches in rank order; `hasMore` when another page exists. */
export async function searchPublishedArticles(
  { kysely: db, dialect }: Db,
  req: SearchRequest,
): Promise<{ hits: RawHit[]; hasMore: boolean }> {
  const pg = dialect === 'postgres';
  const ids = pg ? await pageIdsPostgres(db, req) : await pageIdsSqlite(db, req);
  const pageIds = ids.slice(0, req.limit);
  if (pageIds.length === 0) return { hits: [], hasMore: false };
  const [highlights, rows] = await Promise.all([
    pg ? highlightsPostgres(db, req.query, pageIds) : highlightsSqlite(db, req.query, pageIds),
    db
      .selectFrom('articles')
      .select(SUMMARY_COLUMNS)
      .where('id', 'in', pageIds)
      .where('status', '=', 'published')
      .where('kind', '=', 'article')
      .execute(),
  ]);
  const summaries = new Map((await hydrateSummaries(db, rows)).map((s) => [s.id, s]));
  const hits: RawHit[] = [];
  for (const id of pageIds) {
    const article = summaries.get(id);
    const h = highlights.get(id);
    if (article && h) hits.push({ article, ...h });
  }
  return { hits, hasMore: ids.length > req.limit };
}

// ── SQLite (FTS5) ─────────────────────────────────────────────────────────────

async function pageIdsSqlite(db: DB, req: SearchRequest): Promise<number[]> {
  const order =
    req.sort === 'newest'
      ? sql`a.published_at DESC, a.id DESC`
      : sql`bm25(article_fts, 10.0, 4.0, 1.0), a.published_at DESC, a.id DESC`;
  const { rows } = await sql<{ id: number }>`
    SELECT article_fts.rowid AS id FROM article_fts JOIN articles a ON a.id = article_fts.rowid
    WHERE article_fts MATCH ${toFts5(req.query)} AND a.status = 'published' AND a.kind = 'article'
    ORDER BY ${order} LIMIT ${req.limit + 1} OFFSET ${req.offset}`.execute(db);
  return rows.map((r) => Number(r.id));
}

async function highlightsSqlite(
  db: DB,
  query: ParsedQuery,
  ids: number[],
): Promise<Map<number, Omit<RawHit, 'article'>>> {
  const { rows } = await sql<{ id: number; headline: string; excerpt: string; body: string }>`
    SELECT rowid AS id,
      highlight(article_fts, 0, ${MARK_START}, ${MARK_END}) AS headline,
      snippet(article_fts, 1, ${MARK_START}, ${MARK_END}, '…', 40) AS excerpt,
      snippet(article_fts, 2, ${MARK_START}, ${MARK_END}, '…', 40) AS body
    FROM article_fts WHERE article_fts MATCH ${toFts5(query)} AND rowid IN (${sql.join(ids)})`.execute(db);
  return new Map(rows.map((r) => [Number(r.id), { headline: r.headline, excerpt: r.excerpt, body: r.body }]));
}

// ── PostgreSQL (tsvector + GIN) ───────────────────────────────────────────────

/** The parsed query as a tsquery: phrases joined by AND, excluded terms negated. Words are parameters. */
function tsquery(query: ParsedQuery): RawBuilder<unknown> {
  const term = (t: SearchTerm) => sql`phraseto_tsquery('english', ${t.words.join(' ')})`;
  const positive = query.terms.filter((t) => !t.negated).map(term);
  const negative = query.terms.filter((t) => t.negated).map((t) => sql`!! ${term(t)}`);
  return sql`(${sql.join([...positive, ...negative], sql` && `)})`;
}

async function pageIdsPostgres(db: DB, req: SearchRequest): Promise<number[]> {
  const order =
    req.sort === 'newest'
      ? sql`a.published_at DESC, a.id DESC`
      : sql`ts_rank(s.document, q.query, 1) DESC, a.published_at DESC, a.id DESC`;
  const { rows } = await sql<{ id: number }>`
    WITH q AS (SELECT ${tsquery(req.query)} AS query)
    SELECT s.article_id AS id FROM q, article_search s JOIN articles a ON a.id = s.article_id
    WHERE s.document @@ q.query AND a.status = 'published' AND a.kind = 'article'
    ORDER BY ${order} LIMIT ${req.limit + 1} OFFSET ${req.offset}`.execute(db);
  return rows.map((r) => Number(r.id));
}

const PG_MARKS = `StartSel=${MARK_START}, StopSel=${MARK_END}`;

async function highlightsPostgres(
  db: DB,
  query: ParsedQuery,
  ids: number[],
): Promise<Map<number, Omit<RawHit, 'article'>>> {
  const { rows } = await sql<{ id: number; headline: string; excerpt: string; body: string }>`
    WITH q AS (SELECT ${tsquery(query)} AS query)
    SELECT a.id,
      ts_headline('english', a.headline, q.query, ${`HighlightAll=true, ${PG_MARKS}`}) AS headline,
      ts_headline('english', a.excerpt, q.query, ${`HighlightAll=true, ${PG_MARKS}`}) AS excerpt,
      ts_headline('english', a.body_html, q.query, ${`MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … ", ${PG_MARKS}`}) AS body
    FROM q, articles a WHERE a.id IN (${sql.join(ids)})`.execute(db);
  // ts_headline works on the stored HTML: drop any tag it kept and decode entities to get plain text.
  const text = (s: string) =>
    decodeEntities(s.replace(/<[^>]*>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
  return new Map(
    rows.map((r) => [Number(r.id), { headline: text(r.headline), excerpt: text(r.excerpt), body: text(r.body) }]),
  );
}
