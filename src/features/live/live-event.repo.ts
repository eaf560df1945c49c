/**
 * Every query of `live_events` (live.table.ts): the journal's rows, the replay after an id, the pruning of the
 * window. Written by the journal (live.journal.ts) and the `prune-live-events` job only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { LiveEvent } from '../../platform/event-bus.js';

/** A journaled event: its id comes from `live_events`. */
export type NumberedEvent = LiveEvent & { id: number };

export async function recordEvent(db: Kysely<Database>, event: LiveEvent, now: Date): Promise<number> {
  const row = await db
    .insertInto('live_events')
    .values({ topic: event.topic, type: event.type, data: JSON.stringify(event.data), created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The lowest and highest id kept (null when nothing was ever published: pruning always keeps the newest). */
export async function journalBounds(db: Kysely<Database>): Promise<{ lo: number | null; hi: number | null }> {
  const r = await db
    .selectFrom('live_events')
    .select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')])
    .executeTakeFirst();
  return { lo: r?.lo == null ? null : Number(r.lo), hi: r?.hi == null ? null : Number(r.hi) };
}

/** The events of `topics` after `afterId`, oldest first, at most `limit`. */
export async function eventsAfter(
  db: Kysely<Database>,
  topics: string[],
  afterId: number,
  limit: number,
): Promise<NumberedEvent[]> {
  const rows = await db
    .selectFrom('live_events')
    .select(['id', 'topic', 'type', 'data'])
    .where('topic', 'in', topics)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    topic: r.topic,
    type: r.type,
    data: JSON.parse(r.data) as Record<string, unknown>,
  }));
}

export interface ReplayWindow {
  /** LIVE_REPLAY_MINUTES */
  liveReplayMinutes: number;
  /** LIVE_REPLAY_EVENTS */
  liveReplayEvents: number;
}

/**
 * Forgets events older than the window or beyond its count, always keeping the newest (its id tells a
 * reconnecting reader whether their id is still in the window). Returns how many went.
 */
export async function pruneLiveEvents(db: Kysely<Database>, now: Date, window: ReplayWindow): Promise<number> {
  const { hi } = await journalBounds(db);
  if (hi === null) return 0;
  const cutoff = new Date(now.getTime() - window.liveReplayMinutes * 60_000).toISOString();
  const res = await db
    .deleteFrom('live_events')
    .where('id', '<', hi)
    .where((eb) => eb.or([eb('created_at', '<', cutoff), eb('id', '<=', hi - window.liveReplayEvents)]))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
