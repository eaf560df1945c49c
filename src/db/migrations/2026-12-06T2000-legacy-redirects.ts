/**
 * Old addresses of an imported site (WordPress permalinks, `?p=123`, `/category/x/` …) and what they became
 * here. A row names its target by id (an article, a section, a tag or an author), never by slug, so the
 * redirect still lands after the target's slug changes; deleting the target deletes the row.
 */
import type { Kysely } from 'kysely';
import { flag, withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(dialect, db.schema.createTable('legacy_redirects'))
    // Normalized old address: percent-decoded, lower case, no trailing slash ('' is the root), `?p=<id>` kept.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // 1: the item's own <link>, which wins over another item's generic permalink shape; 0: a generic shape.
    .addColumn('from_link', 'integer', flag(0))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.references('tags.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('legacy_redirects_path', ['path'])
    .execute();
  // The cascades look rows up by target when an article, section, tag or user is deleted.
  for (const col of ['article_id', 'section_id', 'tag_id', 'user_id'])
    await db.schema.createIndex(`legacy_redirects_${col}`).on('legacy_redirects').column(col).execute();
}
