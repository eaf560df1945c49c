/**
 * `npm run bench`: seeds a throwaway database, starts the real server against it, measures every
 * selected scenario and prints one JSON line per scenario on stdout (everything else goes to stderr).
 * Scenarios needing a larger comments table run later, after the same database has been grown, so a
 * full run seeds once and restarts the server once per size.
 *
 *   npm run bench                                  all scenarios
 *   npm run bench -- --scenario article_500        a subset (repeatable, or comma-separated)
 *   BENCH_SCENARIOS=home,article_500 npm run bench
 *   BENCH_DURATION=10                              seconds per measurement (default 5)
 *   BENCH_DATABASE_URL=postgres://…                run on PostgreSQL (a temporary database is created)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchOtherCpu } from './cpu-noise.js';
import { createBenchDb } from './database.js';
import { startCeilingServer } from './ceiling.js';
import { measure, startServer, type MeasureOptions, type RequestSpec, type Server } from './harness.js';
import { SCENARIOS, type BenchContext, type Scenario } from './scenarios.js';
import { countComments, growCommentsTo, seedBase } from './seed.js';
import { reportTargets, type BenchResult } from './targets.js';

const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/** Scenario names from --scenario (repeatable, comma lists allowed) or BENCH_SCENARIOS; all when none. */
function selectScenarios(argv: string[]): Scenario[] {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--scenario' || a === '-s') names.push(...(argv[++i] ?? '').split(','));
    else if (a.startsWith('--scenario=')) names.push(...a.slice('--scenario='.length).split(','));
    else throw new Error(`unknown argument "${a}" (use --scenario name or --list)`);
  }
  if (names.length === 0 && process.env.BENCH_SCENARIOS) names.push(...process.env.BENCH_SCENARIOS.split(','));
  const wanted = names.map((n) => n.trim()).filter(Boolean);
  if (wanted.length === 0) return SCENARIOS;
  const unknown = wanted.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  return SCENARIOS.filter((s) => wanted.includes(s.name));
}

/** Resolves a scenario's request against the live server and checks one response before timing. */
async function prepare(s: Scenario, ctx: BenchContext): Promise<RequestSpec> {
  const extra = s.setup ? await s.setup(ctx) : {};
  const spec: RequestSpec = {
    method: s.method ?? 'GET',
    path: extra.path ?? (typeof s.path === 'string' ? s.path : s.path(ctx)),
    expectStatus: s.expectStatus ?? 200,
  };
  const headers = { ...s.headers, ...extra.headers };
  if (Object.keys(headers).length) spec.headers = headers;
  const body = extra.body ?? s.body;
  if (body !== undefined) spec.body = body;
  if (extra.perRequestHeaders) spec.perRequestHeaders = extra.perRequestHeaders;
  // A write scenario's check request would change the data it is about to measure; checks are for reads.
  if (spec.method === 'GET') {
    const res = await fetch(`${ctx.baseUrl}${spec.path}`, { headers: spec.headers, redirect: 'manual' });
    const text = await res.text();
    if (res.status !== spec.expectStatus)
      throw new Error(`${s.name}: GET ${spec.path} answered ${res.status}, expected ${spec.expectStatus}`);
    const problem = s.check?.(text);
    if (problem) throw new Error(`${s.name}: ${spec.path} is not the page we mean to measure: ${problem}`);
    log(`${s.name}: ${spec.method} ${spec.path} → ${res.status}, ${Math.round(text.length / 1024)} KiB`);
  }
  return spec;
}

