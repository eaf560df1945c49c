/**
 * Issue 11 (b) and (c): an app process killed with SIGKILL in the middle of a burst of comment posts.
 * Whatever the API acknowledged (201) before the kill is stored exactly once, nothing is stored twice, the
 * SQLite file passes `PRAGMA integrity_check` and serves a fresh process afterwards; on PostgreSQL the other
 * of the two processes keeps serving through it (no lock or connection of the dead one stalls it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeExit, FAULT_ARTICLE, killAllApps, startApp, type AppProcess } from '../helpers/app-process.js';
import {
  checkStore,
  countMarkers,
  openDiscussion,
  pageSession,
  reportFault,
  startBurst,
  startReadLoad,
  statusCounts,
  waitUntil,
  type DbLocation,
} from '../helpers/fault-load.js';
import { POSTGRES_BIN, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';

/** Acknowledged posts before the kill: enough that the kill lands mid-burst, with posts in flight. */
const BEFORE_KILL = 20;

/** Posts one more comment through `app` and returns the status. */
async function postOnce(app: AppProcess, text: string): Promise<number> {
  const res = await fetch(`${app.baseUrl}/api/articles/${FAULT_ARTICLE}/comments`, {
    method: 'POST',
    headers: await pageSession(app.baseUrl),
    body: JSON.stringify({ name: 'After the kill', email: 'after@example.test', body: text }),
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('kill -9 of the one app process on SQLite, mid-burst', { timeout: 60_000 }, () => {
  let dataDir: string;
  let where: { sqliteFile: string };
  let app: AppProcess;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-fault-sqlite-'));
    where = { sqliteFile: path.join(dataDir, 'broadsheet.sqlite') };
    app = await startApp({ name: 'app', dataDir, seedDemo: true });
    await openDiscussion(where);
  }, 60_000);

  afterAll(async () => {
    await killAllApps();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('leaves a sound file holding every acknowledged comment exactly once', async () => {
    const runId = `sqlkill${Date.now().toString(36)}`;
    const reads = startReadLoad([app], { connections: 4, rate: 60, durationS: 40 });
    const burst = await startBurst([app], { runId, workers: 4, pauseMs: 2 });
    const acked = () => burst.outcomes.filter((o) => o.status === 201).length;
    expect(await waitUntil(() => acked() >= BEFORE_KILL, 20_000), 'posts were acknowledged before the kill').toBe(true);
    const killedAt = burst.now();
    app.kill('SIGKILL');
    const exit = await app.exit;
    const read = await reads.stop();
    await burst.stop();

    const file = new SQLite(where.sqliteFile);
    const integrity = file.pragma('integrity_check', { simple: true });
    file.close();
    const store = checkStore(burst.outcomes, await countMarkers(where, runId));

    // The same folder serves a new process: recovery from the WAL happened, and writing works.
    const again = await startApp({ name: 'restarted', dataDir, seedDemo: true });
    const afterStatus = await postOnce(again, `Comment ${runId}-after: posted once the app was back.`);

    const summary = {
      dialect: 'sqlite',
      startedInMs: { app: app.startedInMs, restarted: again.startedInMs },
      killedAtMs: killedAt,
      exit: describeExit(exit),
      posts: burst.outcomes.length,
      acknowledged: store.acknowledged,
      postStatuses: statusCounts(burst.outcomes),
      lost: store.lost.length,
      doubled: store.doubled.length,
      storedUnacknowledged: store.storedUnacknowledged,
      integrity,
      restartedPostStatus: afterStatus,
      reads: read,
    };
    reportFault('kill-sqlite', summary);

    expect(exit.signal).toBe('SIGKILL');
    expect(integrity).toBe('ok');
    expect(store.lost, 'acknowledged comments missing or stored twice').toEqual([]);
    expect(store.doubled, 'comments stored more than once').toEqual([]);
    // Before the kill, every post was acknowledged: the burst itself is not refused.
    expect(burst.outcomes.filter((o) => o.endedAt < killedAt && o.status !== 201)).toEqual([]);
    expect(afterStatus).toBe(201);
  });
});

describe.skipIf(!POSTGRES_BIN)(
  'kill -9 of one of two app processes on PostgreSQL, mid-burst',
  { timeout: 60_000 },
  () => {
    let server: PrivatePostgres;
    let where: DbLocation;
    let dataDir: string;
    let a: AppProcess;
    let b: AppProcess;

    beforeAll(async () => {
      server = await startPrivatePostgres();
      where = { databaseUrl: server.url };
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-fault-pgkill-'));
      // Both start at once on the empty database (migrations take a lock); one of them seeds the demo content.
      [a, b] = await Promise.all([
        startApp({ name: 'a', databaseUrl: server.url, dataDir, seedDemo: true }),
        startApp({ name: 'b', databaseUrl: server.url, dataDir, seedDemo: false }),
      ]);
      await openDiscussion(where);
    }, 60_000);

    afterAll(async () => {
      await killAllApps();
      await server?.destroy();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }, 30_000);

    it('loses and doubles nothing acknowledged, and the other process serves on', async () => {
      const runId = `pgkill${Date.now().toString(36)}`;
      const reads = startReadLoad([a, b], { connections: 4, rate: 60, durationS: 40 });
      const burst = await startBurst([a, b], { runId, workers: 3, pauseMs: 2 });
      const ackedBy = (name: string, after = -1) =>
        burst.outcomes.filter((o) => o.target === name && o.status === 201 && o.startedAt > after).length;
      expect(await waitUntil(() => ackedBy('b') >= BEFORE_KILL, 20_000), 'b acknowledged posts before the kill').toBe(
        true,
      );
      const killedAt = burst.now();
      b.kill('SIGKILL');
      const exit = await b.exit;
      reads.stopOn('b');
      // a goes on posting: a lock or a connection the dead process held must not stall it.
      const aServes = await waitUntil(() => ackedBy('a', killedAt) >= BEFORE_KILL, 20_000);
      await burst.stop();
      const read = await reads.stop();
      const store = checkStore(burst.outcomes, await countMarkers(where, runId));

      const aFailures = burst.outcomes.filter((o) => o.target === 'a' && o.status !== 201);
      reportFault('kill-postgres', {
        dialect: 'postgres',
        startedInMs: { a: a.startedInMs, b: b.startedInMs },
        killedAtMs: killedAt,
        exit: describeExit(exit),
        posts: burst.outcomes.length,
        acknowledged: store.acknowledged,
        postStatusesA: statusCounts(burst.outcomes.filter((o) => o.target === 'a')),
        postStatusesB: statusCounts(burst.outcomes.filter((o) => o.target === 'b')),
        lost: store.lost.length,
        doubled: store.doubled.length,
        storedUnacknowledged: store.storedUnacknowledged,
        reads: read,
      });

      expect(exit.signal).toBe('SIGKILL');
      expect(a.exited(), `a exited:\n${a.output()}`).toBeNull();
      expect(aServes, 'a acknowledged posts after the kill').toBe(true);
      expect(aFailures, 'a answered every post with 201').toEqual([]);
      expect(store.lost, 'acknowledged comments missing or stored twice').toEqual([]);
      expect(store.doubled, 'comments stored more than once').toEqual([]);
    });
  },
);
