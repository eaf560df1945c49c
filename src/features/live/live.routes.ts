/**
 * Live updates over server-sent events: `GET /live?topics=article:42,goal` streams the bus's events for
 * those topics. On PostgreSQL the bus is LISTEN/NOTIFY, so a reader connected to one process hears
 * what happened in any other. Each event is `id: <n>`, `event: <type>`, `data: {topic, …data}`; a comment
 * line every 25 s keeps proxies from closing an idle stream. Streams end when the app closes, so a graceful
 * shutdown is not held open by readers.
 *
 * Ids come from the journal (`live_events`, live.journal.ts) and order the events of every topic across
 * processes. A stream starts with a `ready` event; on a fresh connection it carries the newest id, so the
 * browser has one to reconnect from. A reader who reconnects with `Last-Event-ID` (the browser sends it by
 * itself; a page that opens a new EventSource passes `lastEventId` in the query) first gets every event of
 * their topics after that id, then the live ones, with no gap and no duplicate: the stream subscribes first
 * and holds what it hears, reads the journal, then sends what it held that the journal did not have. An id
 * older than the window kept (or one the journal never had) gets `resync` for each topic instead: the page
 * fetches what it shows afresh.
 *
 * Each process keeps at most LIVE_MAX_STREAMS streams open (then 503 LIVE_BUSY) and at most
 * LIVE_MAX_STREAMS_PER_NETWORK for one client network, an IPv4 address or an IPv6 /64 (then 429
 * LIVE_TOO_MANY_STREAMS); both answer problem details with Retry-After.
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import type { LiveEvent } from '../../platform/event-bus.js';
import { clientAddress } from '../../web/client-address.js';
import { networkOf } from '../../lib/ip-address.js';
import { LIVE_TOPIC } from './live.journal.js';
import { replayPlan, type Plan } from './live-replay.service.js';

export const HEARTBEAT_MS = 25_000;
const MAX_TOPICS = 10;

/** For the OpenAPI document (developers read it, in English). */
const LAST_EVENT_ID_DOC = 'The last event id seen, when the page opens a new stream.';

const LiveQuery = Type.Object({
  topics: Type.String({ minLength: 1, maxLength: 400, description: 'Comma-separated: article:<id>, goal.' }),
  lastEventId: Type.Optional(Type.String({ maxLength: 20, description: LAST_EVENT_ID_DOC })),
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
  if (topics.length === 0 || topics.length > MAX_TOPICS || !topics.every((t) => LIVE_TOPIC.test(t))) {
    throw new AppError('LIVE_TOPICS_INVALID', msg('live.error_topics', { max: MAX_TOPICS, article: 'article:<id>' }));
  }
  return topics;
}

/** A `Last-Event-ID` as a number; anything else counts as none (a fresh stream). */
export function parseLastEventId(raw: string | undefined): number | undefined {
  const s = raw?.trim();
  return s && /^\d{1,15}$/.test(s) ? Number(s) : undefined;
}

/** The streams open in this process, in all and by client network. */
interface OpenStreams {
  ends: Set<() => void>;
  byNetwork: Map<string, number>;
}

export async function liveRoutes(app: AppInstance): Promise<void> {
  const open: OpenStreams = { ends: new Set(), byNetwork: new Map() };
  // preClose runs before the server stops accepting: ending streams here lets close() finish.
  app.addHook('preClose', async () => {
    for (const end of [...open.ends]) end();
  });

  app.get('/live', { schema: { querystring: LiveQuery } }, async (request, reply) => {
    const topics = parseTopics(request.query.topics);
    const header = request.headers['last-event-id'];
    const lastId = parseLastEventId(typeof header === 'string' ? header : request.query.lastEventId);
    const network = networkOf(clientAddress(request));
    const { liveMaxStreams, liveMaxStreamsPerNetwork } = app.deps.config;
    if ((open.byNetwork.get(network) ?? 0) >= liveMaxStreamsPerNetwork)
      throw new AppError('LIVE_TOO_MANY_STREAMS', msg('live.error_too_many_streams'));
    if (open.ends.size >= liveMaxStreams) throw new AppError('LIVE_BUSY', msg('live.error_busy'));
    await stream(reply, { topics, lastId, network }, app, open);
  });
}

interface StreamRequest {
  topics: string[];
  lastId: number | undefined;
  network: string;
}

async function stream(reply: FastifyReply, req: StreamRequest, app: AppInstance, open: OpenStreams): Promise<void> {
  const { topics, lastId, network } = req;
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

  // The highest id sent: an event heard out of order (another process published it a moment earlier) goes
  // without `id:`, so the browser keeps reconnecting from the highest.
  let highest = 0;
  const write = (type: string, data: Record<string, unknown>, id?: number) => {
    const idLine = id !== undefined && id > highest ? `id: ${id}\n` : '';
    if (id !== undefined && id > highest) highest = id;
    res.write(`${idLine}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const send = (e: LiveEvent) => write(e.type, { ...e.data, topic: e.topic }, e.id);

  // Subscribe before reading the journal, holding what is heard meanwhile: nothing falls between the two.
  let held: LiveEvent[] | null = [];
  /** Ids the replay sent: the bus may still deliver them (published just before the journal was read). */
  let replayed: Set<number> | undefined;
  const onEvent = (e: LiveEvent) => {
    if (held) held.push(e);
    else if (e.id === undefined || !replayed?.has(e.id)) send(e);
  };
  const unsubscribe = topics.map((t) => app.deps.bus.subscribe(t, onEvent));
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let ended = false;
  const cleanup = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    for (const u of unsubscribe) u();
    open.ends.delete(end);
    const n = (open.byNetwork.get(network) ?? 1) - 1;
    if (n > 0) open.byNetwork.set(network, n);
    else open.byNetwork.delete(network);
  };
  const end = () => {
    cleanup();
    res.end();
  };
  open.ends.add(end);
  open.byNetwork.set(network, (open.byNetwork.get(network) ?? 0) + 1);
  res.on('close', cleanup);

  let plan: Plan;
  try {
    plan = await replayPlan(app.deps.db.kysely, topics, lastId);
  } catch (err) {
    // The database is away: a returning reader cannot know what they missed, so they fetch afresh.
    app.log.warn({ err }, 'live stream could not read the journal');
    plan = lastId === undefined ? { kind: 'fresh' } : { kind: 'resync' };
  }
  if (ended) return;
  if (plan.kind === 'replay') {
    write('ready', {});
    if (plan.events.length > 0) replayed = new Set(plan.events.map((e) => e.id));
    for (const e of plan.events) send(e);
  } else {
    write('ready', {}, plan.newest);
    if (plan.kind === 'resync') for (const topic of topics) write('resync', { topic });
  }
  const heard = held;
  held = null;
  for (const e of heard) {
    if (e.id !== undefined && plan.kind === 'replay' && (e.id <= (lastId ?? 0) || replayed?.has(e.id))) continue;
    send(e);
  }
}
