/**
 * What a stream sends before the live events (live.routes.ts): from the newest id for a fresh stream, the
 * events after the reader's `Last-Event-ID`, or `resync` when that id is outside the window kept.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { eventsAfter, journalBounds, type NumberedEvent } from './live-event.repo.js';

/** The most events one reconnect replays; a reader further behind gets `resync` (a refetch is cheaper). */
export const MAX_REPLAY = 1_000;

export type Plan =
  /** No Last-Event-ID: start from the newest event. */
  | { kind: 'fresh'; newest?: number }
  /** The events after the reader's id. */
  | { kind: 'replay'; events: NumberedEvent[] }
  /** The reader's id is outside the window (or unknown): they fetch afresh. */
  | { kind: 'resync'; newest?: number };

export async function replayPlan(db: Kysely<Database>, topics: string[], lastId: number | undefined): Promise<Plan> {
  const { lo, hi } = await journalBounds(db);
  const newest = hi ?? undefined;
  if (lastId === undefined) return { kind: 'fresh', newest };
  // Nothing was kept after an id lower than the oldest kept, but an event between may have been pruned.
  if (hi === null || lo === null || lastId > hi || lastId < lo - 1) return { kind: 'resync', newest };
  const events = await eventsAfter(db, topics, lastId, MAX_REPLAY + 1);
  if (events.length > MAX_REPLAY) return { kind: 'resync', newest };
  return { kind: 'replay', events };
}
