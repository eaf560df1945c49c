/**
 * Moving in and out: the map from things in an export file to the rows made from them (import_refs),
 * the background import jobs of the admin page, and articles.kind so imported WordPress pages live beside
 * articles without showing in listings.
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  // 'article' shows in listings and feeds; 'page' (an "About us" page from WordPress) is reachable only by its URL.
  await db.schema
    .alterTable('articles')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('article'))
    .execute();

  // Vote counts brought in by an import have no per-voter rows; they are kept apart so a recount from the
  // votes table can add them back (score = imported_upvotes - imported_downvotes + Σ votes).
  await db.schema
    .alterTable('comments')
    .addColumn('imported_upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('comments')
    .addColumn('imported_downvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(dialect, db.schema.createTable('import_refs'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer')
    .addColumn('url', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_refs_source_kind_external', ['source', 'kind', 'external_id'])
    .execute();
  await db.schema.createIndex('import_refs_kind_url').on('import_refs').columns(['kind', 'url']).execute();
  await db.schema.createIndex('import_refs_local').on('import_refs').columns(['kind', 'local_id']).execute();

  await withId(dialect, db.schema.createTable('import_jobs'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('error', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_created').on('import_jobs').columns(['created_at']).execute();
}