/** Checks, warms up and measures one scenario on the running server. */
async function runScenario(
  s: Scenario,
  ctx: BenchContext,
  server: Server,
  opts: MeasureOptions,
  db: { dialect: string; commentsInDb: number },
): Promise<BenchResult> {
  const spec = await prepare(s, ctx);
  const target = s.ceiling ? await startCeilingServer(`${ctx.baseUrl}${spec.path}`, spec.headers) : server;
  const otherCpu = watchOtherCpu([target.pid]);
  let m;
  try {
    m = await measure(target.baseUrl, spec, opts);
  } finally {
    if (target !== server) await target.stop();
  }
  // Other work on the machine skews every figure; say so next to the figure.
  const others = otherCpu();
  if (others !== undefined && others > 0.25)
    log(`warning: other programs used ${others} cores while measuring ${s.name}; figures may be noisy`);
  log(
    `${s.name}: p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms (autocannon histogram: ${m.p50MsHistogram} / ${m.p99MsHistogram}), ${m.rps} req/s with ${opts.connections} connections, ${m.responses} responses, other programs ${others ?? '?'} cores`,
  );
  const result: BenchResult = {
    scenario: s.name,
    rps: m.rps,
    p50_ms: m.p50Ms,
    p99_ms: m.p99Ms,
    p50_ms_autocannon: m.p50MsHistogram,
    p99_ms_autocannon: m.p99MsHistogram,
    comments_in_db: db.commentsInDb,
    responses: m.responses,
    unexpected: m.unexpected,
    status_counts: m.statusCounts,
    dialect: db.dialect,
    duration_s: opts.durationS,
    connections: opts.connections,
    node: process.version,
    measured_at: new Date().toISOString(),
    other_cpu_cores: others ?? null,
  };
  if (m.unexpected > 0) {
    result.error = `${m.unexpected} responses were not ${spec.expectStatus} or failed (statuses ${JSON.stringify(m.statusCounts)}, ${m.errors} errors/timeouts)`;
    log(`ERROR ${s.name}: ${result.error}`);
  }
  return result;
}

async function main(): Promise<number> {
  if (process.argv.includes('--list')) {
    for (const s of SCENARIOS) process.stdout.write(`${s.name}\n`);
    return 0;
  }
  const scenarios = selectScenarios(process.argv.slice(2));
  const opts: MeasureOptions = {
    durationS: positiveNumber('BENCH_DURATION', 5),
    warmupRequests: Math.round(positiveNumber('BENCH_WARMUP', 300)),
    connections: Math.round(positiveNumber('BENCH_CONNECTIONS', 10)),
  };
  const pgUrl = process.env.BENCH_DATABASE_URL || undefined;
  const bdb = await createBenchDb(pgUrl);
  const results: BenchResult[] = [];
  let failed = false;
  try {
    let t = performance.now();
    const base = await seedBase(bdb.db, bdb.dataDir);
    log(`seeded demo content on ${bdb.db.dialect} in ${Math.round(performance.now() - t)} ms (data in ${bdb.dataDir})`);

    // Smallest database first: the same database grows between groups.
    const sizes = [...new Set(scenarios.map((s) => s.totalComments ?? 0))].sort((a, b) => a - b);
    for (const size of sizes) {
      if (size > 0) {
        t = performance.now();
        const added = await growCommentsTo(bdb.db, size);
        log(`added ${added} comments in ${Math.round(performance.now() - t)} ms`);
      }
      await bdb.settle();
      const inDb = await countComments(bdb.db.kysely);
      const server = await startServer({ dataDir: bdb.dataDir, databaseUrl: bdb.databaseUrl });
      log(`server up at ${server.baseUrl} with ${inDb} comments in the database`);
      const ctx: BenchContext = { baseUrl: server.baseUrl, featuredSlug: base.featuredSlug, db: bdb.db.kysely };
      try {
        for (const s of scenarios.filter((x) => (x.totalComments ?? 0) === size)) {
          const result = await runScenario(s, ctx, server, opts, { dialect: bdb.db.dialect, commentsInDb: inDb });
          results.push(result);
          if (result.error) failed = true;
          const line: Record<string, unknown> = {
            scenario: s.name,
            rps: result.rps,
            p50_ms: result.p50_ms,
            p99_ms: result.p99_ms,
          };
          if (result.error) line.error = result.error;
          process.stdout.write(`${JSON.stringify(line)}\n`);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    if (process.env.BENCH_KEEP) log(`kept ${bdb.dataDir}${bdb.databaseUrl ? ' (PostgreSQL database dropped)' : ''}`);
    if (process.env.BENCH_KEEP && !bdb.databaseUrl) await bdb.db.close();
    else await bdb.drop();
  }

  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  for (const line of reportTargets(results)) log(line);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
