/**
 * Cross-process events for live updates. In one process (SQLite) an EventEmitter is enough; on
 * PostgreSQL every process LISTENs on one channel and publishes with NOTIFY, so a comment posted
 * through process A reaches readers connected to process B.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from 'pino';

export interface LiveEvent {
  /** e.g. `article:42` or `goal`. */
  topic: string;
  /** What happened: comment.new, comment.vote, goal.update … */
  type: string;
  data: Record<string, unknown>;
}

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(topic: string, fn: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'broadsheet_events';

export function memoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit(event.topic, event);
    },
    subscribe(topic, fn) {
      emitter.on(topic, fn);
      return () => emitter.off(topic, fn);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** PostgreSQL LISTEN/NOTIFY bus; reconnects when the listening connection drops. */
export async function postgresBus(connectionString: string, log: Logger): Promise<EventBus> {
  const local = memoryBus();
  const publisher = new pg.Pool({ connectionString, max: 2 });
  publisher.on('error', (err) => log.warn({ err }, 'live event publisher lost an idle connection'));
  let client: pg.Client | undefined;
  let closed = false;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        void local.publish(JSON.parse(msg.payload) as LiveEvent);
      } catch (err) {
        log.warn({ err }, 'bad live event payload');
      }
    });
    c.on('error', (err) => {
      log.warn({ err }, 'live event listener lost its connection; reconnecting');
      c.end().catch(() => undefined);
      if (!closed)
        setTimeout(() => {
          connect().catch((e) => log.error({ err: e }, 'reconnect failed'));
        }, 1000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };
  await connect();

  return {
    async publish(event) {
      // NOTIFY payloads are limited to 8000 bytes: events carry ids and small numbers only.
      await publisher.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
    },
    subscribe: local.subscribe,
    async close() {
      closed = true;
      await client?.end().catch(() => undefined);
      await publisher.end();
      await local.close();
    },
  };
}
