/**
 * `npm start` on every core: with WORKERS > 1 this process is the primary of a Node cluster. It migrates the
 * database and adds the demo content once, then forks the workers, which share the port (the primary hands
 * connections round-robin) and each run the whole app (src/main.ts). It relays live events between workers
 * on SQLite (PostgreSQL's LISTEN/NOTIFY already reaches every process), so comments, votes, the goal and page
 * caches stay right in every worker; it replaces a worker that dies and stops them all on SIGTERM/SIGINT.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import { closeDeps, createDeps, createLogger } from './deps.js';
import { isEmpty, seedDemo } from './features/demo/index.js';
import { type FirstLogin, printStartBanner, warnIfEphemeralKey } from './start-banner.js';
import { isClusterEventMessage } from './platform/event-bus.js';

/** A worker that dies within this long of its start is failing to start, not crashing: do not loop. */
const RESTART_DELAY_MS = 1_000;

export async function runPrimary(config: Config): Promise<void> {
  const log = createLogger(config);
  warnIfEphemeralKey(config, log);

  let firstLogin: FirstLogin | undefined;
  let dialect: string;
  try {
    const deps = await createDeps(config, { log });
    dialect = deps.db.dialect;
    if (config.seedDemo && (await isEmpty(deps.db.kysely))) {
      log.info('empty database: adding demo content');
      const seeded = await seedDemo(deps);
      firstLogin = { email: seeded.adminEmail, password: seeded.adminPassword };
    }
    await closeDeps(deps);
  } catch (err) {
    console.error(`Broadsheet could not start: ${(err as Error).message}`);
    process.exit(1);
  }

  // Every worker signs cookies with the same key (a random one too), or a session from one fails at another.
  const workerEnv = { SECRET_KEY: config.secretKey, SEED_DEMO: 'false' };
  let closing = false;
  const fork = (): Worker => cluster.fork(workerEnv);

  // On SQLite the workers hear each other's events through here.
  cluster.on('message', (from, message) => {
    if (!isClusterEventMessage(message)) return;
    for (const w of Object.values(cluster.workers ?? {})) if (w && w !== from && w.isConnected()) w.send(message);
  });

  const listening = new Promise<void>((resolve) => {
    let up = 0;
    const onListening = () => {
      if (++up === config.workers) {
        cluster.off('listening', onListening);
        resolve();
      }
    };
    cluster.on('listening', onListening);
  });
  const failedEarly = new Promise<never>((_, reject) => {
    cluster.once('exit', (_w, code) => reject(new Error(`a worker exited with code ${code} while starting`)));
  });
  for (let i = 0; i < config.workers; i++) fork();
  try {
    await Promise.race([listening, failedEarly]);
  } catch {
    // The worker printed why (a port in use, a bad configuration); stop the others.
    closing = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
    process.exit(1);
  }
  failedEarly.catch(() => undefined);

  cluster.on('exit', (worker, code, signal) => {
    if (closing) return;
    log.error({ pid: worker.process.pid, code, signal }, 'a worker died; starting another');
    setTimeout(() => {
      if (!closing) fork();
    }, RESTART_DELAY_MS).unref();
  });

  printStartBanner(config, dialect, firstLogin);

  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: each worker finishes its requests');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const force = setTimeout(() => {
      log.error('workers took too long to stop; exiting');
      for (const w of workers) w.process.kill('SIGKILL');
      process.exit(1);
    }, 20_000);
    force.unref();
    let left = workers.length;
    if (left === 0) process.exit(0);
    for (const w of workers) {
      w.once('exit', () => {
        if (--left === 0) process.exit(0);
      });
      w.process.kill('SIGTERM');
    }
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
