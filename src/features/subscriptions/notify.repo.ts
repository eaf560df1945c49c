/**
 * The notification queue: which approved comments each confirmed subscriber has not been told about,
 * and the per-subscription digest claim.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { SubscriptionKind } from './subscription.repo.js';

type DB = Kysely<Database>;

/** Who wrote a comment, for matching "replies to my comments" (private; never rendered). */
export interface CommentAuthor {
  email: string | null;
  userId: number | null;
}

export async function findCommentAuthor(db: DB, commentId: number): Promise<CommentAuthor | undefined> {
  const r = await db
    .selectFrom('comments')
    .select(['author_email', 'author_user_id'])
    .where('id', '=', commentId)
    .executeTakeFirst();
  return r ? { email: r.author_email?.trim().toLowerCase() || null, userId: r.author_user_id } : undefined;
}

/**
 * Queues an approved comment for every confirmed subscription of its article that should hear of it:
 * kind 'all', or kind 'replies' when the comment answers the subscriber's own comment (matched by
 * address or account) — never the comment's own author. One INSERT … SELECT, idempotent (a comment
 * approved twice is queued once), in the caller's transaction.
 */
export async function queueApprovedComment(
  db: DB,
  c: { commentId: number; articleId: number; author: CommentAuthor; parentAuthor: CommentAuthor | null; now: string },
): Promise<number> {
  const select = db
    .selectFrom('subscriptions')
    .select((eb) => ['subscriptions.id', eb.val(c.commentId).as('comment_id'), eb.val(c.now).as('created_at')])
    .where('article_id', '=', c.articleId)
    .where('status', '=', 'confirmed')
    .where((eb) => {
      const replyMatches = [];
      if (c.parentAuthor?.email) replyMatches.push(eb('email', '=', c.parentAuthor.email));
      if (c.parentAuthor?.userId != null) replyMatches.push(eb('user_id', '=', c.parentAuthor.userId));
      return replyMatches.length > 0
        ? eb.or([eb('kind', '=', 'all'), eb.and([eb('kind', '=', 'replies'), eb.or(replyMatches)])])
        : eb('kind', '=', 'all');
    })
    .$if(c.author.email !== null, (q) => q.where('email', '!=', c.author.email!))
    .$if(c.author.userId !== null, (q) =>
      q.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', '!=', c.author.userId!)])),
    );
  const res = await db
    .insertInto('notification_queue')
    .columns(['subscription_id', 'comment_id', 'created_at'])
    .expression(select)
    .onConflict((oc) => oc.columns(['subscription_id', 'comment_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

/** Confirmed subscriptions with queued comments whose window has passed (never notified, or last notified at or before `cutoff`). */
export async function listDueDigests(db: DB, cutoff: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notification_queue')
    .innerJoin('subscriptions', 'subscriptions.id', 'notification_queue.subscription_id')
    .select('subscriptions.id')
    .distinct()
    .where('subscriptions.status', '=', 'confirmed')
    .where((eb) =>
      eb.or([eb('subscriptions.last_notified_at', 'is', null), eb('subscriptions.last_notified_at', '<=', cutoff)]),
    )
    .orderBy('subscriptions.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The subscriber a digest goes to. */
export interface DigestTarget {
  subscriptionId: number;
  email: string;
  userId: number | null;
  kind: SubscriptionKind;
  articleId: number;
  headline: string;
  slug: string;
  /** The value before this claim, to put back when there turns out to be nothing to send. */
  previousNotifiedAt: string | null;
}

/**
 * Claims the next digest of one subscription by moving `last_notified_at` to now, but only while it is
 * still due: of two workers racing for it, the second's UPDATE finds the condition false (PostgreSQL
 * re-checks it after the first commits; SQLite serializes the writes) and gets undefined.
 */
export async function claimDigest(
  db: DB,
  subscriptionId: number,
  now: string,
  cutoff: string,
): Promise<DigestTarget | undefined> {
  const s = await db
    .selectFrom('subscriptions')
    .innerJoin('articles', 'articles.id', 'subscriptions.article_id')
    .select([
      'subscriptions.id',
      'subscriptions.email',
      'subscriptions.user_id',
      'subscriptions.kind',
      'subscriptions.article_id',
      'subscriptions.last_notified_at',
      'articles.headline',
      'articles.slug',
    ])
    .where('subscriptions.id', '=', subscriptionId)
    .executeTakeFirst();
  if (!s) return undefined;
  const res = await db
    .updateTable('subscriptions')
    .set({ last_notified_at: now })
    .where('id', '=', subscriptionId)
    .where('status', '=', 'confirmed')
    .where((eb) => eb.or([eb('last_notified_at', 'is', null), eb('last_notified_at', '<=', cutoff)]))
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return undefined;
  return {
    subscriptionId: s.id,
    email: s.email,
    userId: s.user_id,
    kind: s.kind,
    articleId: s.article_id!,
    headline: s.headline,
    slug: s.slug,
    previousNotifiedAt: s.last_notified_at,
  };
}

export async function restoreLastNotified(db: DB, subscriptionId: number, value: string | null): Promise<void> {
  await db.updateTable('subscriptions').set({ last_notified_at: value }).where('id', '=', subscriptionId).execute();
}

/** A queued comment with what the digest shows, plus the private facts used to decide and to label it. */
export interface QueuedComment {
  queueId: number;
  commentId: number;
  /** Still approved now? (A moderator may have removed it since.) */
  approved: boolean;
  authorName: string;
  authorEmail: string | null;
  authorUserId: number | null;
  parentAuthorEmail: string | null;
  parentAuthorUserId: number | null;
  bodyHtml: string;
  createdAt: string;
}

export async function listQueuedComments(db: DB, subscriptionId: number): Promise<QueuedComment[]> {
  const rows = await db
    .selectFrom('notification_queue as q')
    .innerJoin('comments as c', 'c.id', 'q.comment_id')
    .leftJoin('comments as p', 'p.id', 'c.parent_id')
    .select([
      'q.id as queue_id',
      'c.id',
      'c.status',
      'c.author_name',
      'c.author_email',
      'c.author_user_id',
      'c.body_html',
      'c.created_at',
      'p.author_email as parent_email',
      'p.author_user_id as parent_user_id',
    ])
    .where('q.subscription_id', '=', subscriptionId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    queueId: r.queue_id,
    commentId: r.id,
    approved: r.status === 'approved',
    authorName: r.author_name,
    authorEmail: r.author_email?.trim().toLowerCase() || null,
    authorUserId: r.author_user_id,
    parentAuthorEmail: r.parent_email?.trim().toLowerCase() || null,
    parentAuthorUserId: r.parent_user_id ?? null,
    bodyHtml: r.body_html,
    createdAt: r.created_at,
  }));
}

export async function deleteQueued(db: DB, queueIds: number[]): Promise<void> {
  if (queueIds.length > 0) await db.deleteFrom('notification_queue').where('id', 'in', queueIds).execute();
}
