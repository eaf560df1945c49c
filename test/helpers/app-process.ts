/**
 * The app as production runs it: `node --import tsx src/main.ts` as a child process on a free loopback
 * port, configured only through its environment. Fault tests start two of them on one database, kill
 * one, or restart the database under them; this helper records how each one ended and what it printed,
 * and kills whatever is still running when the file ends (SIGKILL, so a stuck child cannot hang it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './private-postgres.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Both processes of a test sign cookies with this key, so a page from one is a valid form for the other. */
export const FAULT_SECRET = 'fault-test-secret-key-0123456789abcdef-not-for-production';
/** The demo article the fault tests post to (comments open, see src/features/demo). */
export const FAULT_ARTICLE = 'library-opening-hours-extended';

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  name: string;
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawn until it was ready. */
  startedInMs: number;
  /** How it ended, or null while it runs. */
  exited(): AppExit | null;
  /** Resolves when it ends. */
  exit: Promise<AppExit>;
  /** The last 64 kB of its stdout and stderr (pino logs, crash traces). */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

export interface AppOptions {
  name: string;
  /** DATABASE_URL for PostgreSQL, or DATA_DIR alone for SQLite. */
  databaseUrl?: string;
  dataDir: string;
  /** Adds the demo content when the database is empty (one process only: two would race to seed it). */
  seedDemo: boolean;
  /** More environment (e.g. PAGE_CACHE_SECONDS, TRUSTED_PROXIES). */
  env?: Record<string, string>;
}

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** SIGKILLs every child still running and waits (at most 5 s) until each is gone. */
export async function killAllApps(): Promise<void> {
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const t = setTimeout(resolve, 5_000);
          c.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
          c.kill('SIGKILL');
        }),
    ),
  );
}

/** Starts the app and resolves once /readyz answers 200 and the demo article is served. */
export async function startApp(opts: AppOptions): Promise<AppProcess> {
  const t0 = performance.now();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    SECRET_KEY: FAULT_SECRET,
    LOG_LEVEL: 'warn',
    SEED_DEMO: String(opts.seedDemo),
    NODE_ENV: 'production',
    // One client address sends every post: the per-IP write limit would refuse the burst.
    WRITE_RATE_LIMIT: '100000000',
    // One process unless a test asks for workers: the fault tests kill this pid and count its exits.
    WORKERS: '1',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    ...opts.env,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-65_536);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let ended: AppExit | null = null;
  const exit = new Promise<AppExit>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = { code, signal };
      children.delete(child);
      resolve(ended);
    }),
  );
  const app: AppProcess = {
    name: opts.name,
    baseUrl: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    startedInMs: 0,
    exited: () => ended,
    exit,
    output: () => output,
    kill: (signal) => {
      child.kill(signal);
    },
  };

  const deadline = Date.now() + 45_000;
  const ready = async () =>
    (await status(`${app.baseUrl}/readyz`)) === 200 &&
    (await status(`${app.baseUrl}/articles/${FAULT_ARTICLE}`)) === 200;
  while (!(await ready())) {
    if (ended) throw new Error(`${opts.name} exited (${describeExit(ended)}) before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.name} was not ready within 45 s:\n${output}`);
    }
    await sleep(100);
  }
  app.startedInMs = Math.round(performance.now() - t0);
  return app;
}

export const describeExit = (e: AppExit): string => (e.signal ? `signal ${e.signal}` : `exit code ${e.code}`);

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
