/**
 * Where a page's time goes. Builds the app in this process on a bench database kept with BENCH_KEEP=1,
 * loads a page with the discussion cache emptied (what the first reader after a new comment or vote
 * waits for), prints every SQL statement of that load with its duration and SQLite's EXPLAIN QUERY PLAN,
 * then the time with the cache warm. The bench itself only sees the warm path; this shows the other.
 *
 *   BENCH_KEEP=1 npm run bench -- --scenario article_500_db200k     (prints the kept data dir)
 *   npx tsx bench/explain.ts /tmp/broadsheet-bench-XXXX [/articles/slug?comments=all]
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import type { Database } from '../src/db/database.js';
import { memoryBus } from '../src/platform/event-bus.js';
import { systemClock } from '../src/platform/clock.js';
import { createHooks } from '../src/hooks.js';

const [dataDir, pagePath] = process.argv.slice(2);
if (!dataDir) {
  console.error('usage: tsx bench/explain.ts <data dir of a kept bench run> [page path]');
  process.exit(2);
}

const sqlite = new SQLite(path.join(dataDir, 'broadsheet.sqlite'));
sqlite.pragma('journal_mode = WAL');
const seen: Array<{ query: CompiledQuery; ms: number }> = [];
let recording = false;
const kysely = new Kysely<Database>({
  dialect: new SqliteDialect({ database: sqlite }),
  log: (e) => {
    if (recording && e.level === 'query') seen.push({ query: e.query, ms: e.queryDurationMillis });
  },
});
const config = loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'silent' }, { dataDir });
const deps = await createDeps(config, {
  clock: systemClock,
  log: pino({ level: 'silent' }),
  bus: memoryBus(),
  db: { kysely, dialect: 'sqlite', connectionString: undefined, close: () => kysely.destroy() },
  hooks: createHooks(config),
});
const app = await buildApp(deps);
await app.ready();

// seedDemo writes the featured article (the 500-comment discussion) first.
const featured = await kysely.selectFrom('articles').select('slug').orderBy('id').executeTakeFirstOrThrow();
const url = pagePath ?? `/articles/${featured.slug}`;
const rows = sqlite.prepare('select count(*) as n from comments').get() as { n: number };
console.log(`${url} on ${rows.n} comments\n`);

// Warm the process first so the cache-miss figure is the discussion's cost, not the JIT's.
for (let i = 0; i < 50; i++) await app.inject(url);
const MISSES = 20;
let missMs = 0;
let last = await app.inject(url);
for (let i = 0; i < MISSES; i++) {
  deps.caches.discussionPages.clear();
  seen.length = 0;
  recording = true;
  const t = performance.now();
  last = await app.inject(url);
  missMs += performance.now() - t;
  recording = false;
}
console.log(
  `discussion cache miss: ${(missMs / MISSES).toFixed(2)} ms per page (mean of ${MISSES}), status ${last.statusCode}, ${Math.round(last.body.length / 1024)} KiB`,
);
for (const { query, ms } of seen) {
  console.log(`\n${ms.toFixed(2)} ms  ${query.sql.replace(/\s+/g, ' ').slice(0, 220)}`);
  const plan = sqlite.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{
    detail: string;
  }>;
  for (const p of plan) console.log(`           plan: ${p.detail}`);
}

const HITS = 500;
const t = performance.now();
for (let i = 0; i < HITS; i++) await app.inject(url);
console.log(
  `\ncache hit: ${((performance.now() - t) / HITS).toFixed(2)} ms per page (mean of ${HITS}; in process, no network)`,
);
await app.close();
await kysely.destroy();
