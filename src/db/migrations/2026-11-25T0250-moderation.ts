/**
 * Moderation: bans, reader reports, and the reason a comment was held. Bans and reports never store an
 * e-mail address or an IP: only account ids and HMACs keyed with SECRET_KEY.
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('comments').addColumn('moderation_reason', 'text').execute();
  // The queue pages through one status newest first.
  await db.schema.createIndex('comments_status_id').on('comments').columns(['status', 'id']).execute();

  await withId(dialect, db.schema.createTable('bans'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('lifted_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bans_kind_value').on('bans').columns(['kind', 'value']).execute();

  await withId(dialect, db.schema.createTable('reports'))
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reporter_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reports_comment_reporter', ['comment_id', 'reporter_key'])
    .execute();
}
