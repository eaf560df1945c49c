/**
 * Issue 15: `npm start` on every core. WORKERS=2 on SQLite (no LISTEN/NOTIFY there): two worker processes
 * share the port; a comment posted through one reaches live streams held by both and drops both page caches;
 * a session signed in at one is valid at the other; killing the primary with -9 leaves no worker behind.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseStream } from '../helpers/sse.js';
import { until } from '../helpers/until.js';
import { FAULT_ARTICLE, killAllApps, startApp, type AppProcess } from '../helpers/app-process.js';
import { openDiscussion } from '../helpers/fault-load.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a connection of its own, so the cluster's round-robin hands each to the next worker. */
function request(
  base: string,
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      `${base}${url}`,
      { method: opts.method ?? 'GET', agent: false, headers: { connection: 'close', ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WORKERS=2 on SQLite', { timeout: 90_000 }, () => {
  let dir: string;
  let app: AppProcess;
  let articleId = 0;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-workers-'));
    app = await startApp({ name: 'cluster', dataDir: dir, seedDemo: true, env: { WORKERS: '2' } });
    await openDiscussion({ sqliteFile: path.join(dir, 'broadsheet.sqlite') });
    const page = await request(app.baseUrl, `/articles/${FAULT_ARTICLE}`);
    articleId = Number(/data-article-id="(\d+)"/.exec(page.body)?.[1]);
  }, 90_000);

  afterAll(async () => {
    await killAllApps();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('serves from two worker processes, each with its own page cache', async () => {
    const workers = execFileSync('pgrep', ['-P', String(app.pid), '-f', 'main.ts'])
      .toString()
      .trim()
      .split('\n');
    expect(workers).toHaveLength(2);
    // Both idle (the demo's first background work done), the primary hands connections to them in turn.
    const seen: number[] = [];
    await until(
      async () => {
        seen.push(JSON.parse((await request(app.baseUrl, '/healthz')).body).worker);
        const last = seen.slice(-4);
        return last.length === 4 && new Set(last).size === 2 && last[0] === last[2] && last[1] === last[3];
      },
      60_000,
      () => `workers answering: ${seen.join(' ')}`,
    );
    // A page nobody asked for yet: each worker builds it once, then answers from memory.
    const url = `/articles/${FAULT_ARTICLE}?sort=oldest`;
    const caches: string[] = [];
    for (let i = 0; i < 4; i++)
      caches.push(String((await request(app.baseUrl, url)).headers['x-page-cache'] ?? 'miss'));
    expect(caches).toEqual(['miss', 'miss', 'hit', 'hit']);
  });

  it('hands a comment posted through one worker to live streams and page caches in both', async () => {
    const streams: SseStream[] = [];
    for (let i = 0; i < 4; i++) streams.push(await openSse(app.baseUrl, `topics=article:${articleId}`));
    for (let i = 0; i < 2; i++) await request(app.baseUrl, `/articles/${FAULT_ARTICLE}`);
    const text = `Across the workers ${Date.now().toString(36)}`;
    const posted = await request(app.baseUrl, `/api/articles/${FAULT_ARTICLE}/comments`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: 'Cluster Reader', email: 'cluster@example.test', body: text }),
    });
    expect(posted.status, posted.body).toBe(201);
    try {
      // Four streams on a round-robin of two workers: each worker holds some.
      await Promise.all(streams.map((s) => s.until((e) => e.event === 'comment.new')));
    } finally {
      for (const s of streams) s.close();
    }
    // Both workers dropped the page at once (well within PAGE_CACHE_SECONDS): every answer has the comment.
    for (let i = 0; i < 4; i++) expect((await request(app.baseUrl, `/articles/${FAULT_ARTICLE}`)).body).toContain(text);
  });

  it('keeps a session valid in every worker', async () => {
    // The primary prints its banner once every worker listens, which may be just after the first page answered.
    await until(
      () => app.output().includes('Admin login'),
      10_000,
      () => `no admin login printed:\n${app.output()}`,
    );
    const login = /Admin login[^:]*: (\S+) \/ (\S+)/.exec(app.output());
    expect(login, `the primary printed the admin login once:\n${app.output()}`).not.toBeNull();
    expect(app.output().match(/Admin login/g)).toHaveLength(1);
    const res = await request(app.baseUrl, '/login', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: login![1]!, password: login![2]! }).toString(),
    });
    expect(res.status).toBe(303);
    const cookie = [res.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => c.split(';')[0])
      .join('; ');
    for (let i = 0; i < 4; i++)
      expect((await request(app.baseUrl, '/account', { headers: { cookie } })).status).toBe(200);
  });

  it('leaves no worker behind when the primary is killed with -9', async () => {
    const workers = execFileSync('pgrep', ['-P', String(app.pid), '-f', 'main.ts'])
      .toString()
      .trim()
      .split('\n')
      .map(Number);
    app.kill('SIGKILL');
    await app.exit;
    await until(
      () => workers.every((pid) => !alive(pid)),
      20_000,
      () => `workers still running: ${workers.filter(alive)}`,
    );
  });
});
