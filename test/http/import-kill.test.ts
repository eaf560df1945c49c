/**
 * A real `kill -9` in the middle of a command-line import, then a rerun: the CLI runs as a child process
 * on a generated export large enough to be mid-way when killed; the test waits until the database shows
 * it has written comments (polling, no fixed sleep), sends SIGKILL, runs the import again to the end, and
 * then reads the site through HTTP on the same database: every article page and listing shows the number
 * of approved comments the export has, nothing is doubled, and the rerun's counts add up with what the
 * killed run had left.
 */
import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWxr, type WxrGenCounts } from '../../bench/gen-wxr.js';
import { openDb, type Db } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestApp } from '../helpers/build-test-app.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const POSTS = 60;
const COMMENTS_PER_POST = 200;
/** Kill once this many comments are in: well into the file, far from its end. */
const KILL_AFTER = 1_500;

let work: string;
let file: string;
let fixture: WxrGenCounts;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-kill-'));
  file = path.join(work, 'big.xml');
  fixture = await writeWxr(file, { posts: POSTS, commentsPerPost: COMMENTS_PER_POST });
}, 60_000);
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

async function countOf(db: Db, table: 'comments' | 'articles' | 'import_recounts'): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
  return Number(r.rows[0]!.n);
}

/** `comments: 12 created, 0 updated, 3 skipped` from the summary. */
function kindLine(stdout: string, kind: string): { created: number; updated: number; skipped: number } {
  const m = new RegExp(`${kind}: (\\d+) created, (\\d+) updated, (\\d+) skipped`).exec(stdout);
  expect(m, stdout).not.toBeNull();
  return { created: Number(m![1]), updated: Number(m![2]), skipped: Number(m![3]) };
}

for (const dialect of DIALECTS) {
  describe(`an import killed with SIGKILL and run again on ${dialect}`, { timeout: 300_000 }, () => {
    let target: TestDb;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      const dataDir = fs.mkdtempSync(path.join(work, `${dialect}-`));
      env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATA_DIR: dataDir,
        SECRET_KEY: 'kill-test-secret-key-that-is-long-enough-00',
        LOG_LEVEL: 'warn',
        SEED_DEMO: 'false',
      };
      if (dialect === 'postgres') {
        target = await createTestDb('postgres');
        env.DATABASE_URL = target.url;
      } else {
        // The file the CLI uses (DATA_DIR/broadsheet.sqlite), migrated here so the test can poll it from the start.
        const db = await openDb({ databaseUrl: undefined, sqliteFile: path.join(dataDir, 'broadsheet.sqlite') });
        await migrateToLatest(db.kysely, 'sqlite');
        target = { db, dataDir, url: undefined, drop: () => db.close() };
      }
    });
    afterAll(async () => {
      await target?.drop();
    });

    it('leaves no duplicates, and the rerun makes every page show its approved comments', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import-wxr', file], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = once(child, 'exit');

      // Wait for the import to have committed some comments (and to still be running).
      let seen = 0;
      while (seen < KILL_AFTER) {
        expect(child.exitCode, `the import ended before it could be killed:\n${output}`).toBeNull();
        seen = await countOf(target.db, 'comments');
        if (seen < KILL_AFTER) await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });

      const leftByKill = await countOf(target.db, 'comments');
      expect(leftByKill).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(leftByKill).toBeLessThan(fixture.comments);

      const rerun = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import-wxr', file], {
        cwd: ROOT,
        env,
        timeout: 240_000,
      });
      expect(rerun.stdout).toContain('Import finished:');
      const comments = kindLine(rerun.stdout, 'comments');
      // What the killed run committed is skipped, the rest created, nothing counted twice.
      expect(comments).toEqual({ created: fixture.comments - leftByKill, updated: 0, skipped: leftByKill });
      const posts = kindLine(rerun.stdout, 'posts');
      expect(posts.created + posts.skipped).toBe(POSTS);
      expect(posts.updated).toBe(0);

      // No duplicates: one row per comment and per post of the export, one ref per row.
      expect(await countOf(target.db, 'comments')).toBe(fixture.comments);
      expect(await countOf(target.db, 'articles')).toBe(POSTS);
      const refs = await target.db.kysely
        .selectFrom('import_refs')
        .select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('kind', 'in', ['comment', 'post'])
        .groupBy('kind')
        .execute();
      expect(Object.fromEntries(refs.map((r) => [r.kind, Number(r.n)]))).toEqual({
        comment: fixture.comments,
        post: POSTS,
      });
      expect(await countOf(target.db, 'import_recounts')).toBe(0);

      // A third run changes nothing.
      const third = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'import-wxr', file], {
        cwd: ROOT,
        env,
        timeout: 240_000,
      });
      expect(third.stdout).toMatch(/Import finished: 0 created, 0 updated, \d+ skipped/);

      // What readers see, through the app on the same database.
      const t = await createTestApp(dialect, { testDb: target });
      try {
        for (const [slug, approved] of fixture.approvedBySlug) {
          const page = await t.app.inject(`/articles/${slug}`);
          expect(page.statusCode, slug).toBe(200);
          expect(page.body, slug).toContain(
            `<a href="#comments">${approved} ${approved === 1 ? 'comment' : 'comments'}</a>`,
          );
          expect(/<span data-comment-count[^>]*>(\d+)<\/span>/.exec(page.body)?.[1], slug).toBe(String(approved));
          expect(page.body, slug).not.toContain('No comments yet');
        }
        let cards = 0;
        for (const listing of ['/archive/2026/01', '/section/city', '/']) {
          const res = await t.app.inject(listing);
          expect(res.statusCode, listing).toBe(200);
          for (const m of res.body.matchAll(/href="\/articles\/(story-\d+)#comments">(\d+) comments?</g)) {
            expect(Number(m[2]), `${listing} ${m[1]}`).toBe(fixture.approvedBySlug.get(m[1]!));
            cards++;
          }
        }
        expect(cards).toBeGreaterThan(10);
      } finally {
        await t.close();
      }
    });
  });
}
