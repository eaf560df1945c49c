/**
 * Live updates over server-sent events: `GET /live?topics=article:42,goal` streams the bus's events for
 * those topics. On PostgreSQL the bus is LISTEN/NOTIFY, so a reader connected to one process hears
 * what happened in any other. Each event is `event: <type>` with `data: {topic, …data}`; a comment line
 * every 25 s keeps proxies from closing an idle stream. Streams end when the app closes, so a graceful
 * shutdown is not held open by readers.
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import type { LiveEvent } from '../../platform/event-bus.js';

export const HEARTBEAT_MS = 25_000;
const MAX_TOPICS = 10;
const TOPIC = /^(article:\d{1,12}|goal)$/;

const LiveQuery = Type.Object({
  topics: Type.String({ minLength: 1, maxLength: 400, description: 'Comma-separated: article:<id>, goal.' }),
});

export function parseTopics(raw: string): string[] {
  const topics = [
    ...new Set(
      raw
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  if (topics.length === 0 || topics.length > MAX_TOPICS || !topics.every((t) => TOPIC.test(t))) {
    throw new AppError(
      'LIVE_TOPICS_INVALID',
      `topics must list up to ${MAX_TOPICS} of article:<id> and goal, separated by commas.`,
    );
  }
  return topics;
}

export async function liveRoutes(app: AppInstance): Promise<void> {
  const open = new Set<() => void>();
  // preClose runs before the server stops accepting: ending streams here lets close() finish.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get('/live', { schema: { querystring: LiveQuery } }, async (request, reply) => {
    const topics = parseTopics(request.query.topics);
    stream(reply, topics, app, open);
  });
}

function stream(reply: FastifyReply, topics: string[], app: AppInstance, open: Set<() => void>): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx and similar proxies must not buffer the stream.
    'x-accel-buffering': 'no',
  });
  res.write(`retry: 5000\n: connected to ${topics.join(',')}\n\n`);
  const send = (e: LiveEvent) => {
    res.write(`event: ${e.type}\ndata: ${JSON.stringify({ ...e.data, topic: e.topic })}\n\n`);
  };
  const unsubscribe = topics.map((t) => app.deps.bus.subscribe(t, send));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let ended = false;
  const cleanup = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    for (const u of unsubscribe) u();
    open.delete(end);
  };
  const end = () => {
    cleanup();
    res.end();
  };
  open.add(end);
  res.on('close', cleanup);
}
