/**
 * The mail outbox worker and "Notify of" subscriptions.
 *
 * - outbox: `claim_token` names the worker holding a claim (only it may record a failure), and
 *   `last_attempt_at` shows the publisher when a mail was last tried.
 * - subscriptions: one row per (article, address), so a reader gets at most one digest per article;
 *   `requested_kind` holds a change of kind until it is confirmed; `confirm_sent_at` dates the last
 *   confirmation mail (confirmation links expire, and a new request within the resend window sends
 *   nothing new); `ip_hash` records who asked (hashed, for abuse reports).
 * - notification_queue: approved comments waiting for a subscriber's next digest.
 * - mail_quota: fixed-window counters in the database, so limits on mail to one address or from one
 *   IP hold across app processes.
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claim_token', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('last_attempt_at', 'text').execute();
  await db.schema.createIndex('outbox_created').on('outbox').columns(['status', 'created_at']).execute();

  await db.schema.alterTable('subscriptions').addColumn('requested_kind', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('confirm_sent_at', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('unsubscribed_at', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('ip_hash', 'text').execute();
  await db.schema
    .createIndex('subscriptions_article_email')
    .on('subscriptions')
    .columns(['article_id', 'email'])
    .unique()
    .execute();
  await db.schema.createIndex('subscriptions_user').on('subscriptions').columns(['user_id']).execute();
  await db.schema
    .createIndex('subscriptions_pending_created')
    .on('subscriptions')
    .columns(['status', 'created_at'])
    .execute();

  await withId(dialect, db.schema.createTable('notification_queue'))
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_queue_sub_comment')
    .on('notification_queue')
    .columns(['subscription_id', 'comment_id'])
    .unique()
    .execute();
  await db.schema.createIndex('notification_queue_comment').on('notification_queue').columns(['comment_id']).execute();

  await db.schema
    .createTable('mail_quota')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('mail_quota_window').on('mail_quota').columns(['window_start']).execute();
}
