/**
 * Live events kept for a while, so a reader whose stream dropped gets what they missed when it reconnects
 * (`Last-Event-ID`, src/features/live). The id orders the events of every topic across processes; the
 * background job `prune-live-events` keeps the window bounded (LIVE_REPLAY_MINUTES, LIVE_REPLAY_EVENTS).
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(dialect, db.schema.createTable('live_events'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    // The event's data as JSON (small: ids and numbers).
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_topic_id').on('live_events').columns(['topic', 'id']).execute();
  await db.schema.createIndex('live_events_created_at').on('live_events').column('created_at').execute();
}
