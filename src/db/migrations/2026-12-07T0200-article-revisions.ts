/**
 * The editor's revision history: a copy of an article's text (headline, excerpt, dateline, body) at every
 * editorial save, and at most one pending autosave per article (kind 'autosave'), which is the writer's
 * unsaved typing and never what readers see. The service keeps at most REVISIONS_KEPT saved revisions per
 * article and deletes the oldest.
 */
import { sql, type Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(dialect, db.schema.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // 'save' (an editorial save or publish), 'restore' (a save that brought back an earlier text), 'autosave'.
    .addColumn('kind', 'text', (c) => c.notNull())
    // The article's revision number this text was saved as (for an autosave: the revision it was typed on).
    .addColumn('article_revision', 'integer', (c) => c.notNull())
    // An autosave's own counter, so two tabs cannot silently overwrite each other's typing.
    .addColumn('draft_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dateline', 'text')
    .addColumn('body_md', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_revisions_article')
    .on('article_revisions')
    .columns(['article_id', 'id'])
    .execute();
  // One pending autosave per article, even when two tabs send their first one at the same moment.
  await db.schema
    .createIndex('article_revisions_one_autosave')
    .on('article_revisions')
    .column('article_id')
    .unique()
    .where(sql.ref('kind'), '=', 'autosave')
    .execute();
}
