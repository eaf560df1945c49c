import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CommentRow } from './comment.table.js';
import type { CommentNode, CommentSort, PublicComment } from './comment.types.js';

type DB = Kysely<Database>;

/** Columns safe to show; author_email and ip_hash are deliberately absent. */
const PUBLIC_COLUMNS = ['id', 'article_id', 'parent_id', 'thread_id', 'depth', 'reply_to_name', 'author_user_id', 'author_name',
  'body_html', 'status', 'score', 'upvotes', 'downvotes', 'created_at', 'edited_at'] as const;
type PublicRow = Pick<CommentRow, (typeof PUBLIC_COLUMNS)[number]>;

export function toPublicComment(r: PublicRow): PublicComment {
  return {
    id: r.id, articleId: r.article_id, parentId: r.parent_id, threadId: r.thread_id ?? r.id, depth: r.depth,
    replyToName: r.reply_to_name, authorName: r.author_name, isAccount: r.author_user_id !== null, bodyHtml: r.body_html,
    status: r.status, score: r.score, upvotes: r.upvotes, downvotes: r.downvotes, createdAt: r.created_at, editedAt: r.edited_at,
  };
}

/** Position of a thread in a sort order: the cursor of "Load more". */
export interface ThreadCursor { createdAt: string; score: number; id: number }

/**
 * One page of approved top-level comments in the given order, after `cursor`. Reads through the
 * (article_id, depth, status, created_at|score, id) indexes, so cost follows `limit`, not the table.
 */
export async function listThreadRoots(db: DB, articleId: number, sort: CommentSort, limit: number, cursor?: ThreadCursor): Promise<PublicComment[]> {
  let q = db.selectFrom('comments').select(PUBLIC_COLUMNS)
    .where('article_id', '=', articleId).where('depth', '=', 0).where('status', '=', 'approved');
  if (sort === 'newest') {
    if (cursor) q = q.where((eb) => eb.or([eb('created_at', '<', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)])]));
    q = q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  } else if (sort === 'oldest') {
    if (cursor) q = q.where((eb) => eb.or([eb('created_at', '>', cursor.createdAt), eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '>', cursor.id)])]));
    q = q.orderBy('created_at', 'asc').orderBy('id', 'asc');
  } else {
    if (cursor) q = q.where((eb) => eb.or([eb('score', '<', cursor.score), eb.and([eb('score', '=', cursor.score), eb('id', '<', cursor.id)])]));
    q = q.orderBy('score', 'desc').orderBy('id', 'desc');
  }
  const rows = await q.limit(limit).execute();
  return rows.map(toPublicComment);
}

/**
 * Approved replies of the given threads, oldest first. The status is filtered here, not in SQL: SQLite
 * has no statistics (we never ANALYZE), takes `status = ?` for selective, and given it walks
 * comments_status_created in created_at order through every approved comment in the table (300 ms at
 * 200,000 comments, bench/explain.ts) instead of the thread index. Without it, comments_thread is the
 * only usable index, so cost follows the threads shown; their few held or removed replies are dropped here.
 */
export async function listApprovedReplies(db: DB, threadIds: number[]): Promise<PublicComment[]> {
  if (threadIds.length === 0) return [];
  const rows = await db.selectFrom('comments').select(PUBLIC_COLUMNS)
    .where('thread_id', 'in', threadIds).where('depth', '>', 0)
    .orderBy('created_at').orderBy('id').execute();
  return rows.filter((r) => r.status === 'approved').map(toPublicComment);
}

/** Number of approved top-level threads (for "View all comments"). */
export async function countApprovedThreads(db: DB, articleId: number): Promise<number> {
  const row = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId).where('depth', '=', 0).where('status', '=', 'approved').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Hangs replies under their parents; a reply whose parent is not shown (held or removed) hangs from its thread's root. */
export function assembleThreads(roots: PublicComment[], replies: PublicComment[]): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  for (const c of roots) nodes.set(c.id, { comment: c, replies: [] });
  for (const c of replies) nodes.set(c.id, { comment: c, replies: [] });
  for (const c of replies) {
    const parent = (c.parentId !== null ? nodes.get(c.parentId) : undefined) ?? nodes.get(c.threadId);
    parent?.replies.push(nodes.get(c.id)!);
  }
  return roots.map((r) => nodes.get(r.id)!);
}
