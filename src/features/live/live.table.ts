/**
 * `live_events`: every live event of a stream's topics (article:<id>, goal), kept for a while so a reader who
 * reconnects with `Last-Event-ID` gets what they missed. The id orders them across processes. Written only by
 * live-event.repo.ts (for the journal, live.journal.ts, and the pruning job).
 */
import type { Generated, Selectable } from 'kysely';

export interface LiveEventTable {
  id: Generated<number>;
  /** `article:42` or `goal`. */
  topic: string;
  /** comment.new, comment.vote, goal.update … */
  type: string;
  /** The event's data as JSON. */
  data: string;
  /** ISO timestamp of the publication. */
  created_at: string;
}

export type LiveEventRow = Selectable<LiveEventTable>;
