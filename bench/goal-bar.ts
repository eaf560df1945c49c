/**
 * What the goal bar costs a page: GET / on the real app (SQLite, demo content) with this month's campaign
 * and without one, alternating runs so machine noise hits both sides alike.
 * 1. autocannon over HTTP on 127.0.0.1, in a child process so it does not share the server's event loop
 *    (requests/s and latency percentiles, medians over rounds);
 * 2. CPU time per request through app.inject (process.cpuUsage), which a busy shared machine disturbs
 *    far less than throughput.
 * Usage: `tsx bench/goal-bar.ts [seconds] [rounds]` (seconds 0 skips autocannon). Prints JSON.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/dialect.js';
import { createDeps } from '../src/deps.js';
import { seedDemo } from '../src/features/demo/demo.seed.js';
import { memoryBus } from '../src/platform/event-bus.js';
import { systemClock } from '../src/platform/clock.js';

const run = promisify(execFile);
const seconds = Number(process.argv[2] ?? 8);
const rounds = Number(process.argv[3] ?? 3);
const port = Number(process.env.BENCH_PORT ?? 4590);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-bench-goal-'));
const config = loadConfig({
  NODE_ENV: 'production',
  SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123456789',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  DATA_DIR: dataDir,
});
const db = await openDb({ databaseUrl: undefined, sqliteFile: path.join(dataDir, 'bench.sqlite') });
const deps = await createDeps(config, { db, clock: systemClock, log: pino({ level: 'silent' }), bus: memoryBus() });
await seedDemo(deps, { avifInBackground: false });
const campaign = await db.kysely.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
const app = await buildApp(deps);
await app.listen({ port, host: '127.0.0.1' });

async function setCampaign(on: boolean): Promise<void> {
  await db.kysely.deleteFrom('campaigns').execute();
  if (on)
    await db.kysely
      .insertInto('campaigns')
      .values({ ...campaign, id: undefined } as never)
      .execute();
  const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
  if (body.includes('role="progressbar"') !== on)
    throw new Error(`bar ${on ? 'missing' : 'present'} in mode ${on ? 'campaign' : 'none'}`);
}

async function cannon(): Promise<{ rps: number; p50: number; p97_5: number; p99: number }> {
  const bin = path.resolve('node_modules/.bin/autocannon');
  const { stdout } = await run(bin, ['-j', '-c', '10', '-d', String(seconds), `http://127.0.0.1:${port}/`], {
    maxBuffer: 1 << 24,
  });
  const r = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p97_5: number; p99: number };
    non2xx: number;
  };
  if (r.non2xx > 0) throw new Error(`${r.non2xx} non-2xx responses`);
  return { rps: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99 };
}

/** CPU microseconds per GET / through inject (no sockets), over `n` requests. */
async function cpuPerRequest(n: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await app.inject('/');
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
  }
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / n);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
type Mode = 'none' | 'campaign';
const results: Record<Mode, Array<Awaited<ReturnType<typeof cannon>>>> = { none: [], campaign: [] };
const cpu: Record<Mode, number[]> = { none: [], campaign: [] };
await setCampaign(true);
await cpuPerRequest(500); // warm-up
if (seconds > 0) await cannon();
for (let i = 0; i < rounds; i++) {
  for (const mode of (i % 2 === 0 ? ['none', 'campaign'] : ['campaign', 'none']) as Mode[]) {
    await setCampaign(mode === 'campaign');
    cpu[mode].push(await cpuPerRequest(2000));
    if (seconds > 0) results[mode].push(await cannon());
  }
}
const summary = Object.fromEntries(
  (['none', 'campaign'] as Mode[]).map((mode) => {
    const rs = results[mode];
    return [
      mode,
      {
        cpuMicrosPerRequest: median(cpu[mode]),
        cpuRuns: cpu[mode],
        ...(rs.length
          ? {
              rps: median(rs.map((r) => r.rps)),
              p50: median(rs.map((r) => r.p50)),
              p97_5: median(rs.map((r) => r.p97_5)),
              p99: median(rs.map((r) => r.p99)),
              runs: rs,
            }
          : {}),
      },
    ];
  }),
);
console.log(JSON.stringify({ page: 'GET /', seconds, rounds, connections: 10, summary }, null, 2));
await app.close();
await db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
