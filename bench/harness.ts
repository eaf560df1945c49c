/**
 * Runs the real server as a child process (the way an operator starts it, no test shortcuts) and
 * measures one request shape against it with autocannon: a warm-up so JIT and caches are primed, then
 * latency with one connection (what one reader feels) and throughput with ten (what the box can serve).
 * Traffic only goes to 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
/** 32+ characters, as production config requires; it only signs this run's throwaway cookies. */
const BENCH_SECRET = 'bench-secret-key-0123456789abcdef-not-for-production';

export interface Server {
  baseUrl: string;
  /** Process id of the server, to tell its CPU time from other programs'. */
  pid: number;
  stop(): Promise<void>;
}

/** A port the OS says is free right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
// If the bench dies, do not leave a server behind.
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** Starts `node --import tsx src/main.ts` on a free loopback port and waits until /healthz answers. */
export async function startServer(opts: { dataDir: string; databaseUrl: string | undefined }): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST,
    DATA_DIR: opts.dataDir,
    SECRET_KEY: BENCH_SECRET,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    NODE_ENV: 'production',
    // One client IP sends every request here: lift the per-IP write limit so posting and voting are timed, not refused.
    WRITE_RATE_LIMIT: '100000000',
    // The bench stands in for a proxy: scenarios that need many readers send each request from a
    // different X-Forwarded-For address (one guest vote per address and comment is the rule).
    TRUSTED_PROXIES: '127.0.0.1',
    // WORKERS=2 npm run bench measures the cluster; one process unless asked.
    WORKERS: process.env.WORKERS ?? '1',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  };
  // The server's console goes to our stderr so stdout carries only the JSON result lines.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 2, 2],
  });
  running.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const baseUrl = `http://${HOST}:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, sleep(150).then(() => 'waiting' as const)]);
    if (early !== 'waiting') throw new Error(`server exited with code ${early} before it was healthy`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not become healthy within 60 s');
    }
  }

  return {
    baseUrl,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout' as const)]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One HTTP request shape, as autocannon sends it. */
export interface RequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Status every response must have (200 for pages). */
  expectStatus: number;
  /** Headers that change with every request (e.g. a different reader's address for each vote). */
  perRequestHeaders?: () => Record<string, string>;
}

export interface MeasureOptions {
  /** Seconds per measurement. */
  durationS: number;
  /** Requests before measuring. */
  warmupRequests: number;
  /** Connections of the throughput run. */
  connections: number;
}

export interface Measurement {
  /** Average requests per second with `connections` connections. */
  rps: number;
  /**
   * Latency percentiles with one connection, from autocannon's own per-response times, to 0.01 ms.
   * Its histogram (result.latency) stores whole milliseconds, truncated: a 0.9 ms page reads as 0 there.
   */
  p50Ms: number;
  p99Ms: number;
  /** autocannon's result.latency.p50 / p99 (whole ms, truncated), kept for comparison. */
  p50MsHistogram: number;
  p99MsHistogram: number;
  /** Responses measured (latency run + throughput run). */
  responses: number;
  /** Responses with another status than expected, request errors and timeouts, over all runs. */
  unexpected: number;
  errors: number;
  statusCounts: Record<string, number>;
}

export async function measure(baseUrl: string, spec: RequestSpec, opts: MeasureOptions): Promise<Measurement> {
  const base: autocannon.Options = { url: `${baseUrl}${spec.path}`, method: spec.method, timeout: 10 };
  if (spec.headers) base.headers = spec.headers;
  if (spec.body !== undefined) base.body = spec.body;
  const vary = spec.perRequestHeaders;
  if (vary)
    base.requests = [
      { setupRequest: (req) => ({ ...req, headers: { ...(req.headers ?? {}), ...spec.headers, ...vary() } }) },
    ];
  const warm = await run({
    ...base,
    connections: Math.min(opts.connections, opts.warmupRequests),
    amount: opts.warmupRequests,
  });

  const times: number[] = [];
  const latency = await run({ ...base, connections: 1, duration: opts.durationS }, (ms) => times.push(ms));
  const throughput = await run({ ...base, connections: opts.connections, duration: opts.durationS });

  const statusCounts: Record<string, number> = {};
  for (const res of [warm, latency, throughput]) {
    for (const [code, { count }] of Object.entries(res.statusCodeStats))
      statusCounts[code] = (statusCounts[code] ?? 0) + count;
  }
  const all = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const errors =
    warm.errors + warm.timeouts + latency.errors + latency.timeouts + throughput.errors + throughput.timeouts;
  times.sort((a, b) => a - b);
  return {
    rps: Math.round(throughput.requests.average * 10) / 10,
    p50Ms: round2(percentile(times, 50)),
    p99Ms: round2(percentile(times, 99)),
    p50MsHistogram: latency.latency.p50,
    p99MsHistogram: latency.latency.p99,
    responses: latency.requests.total + throughput.requests.total,
    unexpected: all - (statusCounts[String(spec.expectStatus)] ?? 0) + errors,
    errors,
    statusCounts,
  };
}

/** Pause after a run: autocannon hangs up on requests still in flight when time is up; let the server finish them. */
const DRAIN_MS = 250;

async function run(opts: autocannon.Options, onResponse?: (ms: number) => void): Promise<autocannon.Result> {
  const instance = autocannon(opts);
  if (onResponse) instance.on('response', (_client, _status, _bytes, ms) => onResponse(ms));
  const result = await instance;
  await sleep(DRAIN_MS);
  return result;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
