/**
 * Imports: the articles whose discussion an import changed and that still need recounting (approved count
 * and discussion version). Rows are written in the same transaction as the comments, and deleted once
 * recounted at the end of a run, so a run killed halfway leaves them for the next run to recount.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_recounts')
    .addColumn('article_id', 'integer', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
