/**
 * Memory per open live stream: starts the real server (bench/harness.ts, one process, SQLite unless
 * BENCH_DATABASE_URL), opens LIVE_STREAMS (default 1,000) server-sent event streams to `GET /live`, each on
 * its own connection and from its own client address (X-Forwarded-For; the harness trusts 127.0.0.1 as a
 * proxy, so no network reaches LIVE_MAX_STREAMS_PER_NETWORK), waits until every one has its `ready` event,
 * and reads the server's resident memory (VmRSS in /proc/<pid>/status, Linux) before and after; then closes
 * them all. It does that LIVE_ROUNDS times (default 2) on one server and prints one JSON line on stdout:
 *
 *   {"streams":1000,"per_stream_kb":…,"rounds":[{"before_mb":…,"after_mb":…,"per_stream_kb":…,…}]}
 *
 * `per_stream_kb` is the first round's: what 1,000 streams add to a process that never held any. Later
 * rounds reuse what the closed streams left (RSS seldom shrinks) and read lower. RSS also moves with the
 * garbage collector, so runs differ by a few KB per stream.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './harness.js';

const STREAMS = Number(process.env.LIVE_STREAMS ?? '1000');
/** Connections being opened at once. */
const PARALLEL = 50;
/** Rounds of open-all, measure, close-all on one server (RSS moves with the garbage collector). */
const ROUNDS = Number(process.env.LIVE_ROUNDS ?? '2');

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
}

/** Opens one stream and resolves once its `ready` event arrived; returns how to close it. */
function openStream(baseUrl: string, i: number): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const req = http.get(
      `${baseUrl}/live?topics=article:${(i % 50) + 1},goal`,
      { agent: false, headers: { accept: 'text/event-stream', 'x-forwarded-for': address } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`stream ${i}: status ${res.statusCode}`));
          res.resume();
          return;
        }
        let seen = '';
        res.setEncoding('utf8');
        const onData = (chunk: string) => {
          seen += chunk;
          if (seen.includes('event: ready')) {
            res.off('data', onData);
            res.resume();
            resolve(() => req.destroy());
          }
        };
        res.on('data', onData);
      },
    );
    req.on('error', reject);
  });
}

const settle = () => new Promise((r) => setTimeout(r, 2_000));

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-bench-live-'));
  const server = await startServer({ dataDir, databaseUrl: process.env.BENCH_DATABASE_URL });
  try {
    // One stream first, so the route's code and the journal's query are loaded before the baseline.
    (await openStream(server.baseUrl, 0))();
    const rounds: Array<{ before_mb: number; after_mb: number; per_stream_kb: number; open_all_ms: number }> = [];
    let healthy: unknown;
    for (let round = 0; round < ROUNDS; round++) {
      await settle();
      const before = rssKb(server.pid);
      const closers: Array<() => void> = [];
      const started = performance.now();
      for (let i = 1; i <= STREAMS; i += PARALLEL) {
        const batch = Array.from({ length: Math.min(PARALLEL, STREAMS - i + 1) }, (_, k) => i + k);
        closers.push(...(await Promise.all(batch.map((n) => openStream(server.baseUrl, n)))));
      }
      const openMs = performance.now() - started;
      await settle();
      const after = rssKb(server.pid);
      const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as Record<string, unknown>;
      healthy = health.status ?? health;
      for (const close of closers) close();
      rounds.push({
        before_mb: Math.round(before / 102.4) / 10,
        after_mb: Math.round(after / 102.4) / 10,
        per_stream_kb: Math.round(((after - before) / STREAMS) * 10) / 10,
        open_all_ms: Math.round(openMs),
      });
    }
    const result = {
      streams: STREAMS,
      database: process.env.BENCH_DATABASE_URL ? 'postgres' : 'sqlite',
      // The first round grows a process that never held streams: the figure to quote. Later rounds reuse the
      // memory the closed streams left (RSS seldom shrinks), so they read lower.
      per_stream_kb: rounds[0]?.per_stream_kb,
      rounds,
      healthy_with_streams_open: healthy,
      node: process.version,
    };
    console.log(JSON.stringify(result));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
