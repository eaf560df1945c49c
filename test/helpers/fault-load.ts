/**
 * Load for the fault tests, and the books they keep. Guests post comments through the JSON API, each with
 * a marker of its own in the body, and every outcome is recorded (status, Retry-After, content type,
 * when). Afterwards the markers are counted in the database: a comment the API acknowledged (201) must be
 * stored exactly once, and no marker may be stored twice. Alongside, autocannon reads the article page and
 * /readyz, at a bounded rate.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDb } from '../../src/db/dialect.js';
import { DISCUSSION_SETTINGS_KEY, getDiscussionSettings } from '../../src/features/comments/discussion-settings.js';
import { SETTINGS_KEY as MODERATION_SETTINGS_KEY } from '../../src/features/comments/moderation/moderation.settings.js';
import { getSetting, putSetting } from '../../src/platform/settings.repo.js';
import { FAULT_ARTICLE, sleep } from './app-process.js';
import { until } from './until.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where a test's database is: a PostgreSQL URL, or the SQLite file under the app's DATA_DIR. */
export type DbLocation = { databaseUrl: string } | { sqliteFile: string };

async function withDb<T>(where: DbLocation, fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  const db = await openDb(
    'databaseUrl' in where
      ? { databaseUrl: where.databaseUrl, sqliteFile: '', poolSize: 2 }
      : { databaseUrl: undefined, sqliteFile: where.sqliteFile },
  );
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * One client address posts every comment: lift the per-reader posting limit, and publish guests' comments
 * at once (no "new commenter" hold), so each post also bumps the discussion and announces itself on the
 * live bus, as most posts on a running site do. Both settings are read on every post, by every process.
 */
export async function openDiscussion(where: DbLocation): Promise<void> {
  await withDb(where, async (db) => {
    const settings = await getDiscussionSettings(db.kysely);
    const now = new Date();
    await putSetting(
      db.kysely,
      DISCUSSION_SETTINGS_KEY,
      { ...settings, postLimit: 100_000_000, voteLimit: 100_000_000 },
      now,
    );
    const moderation = await getSetting<Record<string, unknown>>(db.kysely, MODERATION_SETTINGS_KEY, {});
    await putSetting(db.kysely, MODERATION_SETTINGS_KEY, { ...moderation, newCommenterApprovals: 0 }, now);
  });
}

/** How many stored comments (any status) carry each marker of this run. */
export async function countMarkers(where: DbLocation, runId: string): Promise<Map<string, number>> {
  return withDb(where, async (db) => {
    const rows = await db.kysely
      .selectFrom('comments')
      .select('body_source')
      .where('body_source', 'like', `%${runId}-%`)
      .execute();
    const counts = new Map<string, number>();
    for (const r of rows) {
      for (const m of r.body_source?.match(new RegExp(`${runId}-\\d+`, 'g')) ?? [])
        counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    return counts;
  });
}

/**
 * The headers a browser sends with a JSON write from the article page: a guest's page carries no token and
 * sets no cookie, so `Sec-Fetch-Site: same-origin` is the CSRF check (src/web/cross-origin.ts).
 */
export async function pageSession(baseUrl: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/articles/${FAULT_ARTICLE}`);
  if (res.status !== 200) throw new Error(`the article page of ${baseUrl} answered ${res.status}`);
  await res.arrayBuffer();
  return { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', accept: 'application/json' };
}

export interface Target {
  name: string;
  baseUrl: string;
}

export interface PostOutcome {
  marker: string;
  target: string;
  /** Milliseconds since the burst started. */
  startedAt: number;
  endedAt: number;
  /** HTTP status; 0 when no response came (connection refused or reset, timeout). */
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  /** The network error, when status is 0. */
  error?: string;
}

export interface Burst {
  outcomes: PostOutcome[];
  /** Milliseconds since the burst started. */
  now(): number;
  /** Stops posting and waits for the posts in flight. */
  stop(): Promise<void>;
}

/**
 * `workers` guests per target post one comment after another (a short pause between), until stopped.
 * Markers are `<runId>-<n>`, unique across the run, so moderation sees no two alike.
 */
export async function startBurst(
  targets: Target[],
  opts: { runId: string; workers: number; pauseMs: number },
): Promise<Burst> {
  const sessions = new Map<string, Record<string, string>>();
  for (const t of targets) sessions.set(t.name, await pageSession(t.baseUrl));
  const outcomes: PostOutcome[] = [];
  const t0 = performance.now();
  const now = () => Math.round((performance.now() - t0) * 10) / 10;
  let n = 0;
  let stopped = false;
  const record = (o: PostOutcome) => {
    outcomes.push(o);
    return o;
  };

  const postOne = async (t: Target, worker: number): Promise<PostOutcome> => {
    const marker = `${opts.runId}-${++n}`;
    const startedAt = now();
    const body = JSON.stringify({
      name: `Fault reader ${worker}`,
      email: `fault-${t.name}-${worker}@example.test`,
      body: `Comment ${marker}: the longer opening hours suit our reading group well.`,
    });
    try {
      const res = await fetch(`${t.baseUrl}/api/articles/${FAULT_ARTICLE}/comments`, {
        method: 'POST',
        headers: sessions.get(t.name)!,
        body,
        signal: AbortSignal.timeout(15_000),
      });
      await res.arrayBuffer();
      return record({
        marker,
        target: t.name,
        startedAt,
        endedAt: now(),
        status: res.status,
        retryAfter: res.headers.get('retry-after'),
        contentType: res.headers.get('content-type'),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return record({
        marker,
        target: t.name,
        startedAt,
        endedAt: now(),
        status: 0,
        retryAfter: null,
        contentType: null,
        error: e.cause?.code ?? e.name,
      });
    }
  };
  const loops = targets.flatMap((t) =>
    Array.from({ length: opts.workers }, async (_, w) => {
      while (!stopped) {
        const last = await postOne(t, w);
        // A process that is gone refuses at once: do not spin on it.
        await sleep(last.status === 0 ? Math.max(opts.pauseMs, 50) : opts.pauseMs);
      }
    }),
  );
  return {
    outcomes,
    now,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Resolves true when `pred` holds, or false after `timeoutMs` (for checks that report rather than throw). */
export const waitUntil = (pred: () => boolean, timeoutMs: number): Promise<boolean> =>
  until(pred, timeoutMs, () => 'timed out').then(
    () => true,
    () => false,
  );

export interface StoreCheck {
  acknowledged: number;
  /** Acknowledged markers not stored. */
  lost: string[];
  /** Markers stored more than once. */
  doubled: string[];
  /** Posts without a 201 whose comment was stored anyway (allowed: the answer, not the commit, was lost). */
  storedUnacknowledged: number;
}

/** Compares the outcomes with what the database holds. */
export function checkStore(outcomes: PostOutcome[], counts: Map<string, number>): StoreCheck {
  const acked = outcomes.filter((o) => o.status === 201);
  return {
    acknowledged: acked.length,
    lost: acked.filter((o) => (counts.get(o.marker) ?? 0) !== 1).map((o) => o.marker),
    doubled: [...counts].filter(([, c]) => c > 1).map(([m]) => m),
    storedUnacknowledged: outcomes.filter((o) => o.status !== 201 && (counts.get(o.marker) ?? 0) > 0).length,
  };
}

/** Status → count, with 0 for "no response". */
export function statusCounts(outcomes: PostOutcome[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of outcomes) out[String(o.status)] = (out[String(o.status)] ?? 0) + 1;
  return out;
}

export interface ReadLoad {
  /** Stops reading from one target (a process that was killed), keeping its figures. */
  stopOn(name: string): void;
  /** Stops the readers and returns status → count over every target, plus request errors and timeouts. */
  stop(): Promise<{ statusCounts: Record<string, number>; errors: number; timeouts: number; requests: number }>;
}

/**
 * autocannon on each target (connections split between them), alternating the article page and /readyz,
 * at most `rate` requests per second in all, for at most `durationS`.
 */
export function startReadLoad(
  targets: Target[],
  opts: { connections: number; rate: number; durationS: number },
): ReadLoad {
  const per = Math.max(1, Math.floor(opts.connections / targets.length));
  const instances = targets.map((t) =>
    autocannon({
      url: t.baseUrl,
      connections: per,
      overallRate: Math.max(1, Math.floor(opts.rate / targets.length)),
      duration: opts.durationS,
      timeout: 10,
      requests: [
        { method: 'GET', path: `/articles/${FAULT_ARTICLE}` },
        { method: 'GET', path: '/readyz' },
      ],
    }),
  );
  return {
    stopOn: (name) => instances[targets.findIndex((t) => t.name === name)]?.stop(),
    stop: async () => {
      for (const i of instances) i.stop();
      const results = await Promise.all(instances);
      const statusCounts: Record<string, number> = {};
      let errors = 0;
      let timeouts = 0;
      let requests = 0;
      for (const r of results) {
        for (const [code, { count }] of Object.entries(r.statusCodeStats))
          statusCounts[code] = (statusCounts[code] ?? 0) + count;
        errors += r.errors;
        timeouts += r.timeouts;
        requests += r.requests.total;
      }
      return { statusCounts, errors, timeouts, requests };
    },
  };
}

/** One status of a GET, with the headers a check needs; status 0 when no response came. */
export async function probe(
  url: string,
  accept = 'text/html',
): Promise<{ status: number; retryAfter: string | null; contentType: string | null }> {
  try {
    const res = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      contentType: res.headers.get('content-type'),
    };
  } catch {
    return { status: 0, retryAfter: null, contentType: null };
  }
}

/** Prints one summary line and writes test-results/fault-<name>.json. */
export function reportFault(name: string, summary: Record<string, unknown>): void {
  const dir = path.join(ROOT, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `fault-${name}.json`), `${JSON.stringify({ name, ...summary }, null, 2)}\n`);
  console.log(`[fault ${name}] ${JSON.stringify(summary)}`);
}
