/**
 * Editorial: claims for the image-variant worker, an article revision for safe concurrent editing, and a
 * per-account throttle for password-reset mail.
 * Scheduled publishing needs no new column: articles.status/publish_at and the articles_scheduled index
 * of the core schema are what the publisher job claims through.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // A worker owns an image until claimed_until; after that (a crash, a restart) another may take it.
  await db.schema.alterTable('images').addColumn('claimed_until', 'text').execute();
  await db.schema
    .alterTable('images')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('images_status').on('images').columns(['status', 'id']).execute();

  // Bumped on every save: the edit form sends the revision it was opened at, so a second editor's
  // save cannot silently overwrite the first one's (optimistic concurrency; timestamps can tie).
  await db.schema
    .alterTable('articles')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // When the last password-reset mail was queued for the account: one mail per few minutes, whatever
  // the number of addresses asking (IP limits alone would let a botnet flood someone's inbox).
  await db.schema.alterTable('users').addColumn('reset_requested_at', 'text').execute();
}
