/**
 * The performance promise of the public listings, feeds and sitemaps, checked on the query plans the
 * databases actually choose for a newsroom-sized table: every query reads along an index (or the primary
 * key) and no page sorts or scans a whole table. The queries are captured from the real repository
 * functions. SQLite runs without statistics (the app never runs ANALYZE); PostgreSQL with them
 * (autovacuum gathers them in production).
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import {
  findMaxIds,
  listArticleUrls,
  listAuthorUrls,
  listRecentlyPublished,
  listTagUrls,
  partHasUrls,
} from '../../src/features/feeds/sitemap.repo.js';
import { parseQuery } from '../../src/features/search/search.query.js';
import { searchPublishedArticles } from '../../src/features/search/search.repo.js';
import {
  findAdjacentMonths,
  listArchiveMonths,
  listArticlePage,
  listCorrectionsPage,
} from '../../src/features/listings/listing.repo.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { sql } from 'kysely';

/** 12,000 articles (one in ten a draft) over 4 sections, 200 tags and 100 authors, with 2,000 corrections. */
async function fillNewsroom(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('sections')
    .values([1, 2, 3, 4].map((i) => ({ slug: `s${i}`, name: `Section ${i}`, position: i })))
    .execute();
  await db
    .insertInto('tags')
    .values(Array.from({ length: 200 }, (_, i) => ({ slug: `t${i + 1}`, name: `Tag ${i + 1}` })))
    .execute();
  await db
    .insertInto('users')
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        email: `a${i}@example.test`,
        display_name: `Author ${i}`,
        slug: `a${i}`,
        role: 'author' as const,
        created_at: '2020-01-01T00:00:00.000Z',
      })),
    )
    .execute();
  const base = Date.parse('2025-01-01T00:00:00.000Z');
  for (let start = 1; start <= 12_000; start += 500) {
    const ids = Array.from({ length: 500 }, (_, k) => start + k);
    await db
      .insertInto('articles')
      .values(
        ids.map((id) => {
          const at = new Date(base + id * 3_600_000).toISOString();
          const published = id % 10 !== 0;
          return {
            id,
            slug: `article-${id}`,
            headline: `Headline ${id}`,
            body_html: `<p id="p1">Body ${id}</p>`,
            dateline: null,
            section_id: (id % 4) + 1,
            lead_image_id: null,
            status: published ? ('published' as const) : ('draft' as const),
            publish_at: null,
            published_at: published ? at : null,
            created_at: at,
            updated_at: at,
          };
        }),
      )
      .execute();
    await db
      .insertInto('article_tags')
      .values(
        ids
          .flatMap((id) => [
            { article_id: id, tag_id: (id % 200) + 1 },
            { article_id: id, tag_id: ((id * 7) % 200) + 1 },
          ])
          .filter((r, i, all) => i % 2 === 0 || r.tag_id !== all[i - 1]!.tag_id),
      )
      .execute();
    await db
      .insertInto('article_authors')
      .values(ids.map((id) => ({ article_id: id, user_id: (id % 100) + 1, position: 0 })))
      .execute();
  }
  for (let start = 1; start <= 2000; start += 500) {
    await db
      .insertInto('corrections')
      .values(
        Array.from({ length: 500 }, (_, k) => ({
          article_id: (start + k) * 5 + 1,
          body: 'Fixed.',
          created_at: new Date(base + (start + k) * 7_200_000).toISOString(),
        })),
      )
      .execute();
  }
  await sql`ANALYZE`.execute(db);
}

/** A cursor in the middle of the data below. */
const CURSOR = { at: '2025-08-01T00:00:00.000Z', id: 5000 };

/** Runs one repository call and returns the statements it sent. */
type Capture = (
  run: (db: Kysely<Database>) => Promise<unknown>,
) => Promise<Array<{ sql: string; parameters: readonly unknown[] }>>;

/**
 * Repository calls whose plans must avoid full scans and sorts of big tables. The tag and author
 * sitemap parts look at every article of every tag (author) in their id range by design, so PostgreSQL
 * may rightly hash-join whole tables for them; only SQLite's plan is pinned there.
 */
interface CaseOptions {
  /** Pin the plan on PostgreSQL too. */
  postgres?: boolean;
  /** The query returns every row it reads (a bounded window), so sorting them is no extra cost. */
  sortsOnlyItsResult?: boolean;
}
const CASES: Array<[string, (db: Kysely<Database>) => Promise<unknown>, CaseOptions?]> = [
  ['home page', (db) => listArticlePage(db, { kind: 'all' }, { limit: 20, before: CURSOR })],
  [
    'section page (newer)',
    (db) => listArticlePage(db, { kind: 'section', sectionId: 1 }, { limit: 20, after: CURSOR }),
  ],
  [
    'archive month',
    (db) =>
      listArticlePage(
        db,
        { kind: 'month', from: '2025-06-30T22:00:00.000Z', to: '2025-07-31T22:00:00.000Z' },
        { limit: 20, before: CURSOR },
      ),
  ],
  ['archive months', (db) => listArchiveMonths(db, 'Europe/Berlin')],
  [
    'adjacent months',
    (db) => findAdjacentMonths(db, '2025-06-30T22:00:00.000Z', '2025-07-31T22:00:00.000Z', 'Europe/Berlin'),
  ],
  ['corrections page', (db) => listCorrectionsPage(db, { limit: 30, before: CURSOR })],
  ['sitemap articles part', (db) => listArticleUrls(db, 10_001, 20_000)],
  ['sitemap tags part', (db) => listTagUrls(db, 1, 10_000), { postgres: false }],
  ['sitemap authors part', (db) => listAuthorUrls(db, 1, 10_000), { postgres: false }],
  ['sitemap part check', (db) => partHasUrls(db, 'articles', 10_001, 20_000)],
  ['sitemap sizes', (db) => findMaxIds(db)],
  ['news sitemap', (db) => listRecentlyPublished(db, '2026-05-10T00:00:00.000Z', 1000), { sortsOnlyItsResult: true }],
];

