/**
 * The journal of live events: the bus is wrapped (in src/deps.ts) so that publishing an event of a stream's
 * topic first writes it to `live_events`, and the event goes out on the bus carrying that row's id. The id
 * orders every topic's events across processes, and a stream that reconnects with `Last-Event-ID` reads the
 * rows after it (live.routes.ts). The window is bounded by the `prune-live-events` job.
 *
 * One process publishes its events one at a time, so its events reach every reader in id order. Two
 * processes publishing at the same moment may deliver ids out of order (7 heard before 6); a reader who
 * drops in that instant and reconnects from 7 misses 6. That window is a few milliseconds.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/event-bus.js';
import { recordEvent } from './live-event.repo.js';

/** The topics a reader may stream, and so the ones journaled. */
export const LIVE_TOPIC = /^(article:\d{1,12}|goal)$/;

export interface JournalContext {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
}

/** `bus` with every stream topic's event written to `live_events` before it is published with its id. */
export function journaledBus(bus: EventBus, ctx: JournalContext): EventBus {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    publish(event) {
      if (!LIVE_TOPIC.test(event.topic) || event.type === 'resync') return bus.publish(event);
      const run = queue.then(async () => {
        let id: number | undefined;
        try {
          id = await recordEvent(ctx.db, event, ctx.clock.now());
        } catch (err) {
          // Readers connected now still hear it; only a reconnect's replay cannot include it.
          ctx.log.warn({ err, topic: event.topic, type: event.type }, 'live event not journaled');
        }
        await bus.publish(id === undefined ? event : { ...event, id });
      });
      queue = run.catch(() => undefined);
      return run;
    },
    subscribe: (topic, fn) => bus.subscribe(topic, fn),
    state: () => bus.state(),
    close: () => bus.close(),
  };
}
