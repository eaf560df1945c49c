/**
 * Discussion, reader side: the author's own text (for the edit form) and the indexes the write path
 * reads through — a guest's comments by edit-token hash, and recent comments per author or address
 * for the posting rate limit.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // What the author typed (Markdown with a few tags); body_html stays the only thing pages show.
  await db.schema.alterTable('comments').addColumn('body_source', 'text').execute();
  await db.schema
    .createIndex('comments_edit_token')
    .on('comments')
    .columns(['edit_token_hash', 'created_at'])
    .execute();
  await db.schema.createIndex('comments_ip_created').on('comments').columns(['ip_hash', 'created_at']).execute();
  await db.schema
    .createIndex('comments_user_created')
    .on('comments')
    .columns(['author_user_id', 'created_at'])
    .execute();
}
