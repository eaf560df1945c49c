/**
 * Inline feedback: a comment may be anchored to a passage of its article (a stored TextQuoteSelector:
 * paragraph id, quote, context) together with where that passage is now (the latest resolution, updated
 * whenever the article is saved). Editors' questions on passages carry the same anchor.
 */
import type { Kysely } from 'kysely';
import { withId, type DialectName } from '../dialect.js';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  for (const col of [
    'anchor_paragraph_id',
    'anchor_exact',
    'anchor_prefix',
    'anchor_suffix',
    'anchor_status',
    'anchor_current_paragraph',
    'anchor_current_quote',
  ]) {
    await db.schema.alterTable('comments').addColumn(col, 'text').execute();
  }
  // The per-paragraph counts on an article page: one grouped read through this index.
  await db.schema
    .createIndex('comments_passage')
    .on('comments')
    .columns(['article_id', 'anchor_current_paragraph', 'status'])
    .execute();

  await withId(dialect, db.schema.createTable('inline_questions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('anchor_paragraph_id', 'text', (c) => c.notNull())
    .addColumn('anchor_exact', 'text', (c) => c.notNull())
    .addColumn('anchor_prefix', 'text', (c) => c.notNull())
    .addColumn('anchor_suffix', 'text', (c) => c.notNull())
    .addColumn('anchor_status', 'text', (c) => c.notNull())
    .addColumn('anchor_current_paragraph', 'text')
    .addColumn('anchor_current_quote', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('inline_questions_article')
    .on('inline_questions')
    .columns(['article_id', 'id'])
    .execute();
}
