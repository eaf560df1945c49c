/**
 * The comments as moderators see them. Rows carry the private author e-mail and IP HMAC out of this
 * file only as `ModeratedComment.authorEmail`/`ipHash`, for the service to turn into fingerprints and
 * ban keys; views get `QueueItem`, which has neither.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import { likeOperator, type DialectName } from '../../../db/dialect.js';
import type { CommentStatus } from '../comment.table.js';

type DB = Kysely<Database>;

/** How many approved comments this author has, counting at most `cap` (the rule only needs "enough"). */
export async function countApprovedByAuthor(
  db: DB,
  who: { userId: number | null; email: string | null },
  cap: number,
): Promise<number> {
  if (who.userId === null && !who.email) return 0;
  let q = db.selectFrom('comments').select('id').where('status', '=', 'approved');
  q = who.userId !== null ? q.where('author_user_id', '=', who.userId) : q.where('author_email', '=', who.email!);
  const rows = await q.limit(cap).execute();
  return rows.length;
}

/** A comment with what moderation needs, including the private keys (never rendered). */
export interface ModeratedComment {
  id: number;
  articleId: number;
  /** The comment it replies to; null for a top-level comment. */
  parentId: number | null;
  articleHeadline: string;
  articleSlug: string;
  authorUserId: number | null;
  authorName: string;
  /** Private. */
  authorEmail: string | null;
  /** Private (an HMAC, but still a tracking key). */
  ipHash: string | null;
  /** Private: sha256 of the guest author's browser id (null for accounts), so a guest is known as the author. */
  editTokenHash: string | null;
  bodyHtml: string;
  status: CommentStatus;
  moderationReason: string | null;
  /** False while the article is a draft, scheduled or unpublished: readers cannot reach its comments. */
  articlePublished: boolean;
  createdAt: string;
}

/** The queue's statuses: a comment status, comments with reports no moderator has decided on yet, or everything. */
export type QueueStatus = CommentStatus | 'reported' | 'all';

export interface QueueFilter {
  status: QueueStatus;
  articleId?: number;
  /** Part of the author's display name, case-insensitive. */
  commenter?: string;
  /** Comments by this account. */
  accountId?: number;
  /** Comments by the same author as this comment (account, else e-mail): "more from this commenter". */
  sameAs?: { userId: number | null; email: string | null };
  commentId?: number;
  /** Cursor: ids below this one. */
  beforeId?: number;
  limit: number;
}

/** Comments with reports made since a moderator last decided on them (the "Reported" filter). */
const withOpenReports = (db: DB) =>
  db.selectFrom('reports').select('reports.comment_id').where('reports.reviewed_at', 'is', null);

function baseQuery(db: DB) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select([
      'comments.id',
      'comments.article_id',
      'comments.parent_id',
      'articles.headline',
      'articles.slug',
      'comments.author_user_id',
      'comments.author_name',
      'comments.author_email',
      'comments.ip_hash',
      'comments.edit_token_hash',
      'comments.body_html',
      'comments.status',
      'comments.moderation_reason',
      'comments.created_at',
      'articles.status as article_status',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toModerated(r: BaseRow): ModeratedComment {
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    articleHeadline: r.headline,
    articleSlug: r.slug,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    authorEmail: r.author_email,
    ipHash: r.ip_hash,
    editTokenHash: r.edit_token_hash,
    bodyHtml: r.body_html,
    status: r.status,
    moderationReason: r.moderation_reason,
    createdAt: r.created_at,
    articlePublished: r.article_status === 'published',
  };
}

/** Display names containing `text` literally: `%`, `_` and `\` match themselves, not any characters. */
function nameContains(dialect: DialectName, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref('comments.author_name')} ${sql.raw(likeOperator(dialect))} ${pattern} escape '\\'`;
}

/** One page of the queue, newest first. */
export async function listQueue(db: DB, dialect: DialectName, f: QueueFilter): Promise<ModeratedComment[]> {
  let q = baseQuery(db);
  if (f.status === 'reported') q = q.where('comments.id', 'in', withOpenReports(db));
  else if (f.status !== 'all') q = q.where('comments.status', '=', f.status);
  if (f.articleId !== undefined) q = q.where('comments.article_id', '=', f.articleId);
  if (f.commentId !== undefined) q = q.where('comments.id', '=', f.commentId);
  if (f.accountId !== undefined) q = q.where('comments.author_user_id', '=', f.accountId);
  if (f.commenter) q = q.where(nameContains(dialect, f.commenter));
  if (f.sameAs) {
    const { userId, email } = f.sameAs;
    if (userId !== null) q = q.where('comments.author_user_id', '=', userId);
    else if (email) q = q.where('comments.author_email', '=', email);
    else q = q.where('comments.id', '=', -1);
  }
  if (f.beforeId !== undefined) q = q.where('comments.id', '<', f.beforeId);
  const rows = await q.orderBy('comments.id', 'desc').limit(f.limit).execute();
  return rows.map(toModerated);
}

export async function findModeratedComments(db: DB, ids: number[]): Promise<ModeratedComment[]> {
  if (ids.length === 0) return [];
  const rows = await baseQuery(db).where('comments.id', 'in', ids).orderBy('comments.id').execute();
  return rows.map(toModerated);
}

/** Pending comments by one author (for "also mark their pending comments as spam" when banning). */
export async function listPendingIdsByAuthor(
  db: DB,
  who: { userId: number | null; email: string | null; ipHash: string | null },
): Promise<number[]> {
  const keys = [who.userId !== null, !!who.email, !!who.ipHash];
  if (!keys.some(Boolean)) return [];
  const rows = await db
    .selectFrom('comments')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) =>
      eb.or([
        ...(who.userId !== null ? [eb('author_user_id', '=', who.userId)] : []),
        ...(who.email ? [eb('author_email', '=', who.email)] : []),
        ...(who.ipHash ? [eb('ip_hash', '=', who.ipHash)] : []),
      ]),
    )
    .limit(1000)
    .execute();
  return rows.map((r) => r.id);
}

/** Sets the status when it differs; true when the row changed (so concurrent moderators never double-log). */
export async function updateCommentStatus(
  db: DB,
  id: number,
  from: CommentStatus,
  to: CommentStatus,
  now: string,
  reason?: string | null,
): Promise<boolean> {
  const res = await db
    .updateTable('comments')
    .set({ status: to, updated_at: now, ...(reason !== undefined ? { moderation_reason: reason } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Articles with comments among the latest `window` of a queue status, for the article filter. Bounded work. */
export async function listQueueArticles(
  db: DB,
  status: QueueStatus,
  window = 500,
): Promise<Array<{ id: number; headline: string; count: number }>> {
  let inner = db.selectFrom('comments').select('article_id');
  if (status === 'reported') inner = inner.where('id', 'in', withOpenReports(db));
  else if (status !== 'all') inner = inner.where('status', '=', status);
  const rows = await db
    .selectFrom(inner.orderBy('id', 'desc').limit(window).as('recent'))
    .innerJoin('articles', 'articles.id', 'recent.article_id')
    .select(['articles.id', 'articles.headline', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['articles.id', 'articles.headline'])
    .orderBy('n', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, headline: r.headline, count: Number(r.n) }));
}
