/**
 * Outgoing webhooks. The outbox carries them beside mail (`channel`), so they share its claim protocol,
 * retries and backoff; `ref_id` points at the channel's own record (a webhook delivery). The endpoints a
 * publisher configured and the delivery log (status code, response excerpt) belong to the webhooks feature.
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('mail'))
    .execute();
  await db.schema.alterTable('outbox').addColumn('ref_id', 'integer').execute();
  await db.schema
    .createIndex('outbox_channel_due')
    .on('outbox')
    .columns(['channel', 'status', 'next_attempt_at'])
    .execute();

  await withId(dialect, db.schema.createTable('webhook_endpoints'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Space-separated event types.
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(dialect, db.schema.createTable('webhook_deliveries'))
    .addColumn('endpoint_id', 'integer', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'integer')
    .addColumn('redelivery_of', 'integer')
    .addColumn('last_status', 'integer')
    .addColumn('last_response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'id'])
    .execute();
}
