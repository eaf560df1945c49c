/**
 * Cross-process events for live updates. In one process (SQLite) an EventEmitter is enough; on
 * PostgreSQL every process LISTENs on one channel and publishes with NOTIFY, so a comment posted
 * through process A reaches readers connected to process B.
 *
 * The LISTEN connection outlives the database going away: when it drops (a restart, a failover, an
 * operator's terminate) the bus reconnects with backoff until it is closed, and once listening again it
 * tells every subscriber `resync` (events sent meanwhile were not heard, so pages should fetch what
 * they show afresh).
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';
import { watchConnections } from '../db/dialect.js';

export interface LiveEvent {
  /** e.g. `article:42` or `goal`. */
  topic: string;
  /** What happened: comment.new, comment.vote, goal.update … or `resync` after events may have been missed. */
  type: string;
  data: Record<string, unknown>;
  /**
   * The event's place in `live_events` (src/features/live): set on the topics a reader can stream, when the
   * journal wrapped around the bus wrote it; orders events across processes and is the stream's `id:`.
   */
  id?: number;
}

/** `local`: one process, nothing to lose; `listening`: hearing every process; `reconnecting`: deaf for now. */
export type BusState = 'local' | 'listening' | 'reconnecting';

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  /** Returns an unsubscribe function. `ANY_TOPIC` hears every event (and every `resync`). */
  subscribe(topic: string, fn: (event: LiveEvent) => void): () => void;
  state(): BusState;
  close(): Promise<void>;
}

const CHANNEL = 'broadsheet_events';

/** Subscribing to this topic hears every event of every topic (the page cache drops pages on any change). */
export const ANY_TOPIC = '*';

interface LocalBus extends EventBus {
  /** Sends `resync` to every topic that has subscribers. */
  resyncAll(): void;
}

export function memoryBus(): LocalBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit(event.topic, event);
      if (event.topic !== ANY_TOPIC) emitter.emit(ANY_TOPIC, event);
    },
    subscribe(topic, fn) {
      emitter.on(topic, fn);
      return () => emitter.off(topic, fn);
    },
    state: () => 'local',
    resyncAll() {
      for (const topic of emitter.eventNames())
        if (typeof topic === 'string') emitter.emit(topic, { topic, type: 'resync', data: {} } satisfies LiveEvent);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** The message a cluster worker sends its primary, and the primary every other worker (src/cluster.ts). */
export interface ClusterEventMessage {
  broadsheet: 'event';
  event: LiveEvent;
}

export const isClusterEventMessage = (m: unknown): m is ClusterEventMessage =>
  typeof m === 'object' && m !== null && (m as { broadsheet?: unknown }).broadsheet === 'event';

/**
 * Several workers of one `npm start` on SQLite (no LISTEN/NOTIFY): an event is heard in this worker at once
 * and sent to the primary, which hands it to every other worker (src/cluster.ts).
 */
export function clusterBus(): EventBus {
  const local = memoryBus();
  const onMessage = (m: unknown) => {
    if (isClusterEventMessage(m)) void local.publish(m.event);
  };
  process.on('message', onMessage);
  return {
    async publish(event) {
      await local.publish(event);
      process.send?.({ broadsheet: 'event', event } satisfies ClusterEventMessage);
    },
    subscribe: local.subscribe,
    state: () => 'local',
    async close() {
      process.off('message', onMessage);
      await local.close();
    },
  };
}

export interface PostgresBusOptions {
  /** First wait before reconnecting, doubled up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** PostgreSQL LISTEN/NOTIFY bus; reconnects whenever the listening connection drops, for as long as it is open. */
export async function postgresBus(
  connectionString: string,
  log: Logger,
  opts: PostgresBusOptions = {},
): Promise<EventBus> {
  const minDelay = opts.minDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 5_000;
  const local = memoryBus();
  const publisher = new pg.Pool({ connectionString, max: 2, connectionTimeoutMillis: 5_000 });
  watchConnections(publisher, (err) => log.warn({ err }, 'live event publisher lost a connection'));
  let client: pg.Client | undefined;
  let state: BusState = 'reconnecting';
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const listen = async (): Promise<void> => {
    const c = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 5_000 });
    let lost = false;
    // Before LISTEN succeeded, a failure is the rejection of listen() below; after, it is this.
    const onLost = (err: Error | undefined) => {
      if (lost || client !== c) return;
      lost = true;
      client = undefined;
      c.end().catch(() => undefined);
      if (closed) return;
      state = 'reconnecting';
      log.warn({ err }, 'live event listener lost its connection; reconnecting');
      schedule(minDelay);
    };
    c.on('error', onLost);
    c.on('end', () => onLost(undefined));
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        void local.publish(JSON.parse(msg.payload) as LiveEvent);
      } catch (err) {
        log.warn({ err }, 'bad live event payload');
      }
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      lost = true;
      c.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    state = 'listening';
  };

  const schedule = (delay: number) => {
    clearTimeout(retry);
    retry = setTimeout(() => {
      listen().then(
        () => {
          if (closed) return;
          log.info('live event listener is listening again');
          // Whatever other processes published while this one was deaf is lost: pages fetch afresh.
          local.resyncAll();
        },
        (err: unknown) => {
          log.warn({ err, retryInMs: Math.min(delay * 2, maxDelay) }, 'live event listener could not reconnect');
          if (!closed) schedule(Math.min(delay * 2, maxDelay));
        },
      );
    }, delay);
    retry.unref();
  };

  await listen();

  return {
    async publish(event) {
      // NOTIFY payloads are limited to 8000 bytes: events carry ids and small numbers only.
      await publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    subscribe: local.subscribe,
    state: () => state,
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
      await publisher.end();
      await local.close();
    },
  };
}
