/**
 * Issue 15: proven behind a real proxy cache. Debian's nginx with `proxy_cache` (the configuration of
 * docs/deploy.md) in front of two app processes on one PostgreSQL: repeated anonymous article requests are
 * answered from nginx's cache, a new comment shows through it within the configured freshness, and a
 * signed-in reader's pages are never cached (nor shown to anyone else).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { FAULT_ARTICLE, killAllApps, startApp, type AppProcess } from '../helpers/app-process.js';
import { freePort, POSTGRES_BIN, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres.js';
import { openDiscussion } from '../helpers/fault-load.js';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
/** PAGE_CACHE_SECONDS of both processes: how stale nginx may serve a page. */
const FRESHNESS_S = 3;

if (!NGINX && process.env.CI === 'true') throw new Error('CI must provide nginx (.ci/run installs nginx-light)');
if (!NGINX)
  console.warn('[broadsheet tests] nginx not found (apt-get install nginx-light): the proxy cache test is skipped.');
if (!POSTGRES_BIN) console.warn('[broadsheet tests] PostgreSQL binaries not found: the proxy cache test is skipped.');

/** docs/deploy.md's server block, on loopback, with every path under `dir`. */
function nginxConf(dir: string, port: number, upstreams: string[]): string {
  return `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=broadsheet:10m max_size=100m inactive=10m;
  upstream broadsheet {
    ${upstreams.map((u) => `server ${u};`).join('\n    ')}
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://broadsheet;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_cache broadsheet;
      proxy_cache_key $scheme$host$request_uri;
      proxy_cache_bypass $cookie_bs_session $cookie_bs_guest;
      proxy_no_cache $cookie_bs_session $cookie_bs_guest;
      proxy_cache_use_stale updating error timeout http_500 http_502 http_503;
      proxy_cache_background_update on;
      proxy_cache_lock on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

describe.skipIf(!NGINX || !POSTGRES_BIN)('nginx proxy_cache in front of two app processes', { timeout: 90_000 }, () => {
  let pg: PrivatePostgres;
  let dir: string;
  let nginx: ChildProcess;
  let base: string;
  const apps: AppProcess[] = [];

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${url}`, { headers, redirect: 'manual' });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-nginx-'));
    const env = { PAGE_CACHE_SECONDS: String(FRESHNESS_S), TRUSTED_PROXIES: '127.0.0.1' };
    apps.push(await startApp({ name: 'a', databaseUrl: pg.url, dataDir: path.join(dir, 'a'), seedDemo: true, env }));
    apps.push(await startApp({ name: 'b', databaseUrl: pg.url, dataDir: path.join(dir, 'b'), seedDemo: false, env }));
    await openDiscussion({ databaseUrl: pg.url });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(
      conf,
      nginxConf(
        dir,
        port,
        apps.map((a) => new URL(a.baseUrl).host),
      ),
    );
    nginx = spawn(NGINX!, ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    await until(
      async () =>
        (await fetch(`${base}/healthz`).then(
          (r) => r.status,
          () => 0,
        )) === 200,
      20_000,
      () =>
        `nginx did not answer: ${stderr}${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`,
    );
  }, 90_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await killAllApps();
    await pg?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('answers repeated anonymous article requests from its cache, with no cookie', async () => {
    const first = await get(`/articles/${FAULT_ARTICLE}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toBeNull();
    expect(first.headers.get('cache-control')).toContain(`s-maxage=${FRESHNESS_S}`);
    const statuses: string[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await get(`/articles/${FAULT_ARTICLE}`)).headers.get('x-cache-status')!);
    // Within the freshness, every repeat comes from nginx (at most one refresh if the window ended meanwhile).
    expect(statuses.filter((s) => s === 'HIT').length).toBeGreaterThanOrEqual(18);
  });

  it('shows a new comment through the cache within the configured freshness', async () => {
    await get(`/articles/${FAULT_ARTICLE}`);
    const text = `Through nginx ${Date.now().toString(36)}`;
    const posted = await fetch(`${base}/api/articles/${FAULT_ARTICLE}/comments`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: 'Edge Reader', email: 'edge@example.test', body: text }),
    });
    expect(posted.status).toBe(201);
    const t0 = performance.now();
    await until(
      async () => (await get(`/articles/${FAULT_ARTICLE}`)).body.includes(text),
      (FRESHNESS_S + 3) * 1000,
      () => 'the comment never showed through the cache',
    );
    const seenAfterMs = performance.now() - t0;
    // The freshness, plus the one stale answer stale-while-revalidate allows while nginx refetches.
    expect(seenAfterMs).toBeLessThan((FRESHNESS_S + 2) * 1000);
  });

  it('never caches a signed-in reader’s page, nor shows it to anyone else', async () => {
    const login = /Admin login[^:]*: (\S+) \/ (\S+)/.exec(apps[0]!.output());
    expect(login, 'the first process printed the admin login').not.toBeNull();
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: login![1]!, password: login![2]! }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toContain('bs_session=');
    for (let i = 0; i < 3; i++) {
      const mine = await get(`/articles/${FAULT_ARTICLE}`, { cookie });
      expect(mine.headers.get('x-cache-status')).toBe('BYPASS');
      expect(mine.headers.get('cache-control')).toBe('private, no-store');
      expect(mine.body).toContain('Sign out');
    }
    const anonymous = await get(`/articles/${FAULT_ARTICLE}`);
    expect(anonymous.body).not.toContain('Sign out');
    expect(anonymous.body).toContain('Sign in');
  });
});
