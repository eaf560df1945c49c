/**
 * The article page with 500 comments: the hottest page of the site. The discussion list is rendered
 * once per discussion version and cached, so a view costs the article's few indexed reads, the
 * viewer's CSRF token and the page around the cached list. Target: p50 under 5 ms.
 *
 * Runs the real app on the embedded SQLite file (or on BENCH_DATABASE_URL), seeded with the demo
 * content, and measures it with autocannon over loopback. Writes bench/results/article-page.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { closeDeps, createDeps } from '../src/deps.js';
import { seedDemo } from '../src/features/demo/demo.seed.js';

export const name = 'article-page';
const P50_TARGET_MS = 5;

export async function run(): Promise<{ ok: boolean; summary: Record<string, unknown> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123', LOG_LEVEL: 'silent', SEED_DEMO: 'false', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' }, { dataDir });
  const deps = await createDeps(config);
  try {
    const { featuredSlug } = await seedDemo(deps, { comments: 500, avifInBackground: false });
    const app = await buildApp(deps);
    await app.listen({ port: Number(process.env.BENCH_PORT ?? 0), host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/articles/${featuredSlug}`;
    const first = await fetch(url);
    const html = await first.text();
    if (first.status !== 200 || !html.includes('500 comments')) throw new Error(`unexpected first response ${first.status}`);
    await autocannon({ url, connections: 4, duration: 3 }); // warm up the JIT and the fragment cache
    const r = await autocannon({ url, connections: Number(process.env.BENCH_CONNECTIONS ?? 1), duration: Number(process.env.BENCH_SECONDS ?? 10) });
    await app.close();
    const summary = {
      url: '/articles/<featured>', comments: 500, database: deps.db.dialect, node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
      connections: Number(process.env.BENCH_CONNECTIONS ?? 1), requests: r.requests.total, errors: r.errors + r.non2xx + r.timeouts, bytesPerPage: html.length,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, mean: r.latency.mean, max: r.latency.max }, requestsPerSecond: r.requests.mean,
      target: `p50 < ${P50_TARGET_MS} ms`, measuredAt: new Date().toISOString(),
    };
    return { ok: r.latency.p50 < P50_TARGET_MS && summary.errors === 0, summary };
  } finally {
    await closeDeps(deps);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
