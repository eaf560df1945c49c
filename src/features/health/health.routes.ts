/**
 * Probes for the process manager and the load balancer. `/healthz` is liveness: the process answers, so it
 * needs no restart (it never touches the database, which may be restarting). `/readyz` is readiness: the
 * database answers a query within two seconds, so requests sent here will succeed; 503 with Retry-After
 * while it does not, so a balancer sends readers to another process or shows its own page meanwhile.
 */
import cluster from 'node:cluster';
import type { AppInstance } from '../../web/app-instance.js';
import { pingDatabase } from '../../db/ping.js';

const PING_TIMEOUT_MS = 2_000;

export async function healthRoutes(app: AppInstance): Promise<void> {
  const started = Date.now();

  app.get('/healthz', { config: { rateLimit: false } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({
      status: 'ok',
      database: app.deps.db.dialect,
      // Which worker of `npm start` answered (WORKERS > 1), or null for a process serving alone.
      worker: cluster.worker?.id ?? null,
      uptime_s: Math.round((Date.now() - started) / 1000),
    }),
  );

  app.get('/readyz', { config: { rateLimit: false } }, async (_request, reply) => {
    const t0 = performance.now();
    const live = app.deps.bus.state();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        pingDatabase(app.deps.db.kysely),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
        }),
      ]);
      return reply.header('cache-control', 'no-store').send({
        status: 'ready',
        database: app.deps.db.dialect,
        db_ms: Math.round((performance.now() - t0) * 100) / 100,
        live,
      });
    } catch (err) {
      app.log.warn({ err }, 'readiness: the database does not answer');
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .header('retry-after', '5')
        .send({ status: 'not ready', database: app.deps.db.dialect, error: 'database unreachable', live });
    } finally {
      clearTimeout(timer);
    }
  });
}
