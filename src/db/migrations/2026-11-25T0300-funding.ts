/**
 * Reader funding, beyond the core tables: monthly pledges (Stripe subscriptions), refunds that may arrive
 * before the gift they refund, webhook failures for the health panel, and the Supporter badge opt-in.
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(dialect, db.schema.createTable('pledges'))
    .addColumn('stripe_subscription_id', 'text', (c) => c.notNull().unique())
    .addColumn('stripe_customer_id', 'text')
    .addColumn('donor_email', 'text')
    .addColumn('amount_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('public_name', 'text')
    .addColumn('public_message', 'text')
    .addColumn('wall_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pledges_email').on('pledges').columns(['donor_email']).execute();

  await db.schema
    .createTable('stripe_refunds')
    .addColumn('payment_intent_id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text')
    .addColumn('charge_id', 'text', (c) => c.notNull())
    .addColumn('amount_refunded_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('refunded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stripe_refunds_invoice').on('stripe_refunds').columns(['invoice_id']).execute();

  await withId(dialect, db.schema.createTable('stripe_webhook_failures'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('event_type', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stripe_webhook_failures_received')
    .on('stripe_webhook_failures')
    .columns(['received_at'])
    .execute();
  await db.schema.createIndex('stripe_events_received').on('stripe_events').columns(['received_at']).execute();

  await db.schema
    .createTable('supporters')
    .addColumn('email', 'text', (c) => c.primaryKey())
    .addColumn('opted_in_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('donations_donated').on('donations').columns(['donated_at']).execute();
  await db.schema
    .createIndex('donations_wall')
    .on('donations')
    .columns(['wall_consent', 'status', 'donated_at'])
    .execute();
}
