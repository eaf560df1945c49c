import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CommentStatus } from './comment.table.js';
import type { PassageAnchor } from '../inline/anchor.js';
import { anchorColumns } from '../inline/inline.repo.js';

type DB = Kysely<Database>;

export interface NewComment {
  articleId: number;
  parentId: number | null;
  /** Root of the thread; null for a top-level comment (its own id is used). */
  threadId: number | null;
  depth: number;
  replyToName: string | null;
  authorUserId: number | null;
  authorName: string;
  authorEmail: string | null;
  ipHash: string | null;
  bodyHtml: string;
  /** What the author typed, to refill the edit form. */
  bodySource?: string | null;
  status: CommentStatus;
  editTokenHash: string | null;
  createdAt: string;
  /** Why moderation held it (the verdict's reason), shown in the moderation queue. */
  moderationReason?: string | null;
  /** The passage a top-level comment is on (inline feedback). */
  anchor?: PassageAnchor | null;
}

/** Inserts a comment; a top-level comment becomes the root of its own thread. Call inside a transaction. */
export async function insertComment(db: DB, c: NewComment): Promise<number> {
  const { id } = await db.insertInto('comments').values({
    article_id: c.articleId, parent_id: c.parentId, thread_id: c.threadId, depth: c.depth, reply_to_name: c.replyToName,
    author_user_id: c.authorUserId, author_name: c.authorName, author_email: c.authorEmail, ip_hash: c.ipHash,
    body_html: c.bodyHtml, body_source: c.bodySource ?? null, status: c.status, edit_token_hash: c.editTokenHash, created_at: c.createdAt, updated_at: c.createdAt,
    moderation_reason: c.moderationReason ?? null, ...(c.anchor ? anchorColumns(c.anchor) : {}),
  }).returning('id').executeTakeFirstOrThrow();
  if (c.threadId === null) await db.updateTable('comments').set({ thread_id: id }).where('id', '=', id).execute();
  return id;
}

/**
 * Recounts an article's approved comments and bumps its discussion version (which invalidates every
 * process's cached fragments). Call in the transaction that changed the discussion.
 */
export async function touchDiscussion(db: DB, articleId: number): Promise<void> {
  const { n } = await db.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId).where('status', '=', 'approved').executeTakeFirstOrThrow();
  await db.updateTable('articles')
    .set((eb) => ({ comment_count: Number(n), comments_version: eb('comments_version', '+', 1) }))
    .where('id', '=', articleId).execute();
}

/**
 * Bumps the discussion version without recounting: for changes that leave the number of approved
 * comments alone (votes, edits of approved comments). Call in the transaction that made the change.
 */
export async function bumpDiscussionVersion(db: DB, articleId: number): Promise<void> {
  await db.updateTable('articles').set((eb) => ({ comments_version: eb('comments_version', '+', 1) })).where('id', '=', articleId).execute();
}

/** Replaces a comment's text after its author edited it. */
export async function updateCommentText(db: DB, id: number, c: { bodyHtml: string; bodySource: string; status: CommentStatus; editedAt: string }): Promise<void> {
  await db.updateTable('comments')
    .set({ body_html: c.bodyHtml, body_source: c.bodySource, status: c.status, edited_at: c.editedAt, updated_at: c.editedAt })
    .where('id', '=', id).execute();
}

export async function setCommentStatus(db: DB, id: number, status: CommentStatus, now: string): Promise<void> {
  await db.updateTable('comments').set({ status, updated_at: now }).where('id', '=', id).execute();
}
