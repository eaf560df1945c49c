/**
 * Repeated webhook failures are one row with a count: the same reason for the same event (or for
 * unverified requests, which have none) within an hour bumps `repeats` and `last_received_at` instead of
 * adding a row, so a flood of unsigned requests cannot push a real event's failure off the health page.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('stripe_webhook_failures')
    .addColumn('repeats', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('stripe_webhook_failures').addColumn('last_received_at', 'text').execute();
  await sql`UPDATE stripe_webhook_failures SET last_received_at = received_at`.execute(db);
  await db.schema
    .createIndex('stripe_webhook_failures_last')
    .on('stripe_webhook_failures')
    .columns(['last_received_at'])
    .execute();
}
