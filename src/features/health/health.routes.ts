import type { AppInstance } from '../../web/app-instance.js';
import { pingDatabase } from '../../db/ping.js';

export async function healthRoutes(app: AppInstance): Promise<void> {
  app.get('/healthz', { config: { rateLimit: false } }, async (_request, reply) => {
    const started = performance.now();
    try {
      await pingDatabase(app.deps.db.kysely);
      return reply.header('cache-control', 'no-store').send({
        status: 'ok',
        database: app.deps.db.dialect,
        db_ms: Math.round((performance.now() - started) * 100) / 100,
      });
    } catch (err) {
      app.log.error({ err }, 'health check: database unreachable');
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .send({ status: 'error', database: app.deps.db.dialect, error: 'database unreachable' });
    }
  });
}
