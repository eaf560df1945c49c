/**
 * Issue 15, live streams that do not lose events, as production runs: two app processes (`src/main.ts`) on one
 * PostgreSQL database. Comments posted through process A are replayed by process B to a reader who reconnects
 * to B with `Last-Event-ID`: exactly the missed ones, in order, then the live ones. The same with WORKERS=2
 * on SQLite, where the workers share the journal in the database file.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_ARTICLE, killAllApps, startApp, type AppProcess } from '../helpers/app-process.js';
import { openDiscussion } from '../helpers/fault-load.js';
import { createTestDb, PG_URL, type TestDb } from '../helpers/test-db.js';
import { openSse, type SseEvent } from '../helpers/sse.js';

function post(base: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/api/articles/${FAULT_ARTICLE}/comments`,
      {
        method: 'POST',
        agent: false,
        headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', accept: 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ name: 'Replay Reader', email: 'replay@example.test', body }));
  });
}

const isNew = (e: SseEvent) => e.event === 'comment.new';

describe.skipIf(!PG_URL)('live replay across two app processes on PostgreSQL', { timeout: 120_000 }, () => {
  let testDb: TestDb;
  let a: AppProcess;
  let b: AppProcess;
  let topic = '';

  beforeAll(async () => {
    testDb = await createTestDb('postgres');
    const common = { databaseUrl: testDb.url!, dataDir: testDb.dataDir };
    a = await startApp({ name: 'a', ...common, seedDemo: true });
    b = await startApp({ name: 'b', ...common, seedDemo: false });
    await openDiscussion({ databaseUrl: testDb.url! });
    const page = await (await fetch(`${b.baseUrl}/articles/${FAULT_ARTICLE}`)).text();
    topic = `article:${/data-article-id="(\d+)"/.exec(page)?.[1]}`;
  }, 120_000);

  afterAll(async () => {
    await killAllApps();
    await testDb.drop();
  }, 30_000);

  it('replays, at process B, the events process A published while the reader was away', async () => {
    const first = await openSse(b.baseUrl, `topics=${topic}`);
    const [ready] = await first.until((e) => e.event === 'ready');
    const c1 = await post(a.baseUrl, `Before the drop ${Date.now()}`);
    expect(c1.status).toBe(201);
    // Heard live at B, with an id newer than the one the stream started from.
    const [live] = await first.until(isNew);
    expect(live!.data.id).toBe(c1.json.id);
    expect(live!.id).toBeGreaterThan(ready!.id ?? 0);
    first.close();
    await first.ended;

    const c2 = await post(a.baseUrl, `Missed one ${Date.now()}`);
    const c3 = await post(a.baseUrl, `Missed two ${Date.now()}`);
    expect([c2.status, c3.status]).toEqual([201, 201]);

    const again = await openSse(b.baseUrl, `topics=${topic}`, { 'last-event-id': String(live!.id) });
    const replayed = await again.until(isNew, 2);
    expect(replayed.map((e) => e.data.id)).toEqual([c2.json.id, c3.json.id]);
    expect(replayed[0]!.id).toBeGreaterThan(live!.id!);
    expect(replayed[1]!.id).toBeGreaterThan(replayed[0]!.id!);
    // Then the live ones, whichever process they are posted through; nothing twice.
    const c4 = await post(b.baseUrl, `After the return ${Date.now()}`);
    const all = await again.until(isNew, 3);
    expect(all.map((e) => e.data.id)).toEqual([c2.json.id, c3.json.id, c4.json.id]);
    expect(all[2]!.id).toBeGreaterThan(all[1]!.id!);
    again.close();
  });
});

describe('live replay across the workers of WORKERS=2 on SQLite', { timeout: 120_000 }, () => {
  let dir: string;
  let app: AppProcess;
  let topic = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-live-workers-'));
    app = await startApp({ name: 'cluster', dataDir: dir, seedDemo: true, env: { WORKERS: '2' } });
    await openDiscussion({ sqliteFile: path.join(dir, 'broadsheet.sqlite') });
    const page = await (await fetch(`${app.baseUrl}/articles/${FAULT_ARTICLE}`)).text();
    topic = `article:${/data-article-id="(\d+)"/.exec(page)?.[1]}`;
  }, 120_000);

  afterAll(async () => {
    await killAllApps();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('replays the missed comments whichever worker the reader comes back to', async () => {
    const first = await openSse(app.baseUrl, `topics=${topic}`);
    await first.until((e) => e.event === 'ready');
    const c1 = await post(app.baseUrl, `Heard ${Date.now()}`);
    const [live] = await first.until(isNew);
    expect(live!.data.id).toBe(c1.json.id);
    first.close();
    const missed = [];
    for (let i = 0; i < 3; i++) missed.push((await post(app.baseUrl, `Missed ${i} ${Date.now()}`)).json.id);
    // Twice: the primary hands connections to the workers in turn, so both workers replay.
    for (let round = 0; round < 2; round++) {
      const again = await openSse(app.baseUrl, `topics=${topic}`, { 'last-event-id': String(live!.id) });
      const replayed = await again.until(isNew, 3);
      expect(replayed.map((e) => e.data.id)).toEqual(missed);
      again.close();
    }
  });
});
