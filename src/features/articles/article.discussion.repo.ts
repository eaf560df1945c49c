/**
 * The discussion's state kept on the article row (read with it on every article page, so a change made by
 * any process invalidates every process's cached comment lists). The comments feature decides when it
 * changes; only this file writes those columns.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type DB = Kysely<Database>;

/**
 * Bumps the discussion version of one article and, when given, stores its count of approved comments. Call in
 * the transaction that changed the discussion.
 */
export async function recordDiscussionChange(db: DB, articleId: number, approvedCount?: number): Promise<void> {
  await db
    .updateTable('articles')
    .set((eb) => ({
      comments_version: eb('comments_version', '+', 1),
      ...(approvedCount === undefined ? {} : { comment_count: approvedCount }),
    }))
    .where('id', '=', articleId)
    .execute();
}

/** Bumps the discussion version of several articles (a change that shows on all of them, e.g. a badge). */
export async function recordDiscussionChanges(db: DB, articleIds: number[]): Promise<number> {
  if (articleIds.length === 0) return 0;
  const r = await db
    .updateTable('articles')
    .set((eb) => ({ comments_version: eb('comments_version', '+', 1) }))
    .where('id', 'in', articleIds)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
