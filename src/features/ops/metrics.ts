/**
 * Prometheus metrics at /metrics: process defaults plus request latency by route. Served only to
 * loopback clients (the client as `clientAddress` decides it, so not a remote reader behind a local proxy) or to requests with `Authorization: Bearer $METRICS_TOKEN`, since route timings and
 * counts are operational data, not public.
 */
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { isLoopbackClient } from '../../web/client-address.js';

export interface MetricsOptions {
  token: string | undefined;
}

export function registerMetrics(app: FastifyInstance, opts: MetricsOptions): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'broadsheet_' });
  const duration = new client.Histogram({
    name: 'broadsheet_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status class',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern (not the URL) keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    duration.observe(
      { route, method: request.method, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { config: { rateLimit: false } }, async (request, reply) => {
    // The client, not the socket: behind a trusted proxy the socket is always loopback.
    const loopback = isLoopbackClient(request);
    const bearer = request.headers.authorization === `Bearer ${opts.token}`;
    if (!(opts.token ? bearer : loopback)) return reply.code(403).type('text/plain').send('metrics are private\n');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
