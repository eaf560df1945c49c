/**
 * Issue 11 (a): PostgreSQL restarted (fast shutdown, as an operator's restart does) under a bounded load
 * against two app processes. Neither process exits; while the database is down, requests answer 503 with
 * Retry-After (an HTML page for pages, problem+json for the API), /readyz says not ready and /healthz
 * says alive; once it is back, both serve again within seconds without a restart; every acknowledged
 * comment is stored exactly once. The error window (first failed request → first success after the
 * database is back) is measured and reported in test-results/fault-postgres-restart.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeExit, FAULT_ARTICLE, killAllApps, sleep, startApp, type AppProcess } from '../helpers/app-process.js';
import {
  checkStore,
  countMarkers,
  openDiscussion,
  pageSession,
  probe,
  reportFault,
  startBurst,
  startReadLoad,
  statusCounts,
  waitUntil,
  type PostOutcome,
} from '../helpers/fault-load.js';
import { POSTGRES_BIN, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';

/** How long the database stays down at least (measured: the probes may take longer). */
const DOWN_MS = 1_500;
/** Both processes must acknowledge a post within this long after the database is back. */
const RECOVERY_MS = 15_000;

let probes = 0;

/** What a process answers while the database is down (or once it is back). */
async function probeAll(app: AppProcess) {
  return {
    readyz: await probe(`${app.baseUrl}/readyz`, 'application/json'),
    healthz: await probe(`${app.baseUrl}/healthz`, 'application/json'),
    // An address no process has built yet: a page in the process's page cache is still served (200) while
    // the database is down, and that is fine; one that must be built from the database answers 503.
    page: await probe(`${app.baseUrl}/articles/${FAULT_ARTICLE}?sort=oldest&probe=${++probes}`, 'text/html'),
    api: await probe(`${app.baseUrl}/api/articles/${FAULT_ARTICLE}/comments`, 'application/json'),
  };
}

