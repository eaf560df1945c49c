/**
 * Entry point: config → deps → (demo content) → buildApp → listen; graceful shutdown on SIGTERM/SIGINT.
 * With WORKERS > 1 (the default on a machine with several cores) this process becomes the cluster's primary
 * (src/cluster.ts) and each worker runs the rest of this file.
 */
import cluster from 'node:cluster';
import { runPrimary } from './cluster.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { closeDeps, createDeps, type Deps } from './deps.js';
import { isEmpty, seedDemo } from './features/demo/index.js';
import { PAGES_TOPIC } from './web/page-cache.js';
import { type FirstLogin, printStartBanner, warnIfEphemeralKey } from './start-banner.js';
import { startBackgroundJobs } from './jobs.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  if (cluster.isPrimary && config.workers > 1) return runPrimary(config);
  const worker = cluster.isWorker;

  let deps: Deps;
  try {
    deps = await createDeps(config);
  } catch (err) {
    console.error(`Broadsheet could not start: ${(err as Error).message}`);
    process.exit(1);
  }
  // The bucket (or DATA_DIR) is checked now, not at the first upload.
  try {
    await deps.media.check();
  } catch (err) {
    await closeDeps(deps).catch(() => undefined);
    console.error(`Broadsheet could not start: ${(err as Error).message}`);
    process.exit(1);
  }
  const { log } = deps;
  if (!worker) warnIfEphemeralKey(config, log);

  const app = await buildApp(deps);
  const stopJobs = startBackgroundJobs(deps);
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why =
      e.code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use (set PORT to another port)`
        : e.code === 'EACCES'
          ? `no permission to listen on port ${config.port}`
          : e.message;
    console.error(`Broadsheet could not start: ${why}`);
    stopJobs();
    await app.close().catch(() => undefined);
    await closeDeps(deps).catch(() => undefined);
    process.exit(1);
  }

  // Seeded only once the port is ours: a start that fails (port taken) must not use up the one-time
  // admin login of an empty database, which is printed nowhere else.
  let firstLogin: FirstLogin | undefined;
  // A worker's primary has migrated and seeded already, and prints the banner.
  if (!worker && config.seedDemo && (await isEmpty(deps.db.kysely))) {
    log.info('empty database: adding demo content');
    const seeded = await seedDemo(deps);
    firstLogin = { email: seeded.adminEmail, password: seeded.adminPassword };
    // Pages asked for while the demo was being written were kept empty: they go now.
    await deps.bus.publish({ topic: PAGES_TOPIC, type: 'pages.changed', data: {} });
  }

  if (!worker) printStartBanner(config, deps.db.dialect, firstLogin);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    stopJobs();
    // app.close() stops accepting connections and waits for in-flight requests (and SSE streams close via onClose hooks).
    await app.close();
    await closeDeps(deps);
    log.info('bye');
    process.exit(0);
  };
  // A promise nobody awaited that fails (a lost database connection in some forgotten corner) is a bug to
  // log, not a reason to drop every reader's request: the process keeps serving.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A worker whose primary is gone (killed with -9) finishes its requests and ends, never left orphaned.
  if (worker) process.on('disconnect', () => void shutdown('primary gone'));
}

main().catch((err) => {
  console.error('Broadsheet crashed while starting:', err);
  process.exit(1);
});
