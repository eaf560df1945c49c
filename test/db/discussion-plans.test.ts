/**
 * Query plans of a discussion page's threads on a newsroom-sized table: the approved roots and the
 * placeholders of removed roots with shown replies read by key lookups, and the "has a shown reply"
 * probe goes through comments_thread, never through the status index (SQLite without statistics
 * would walk every approved comment for each removed root).
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { findThreadRoot, listThreadRoots } from '../../src/features/comments/comment.repo.js';
import { makeArticle } from '../helpers/factories.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const T = '2026-06-10T10:00:00.000Z';
type DB = Kysely<Database>;

/** 30,000 comments over 21 articles; article `articleId` holds the first 600: threads of a root and a reply, every tenth trashed. */
async function fillDiscussions(db: DB, articleId: number): Promise<void> {
  for (let i = 0; i < 20; i++) await makeArticle(db);
  for (let start = 1; start <= 30_000; start += 500) {
    await db
      .insertInto('comments')
      .values(
        Array.from({ length: 500 }, (_, k) => {
          const id = start + k;
          const root = id % 3 === 0 ? id - 1 : id;
          return {
            id,
            article_id: id <= 600 ? articleId : articleId + 1 + (id % 20),
            thread_id: root,
            parent_id: root === id ? null : root,
            depth: root === id ? 0 : 1,
            author_name: 'R',
            body_html: '<p>x</p>',
            status: id % 10 === 1 ? ('trash' as const) : ('approved' as const),
            created_at: T,
            updated_at: T,
          };
        }),
      )
      .execute();
  }
}

for (const dialect of DIALECTS) {
  describe(`query plans of a discussion page on ${dialect}`, () => {
    let tdb: TestDb;
    let articleId = 0;
    let log: CompiledQuery[] = [];
    let k: DB;
    let explain: (q: CompiledQuery) => Promise<string>;
    let close: () => Promise<void>;

    beforeAll(async () => {
      tdb = await createTestDb(dialect);
      articleId = (await makeArticle(tdb.db.kysely)).id;
      await fillDiscussions(tdb.db.kysely, articleId);
      const onLog = (e: { level: string; query: CompiledQuery }) => {
        if (e.level === 'query') log.push(e.query);
      };
      if (dialect === 'sqlite') {
        await sql`DROP TABLE IF EXISTS sqlite_stat1`.execute(tdb.db.kysely).catch(() => undefined);
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
        await sql`ANALYZE`.execute(tdb.db.kysely);
        const client = new pg.Client({ connectionString: tdb.url });
        await client.connect();
        k = new Kysely<Database>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: tdb.url, max: 2 }) }),
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
    }, 120_000);
    afterAll(async () => {
      await close();
      await tdb.drop();
    });

    const plansOf = async (run: (db: DB) => Promise<unknown>): Promise<string> => {
      log = [];
      await run(k);
      return (await Promise.all(log.map((q) => explain(q)))).join('\n');
    };

    it('reads a page of threads, removed roots included, by index only', async () => {
      const page = await listThreadRoots(k, articleId, 'newest', 21);
      expect(page).toHaveLength(21);
      expect(page.some((c) => c.removed)).toBe(true);
      for (const sort of ['newest', 'oldest', 'votes'] as const) {
        const plans = await plansOf((db) => listThreadRoots(db, articleId, sort, 21));
        if (dialect === 'sqlite') {
          expect(plans).not.toMatch(/^(--)?\s*SCAN comments\b/m);
          expect(plans).toMatch(/SEARCH r EXISTS USING INDEX comments_thread/);
          expect(plans).not.toMatch(/comments_status_id|comments_status_created/);
        } else {
          expect(plans).not.toMatch(/Seq Scan on comments\b/);
        }
      }
    });

    it('finds one thread root by its key', async () => {
      const plans = await plansOf((db) => findThreadRoot(db, 11, articleId));
      if (dialect === 'sqlite')
        expect(plans).not.toMatch(/comments_status_id|comments_status_created|^(--)?\s*SCAN comments\b/m);
      else expect(plans).not.toMatch(/Seq Scan on comments\b/);
    });
  });
}