/** The live bus's state as /readyz reports it (listening, reconnecting), or null without an answer. */
async function liveState(app: AppProcess): Promise<string | null> {
  try {
    const res = await fetch(`${app.baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
    return ((await res.json()) as { live?: string }).live ?? null;
  } catch {
    return null;
  }
}

/** Milliseconds until a comment posted through `poster` reaches a live stream on `listener`; null after `timeoutMs`. */
async function liveAcross(listener: AppProcess, poster: AppProcess, text: string, timeoutMs: number) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const list = await fetch(`${poster.baseUrl}/api/articles/${FAULT_ARTICLE}/comments`, { signal: ctrl.signal });
    const { articleId } = (await list.json()) as { articleId: number };
    const res = await fetch(`${listener.baseUrl}/live?topics=article:${articleId}`, { signal: ctrl.signal });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error('the live stream ended');
        seen += chunk.value;
      }
    };
    await readUntil(() => seen.includes(': connected'));
    const t0 = performance.now();
    const posted = await fetch(`${poster.baseUrl}/api/articles/${FAULT_ARTICLE}/comments`, {
      method: 'POST',
      headers: await pageSession(poster.baseUrl),
      body: JSON.stringify({ name: 'Live check', email: 'live@example.test', body: text }),
      signal: ctrl.signal,
    });
    const { id } = (await posted.json()) as { id: number };
    await readUntil(() => seen.includes(`event: comment.new\ndata: {"id":${id},`));
    return Math.round(performance.now() - t0);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
}

const firstEnd = (os: PostOutcome[]) => (os.length === 0 ? null : Math.min(...os.map((o) => o.endedAt)));
const round = (ms: number | null) => (ms === null ? null : Math.round(ms));

describe.skipIf(!POSTGRES_BIN)('PostgreSQL restarted under load against two app processes', { timeout: 60_000 }, () => {
  let server: PrivatePostgres;
  let dataDir: string;
  let a: AppProcess;
  let b: AppProcess;

  beforeAll(async () => {
    server = await startPrivatePostgres();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-fault-pgrestart-'));
    // Both start at once on the empty database (migrations take a lock); one of them seeds the demo content.
    [a, b] = await Promise.all([
      startApp({ name: 'a', databaseUrl: server.url, dataDir, seedDemo: true }),
      startApp({ name: 'b', databaseUrl: server.url, dataDir, seedDemo: false }),
    ]);
    await openDiscussion({ databaseUrl: server.url });
  }, 60_000);

  afterAll(async () => {
    await killAllApps();
    await server?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('keeps both processes up, answers 503 while it is down, and loses or doubles no acknowledged comment', async () => {
    const runId = `pgrestart${Date.now().toString(36)}`;
    const apps = [a, b];
    const reads = startReadLoad(apps, { connections: 10, rate: 100, durationS: 45 });
    const burst = await startBurst(apps, { runId, workers: 2, pauseMs: 10 });
    const acked = (name: string, after = -1) =>
      burst.outcomes.filter((o) => o.target === name && o.status === 201 && o.endedAt >= after);
    expect(await waitUntil(() => apps.every((p) => acked(p.name).length >= 10), 15_000), 'steady before').toBe(true);

    const stopAt = burst.now();
    await server.stop();
    const downAt = burst.now();
    const whileDown = { a: await probeAll(a), b: await probeAll(b) };
    await sleep(Math.max(0, DOWN_MS - (burst.now() - downAt)));
    const startAt = burst.now();
    await server.start();
    const upAt = burst.now();
    const recovered = await waitUntil(
      () => apps.every((p) => p.exited() !== null || acked(p.name, upAt).length > 0),
      RECOVERY_MS,
    );
    await sleep(500);
    await burst.stop();
    const read = await reads.stop();
    const afterUp = { a: await probeAll(a), b: await probeAll(b) };
    // LISTEN reconnects on its own (with backoff): then a comment posted through a reaches readers on b.
    const listenAt = performance.now();
    let live = await Promise.all(apps.map(liveState));
    while (live.some((s) => s !== 'listening') && performance.now() - listenAt < RECOVERY_MS) {
      await sleep(200);
      live = await Promise.all(apps.map(liveState));
    }
    const liveMs = await liveAcross(b, a, `Comment ${runId}-live: heard on the other process.`, 10_000);
    const store = checkStore(burst.outcomes, await countMarkers({ databaseUrl: server.url }, runId));

    const failures = burst.outcomes.filter((o) => o.status !== 201);
    const failedAt = firstEnd(failures);
    const successAfter = firstEnd(burst.outcomes.filter((o) => o.status === 201 && o.endedAt >= upAt));
    const recoveryMs = Object.fromEntries(
      apps.map((p) => {
        const first = firstEnd(acked(p.name, upAt));
        return [p.name, first === null ? null : round(first - upAt)];
      }),
    );
    const served503 = failures.filter((o) => o.status === 503);
    const summary = {
      startedInMs: { a: a.startedInMs, b: b.startedInMs },
      errorWindowMs: failedAt !== null && successAfter !== null ? round(successAfter - failedAt) : null,
      downMs: round(startAt - stopAt),
      stopMs: round(downAt - stopAt),
      startMs: round(upAt - startAt),
      recoveryMs,
      exits: Object.fromEntries(apps.map((p) => [p.name, p.exited() ? describeExit(p.exited()!) : null])),
      posts: burst.outcomes.length,
      acknowledged: store.acknowledged,
      failed: failures.length,
      status503: served503.length,
      retryAfterOn503: served503.length === 0 ? null : served503.every((o) => o.retryAfter !== null),
      postStatuses: statusCounts(burst.outcomes),
      lost: store.lost.length,
      doubled: store.doubled.length,
      storedUnacknowledged: store.storedUnacknowledged,
      whileDown,
      afterUp: { a: afterUp.a.readyz.status, b: afterUp.b.readyz.status },
      liveAfterUp: live,
      liveEventAcrossMs: liveMs,
      reads: read,
    };
    reportFault('postgres-restart', summary);

    for (const p of apps)
      expect(p.exited(), `${p.name} exited; the end of its output:\n${p.output().slice(-3000)}`).toBeNull();
    expect(recovered, `both processes acknowledged a post within ${RECOVERY_MS} ms of the database's return`).toBe(
      true,
    );
    expect(store.lost, 'acknowledged comments missing or stored twice').toEqual([]);
    expect(store.doubled, 'comments stored more than once').toEqual([]);
    // Every refused post was a 503 with Retry-After in problem+json: no 500, no dropped connection.
    expect(
      failures.filter(
        (o) => o.status !== 503 || o.retryAfter === null || !o.contentType?.startsWith('application/problem+json'),
      ),
    ).toEqual([]);
    for (const p of [whileDown.a, whileDown.b]) {
      expect(p.readyz.status, '/readyz while the database is down').toBe(503);
      expect(p.healthz.status, '/healthz while the database is down (the process is alive)').toBe(200);
      expect(p.page.status, 'the article page while the database is down').toBe(503);
      expect(p.page.retryAfter).not.toBeNull();
      expect(p.page.contentType).toMatch(/^text\/html/);
      expect(p.api.status, 'the comments API while the database is down').toBe(503);
      expect(p.api.retryAfter).not.toBeNull();
      expect(p.api.contentType).toMatch(/^application\/problem\+json/);
    }
    expect(afterUp.a.readyz.status).toBe(200);
    expect(afterUp.b.readyz.status).toBe(200);
    expect(live, 'both processes LISTEN again').toEqual(['listening', 'listening']);
    expect(liveMs, 'a comment posted through a reached a live reader on b').not.toBeNull();
  });
});
