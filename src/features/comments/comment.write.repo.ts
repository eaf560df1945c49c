import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CommentStatus } from './comment.table.js';
import type { PassageAnchor } from './inline/anchor.js';
import { anchorColumns } from './inline/inline.repo.js';
import { recordDiscussionChange } from '../articles/index.js';

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
  const { id } = await db
    .insertInto('comments')
    .values({
      article_id: c.articleId,
      parent_id: c.parentId,
      thread_id: c.threadId,
      depth: c.depth,
      reply_to_name: c.replyToName,
      author_user_id: c.authorUserId,
      author_name: c.authorName,
      author_email: c.authorEmail,
      ip_hash: c.ipHash,
      body_html: c.bodyHtml,
      body_source: c.bodySource ?? null,
      status: c.status,
      edit_token_hash: c.editTokenHash,
      created_at: c.createdAt,
      updated_at: c.createdAt,
      moderation_reason: c.moderationReason ?? null,
      ...(c.anchor ? anchorColumns(c.anchor) : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (c.threadId === null) await db.updateTable('comments').set({ thread_id: id }).where('id', '=', id).execute();
  return id;
}

/**
 * Recounts an article's approved comments and bumps its discussion version (which invalidates every
 * process's cached fragments). Call in the transaction that changed the discussion.
 */
export async function touchDiscussion(db: DB, articleId: number): Promise<void> {
  const { n } = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  await recordDiscussionChange(db, articleId, Number(n));
}

/**
 * Bumps the discussion version without recounting: for changes that leave the number of approved
 * comments alone (votes, edits of approved comments). Call in the transaction that made the change.
 */
export async function bumpDiscussionVersion(db: DB, articleId: number): Promise<void> {
  await recordDiscussionChange(db, articleId);
}

/** Marks a comment as announced to subscribers; false when it already was (a second approval). */
export async function markCommentAnnounced(db: DB, commentId: number, now: string): Promise<boolean> {
  const res = await db
    .updateTable('comments')
    .set({ announced_at: now })
    .where('id', '=', commentId)
    .where('announced_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Replaces a comment's text after its author edited it. */
/** `moderationReason`: the rule that holds the edited text; undefined keeps the reason already stored. */
export async function updateCommentText(
  db: DB,
  id: number,
  c: {
    bodyHtml: string;
    bodySource: string;
    status: CommentStatus;
    editedAt: string;
    moderationReason?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('comments')
    .set({
      body_html: c.bodyHtml,
      body_source: c.bodySource,
      status: c.status,
      edited_at: c.editedAt,
      updated_at: c.editedAt,
      ...(c.moderationReason !== undefined ? { moderation_reason: c.moderationReason } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function setCommentStatus(db: DB, id: number, status: CommentStatus, now: string): Promise<void> {
  await db.updateTable('comments').set({ status, updated_at: now }).where('id', '=', id).execute();
}

/** The name shown on the comments of an account that was deleted. */
export const FORMER_READER = 'Former reader';

/**
 * Detaches an account's comments from it before the account is deleted: each keeps its text under the
 * name "Former reader", with no e-mail and no link to the account. With `removeUnanswered`, comments
 * nobody has replied to are moved to the trash instead (answered ones stay, so replies keep their
 * context). Returns the articles whose discussion changed; their versions and counts are refreshed
 * here. Bounded by the account's own comments; call inside the deleting transaction.
 */
export async function forgetCommentAuthor(
  db: DB,
  userId: number,
  opts: { removeUnanswered: boolean; now: string },
): Promise<number[]> {
  const own = await db
    .selectFrom('comments')
    .select(['id', 'article_id'])
    .where('author_user_id', '=', userId)
    .execute();
  if (own.length === 0) return [];
  const ids = own.map((c) => c.id);
  if (opts.removeUnanswered) {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await db
        .updateTable('comments')
        .set({ status: 'trash', updated_at: opts.now })
        .where('id', 'in', chunk)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('comments as r')
                .select('r.id')
                .whereRef('r.parent_id', '=', 'comments.id')
                .where('r.status', '=', 'approved'),
            ),
          ),
        )
        .execute();
    }
  }
  for (let i = 0; i < ids.length; i += 500) {
    // Replies past the depth limit name whom they answer: that name goes too.
    await db
      .updateTable('comments')
      .set({ reply_to_name: FORMER_READER })
      .where('parent_id', 'in', ids.slice(i, i + 500))
      .where('reply_to_name', 'is not', null)
      .execute();
  }
  await db
    .updateTable('comments')
    .set({
      author_name: FORMER_READER,
      author_email: null,
      author_user_id: null,
      edit_token_hash: null,
      updated_at: opts.now,
    })
    .where('author_user_id', '=', userId)
    .execute();
  const articles = [...new Set(own.map((c) => c.article_id))];
  for (const articleId of articles) await touchDiscussion(db, articleId);
  return articles;
}