for (const dialect of DIALECTS) {
  describe(`query plans of listings and sitemaps on ${dialect}`, () => {
    let tdb: TestDb;
    let capture: Capture;
    let explain: (q: { sql: string; parameters: readonly unknown[] }) => Promise<string>;
    let close: () => Promise<void>;
    let pgClient: pg.Client | undefined;

    beforeAll(async () => {
      tdb = await createTestDb(dialect);
      if (dialect === 'postgres') await fillNewsroom(tdb.db.kysely);
      else
        await fillNewsroom(tdb.db.kysely).then(() =>
          sql`DROP TABLE IF EXISTS sqlite_stat1`.execute(tdb.db.kysely).catch(() => undefined),
        );
      let log: Array<{ sql: string; parameters: readonly unknown[] }> = [];
      const onLog = (e: { level: string; query: CompiledQuery }) => {
        if (e.level === 'query') log.push({ sql: e.query.sql, parameters: e.query.parameters });
      };
      let k: Kysely<Database>;
      if (dialect === 'sqlite') {
        const raw = new SQLite(path.join(tdb.dataDir, 'test.sqlite'));
        k = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: onLog });
        explain = async (q) =>
          (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>)
            .map((r) => r.detail)
            .join('\n');
        close = async () => {
          await k.destroy();
        };
      } else {
        const client = new pg.Client({ connectionString: tdb.url });
        await client.connect();
        pgClient = client;
        k = new Kysely<Database>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: tdb.url, max: 1 }) }),
          log: onLog,
        });
        explain = async (q) =>
          (await client.query({ text: `EXPLAIN ${q.sql}`, values: q.parameters as unknown[] })).rows
            .map((r: Record<string, string>) => r['QUERY PLAN'])
            .join('\n');
        close = async () => {
          await client.end();
          await k.destroy();
        };
      }
      capture = async (run) => {
        log = [];
        await run(k);
        return log;
      };
    });
    afterAll(async () => {
      await close();
      await tdb.drop();
    });

    it('finds search matches through the full-text index, not by reading articles', async () => {
      const statements = await capture((k) =>
        searchPublishedArticles(
          { kysely: k, dialect, connectionString: undefined, close: async () => undefined },
          {
            query: parseQuery('7777'),
            sort: 'relevance',
            limit: 10,
            offset: 0,
          },
        ),
      );
      const ranked = statements[0]!;
      // On a table this small PostgreSQL may rightly prefer reading it all; what matters is that the GIN
      // index fits the query's expression, so that it is used once the table is large.
      await pgClient?.query('SET enable_seqscan = off');
      const plan = await explain(ranked);
      await pgClient?.query('RESET enable_seqscan');
      if (dialect === 'sqlite') {
        expect(plan).toMatch(/SCAN article_fts VIRTUAL TABLE INDEX/);
        expect(plan).toMatch(/SEARCH a USING INTEGER PRIMARY KEY/);
      } else {
        expect(plan).toMatch(/Bitmap Index Scan on article_search_document/);
        expect(plan).not.toMatch(/Seq Scan on (articles|article_search)\b/);
      }
    });

    for (const [name, run, only] of CASES.filter(([, , o]) => dialect === 'sqlite' || o?.postgres !== false)) {
      it(`reads the ${name} along an index, without a full scan or a sort`, async () => {
        const statements = await capture(run);
        expect(statements.length).toBeGreaterThan(0);
        // Lookups of an explicit id list (a page's bylines, sections, images) are bounded by the page.
        for (const s of statements.filter((st) => !/ in \((\?|\$\d+)(, (\?|\$\d+))*\)/.test(st.sql))) {
          const plan = await explain(s);
          if (dialect === 'sqlite') {
            expect(plan, s.sql).not.toMatch(/^SCAN (articles|corrections|article_tags|article_authors|tags|users)\b/m);
            if (!only?.sortsOnlyItsResult) expect(plan, s.sql).not.toContain('USE TEMP B-TREE FOR ORDER BY');
          } else {
            expect(plan, s.sql).not.toMatch(
              /Seq Scan on (articles|corrections|article_tags|article_authors|tags|users)\b/,
            );
            // An Incremental Sort over an index's presorted key only orders ties; a plain Sort reads everything.
            if (!only?.sortsOnlyItsResult) expect(plan, s.sql).not.toMatch(/(^|->\s+)Sort\s+\(/m);
          }
        }
      });
    }
  });
}
