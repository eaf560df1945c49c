/**
 * Writing to a discussion: a reader posts a comment or a reply (editing and deleting are in
 * comment-edit.service.ts). Each post runs in one transaction that also bumps the article's discussion
 * version (so every process drops its cached fragments), and is announced on the live bus only after
 * it commits.
 */
import { msg, storedText } from '../../lib/message.js';
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { LOCKS, lockKey, lockTransaction, type DialectName } from '../../db/dialect.js';
import { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { anchorFor } from './inline/inline.service.js';
import { countCommentsSince, findDiscussionTarget, findStoredComment } from './comment.repo.js';
import type { CommentStatus } from './comment.table.js';
import { insertComment, touchDiscussion } from './comment.write.repo.js';
import {
  announce,
  checkedFormat,
  moderationInput,
  refusal,
  resolveAuthor,
  STATUS_BY_VERDICT,
  type CommentAuthor,
  type CommentAuthorInput,
  type WriteCtx,
} from './comment-write-rules.js';
import { getDiscussionSettings, type DiscussionSettings } from './discussion-settings.js';
import { moderateComment } from './moderation/pipeline.js';
import { announceApproval } from './comment-approval.js';
import type { SubscriptionKind } from '../subscriptions/index.js';

export type { CommentAuthorInput, WriteCtx };

export interface SubmitCommentInput {
  articleId: number;
  parentId: number | null;
  /** What the reader typed. */
  source: string;
  author: CommentAuthorInput;
  /** hmac(secret, client IP). */
  ipHash: string;
  /** hashNetwork(secret, client IP), for the "Notify of" mail allowance; the IP hash when not given. */
  networkHash?: string;
  /** "Notify of": e-mail the author about new comments or replies (double opt-in); null for nothing. */
  notify?: SubscriptionKind | null;
  /** The passage the comment is on (inline feedback); ignored on replies, which answer a comment, not a passage. */
  passage?: { paragraphId: string; exact: string } | null;
}

export interface SubmitCommentResult {
  id: number;
  threadId: number;
  status: CommentStatus;
}

/** Posts a comment or a reply; stores it approved, held or as spam as moderation decides, or refuses it. */
export async function submitComment(ctx: WriteCtx, input: SubmitCommentInput, now: Date): Promise<SubmitCommentResult> {
  const db = ctx.db.kysely;
  const settings = await getDiscussionSettings(db);
  const article = await findDiscussionTarget(db, { id: input.articleId });
  if (!article || !article.published)
    throw new AppError('ARTICLE_NOT_FOUND', msg('discussion.error_article_not_found'));
  if (!article.commentsOpen) throw new AppError('COMMENTS_CLOSED', msg('discussion.error_comments_closed'));
  const formatted = checkedFormat(input.source);
  const a = await resolveAuthor(db, input.author);
  const anchor =
    input.passage && input.parentId === null
      ? await anchorFor(db, article.id, input.passage.paragraphId, input.passage.exact)
      : null;

  const { timeZone } = await readSiteIdentity(ctx);
  const result = await db.transaction().execute(async (trx) => {
    await checkPostingRate(trx, ctx.db.dialect, a, input.ipHash, settings, now);
    const place = await replyPlacement(trx, input, settings);
    const outcome = await moderateComment(
      moderationInput(ctx.config.secretKey, input, a, formatted),
      { db: trx, now, wordLists: ctx.caches.wordLists, timeZone },
      ctx.phases,
    );
    if (outcome.verdict.action === 'reject') throw refusal(outcome.verdict.message);
    const status = STATUS_BY_VERDICT[outcome.verdict.action];
    const id = await insertComment(trx, {
      articleId: article.id,
      parentId: place.parentId,
      threadId: place.threadId,
      depth: place.depth,
      replyToName: place.replyToName,
      authorUserId: a.kind === 'account' ? a.userId : null,
      authorName: a.name,
      authorEmail: a.kind === 'guest' ? a.email : null,
      ipHash: input.ipHash,
      bodyHtml: outcome.html,
      bodySource: input.source,
      status,
      editTokenHash: a.kind === 'guest' ? a.editTokenHash : null,
      createdAt: iso(now),
      anchor,
      // The queue tells moderators which rule held it.
      moderationReason: status === 'approved' ? null : storedText(outcome.verdict.reason),
    });
    if (status === 'approved') {
      await touchDiscussion(trx, article.id);
      // Subscribers hear of a comment once it is approved, here or later by a moderator.
      await announceApproval(trx, ctx.hooks.comments, {
        commentId: id,
        articleId: article.id,
        parentId: place.parentId,
        authorEmail: a.email,
        authorUserId: a.kind === 'account' ? a.userId : null,
        now,
      });
    }
    // The confirmation mail is queued with the comment: both happen, or neither.
    if (input.notify) {
      await ctx.hooks.comments.notifyRequested.run(trx, {
        articleId: article.id,
        email: a.kind === 'guest' ? a.email : '',
        kind: input.notify,
        userId: a.kind === 'account' ? a.userId : null,
        ipHash: input.ipHash,
        networkHash: input.networkHash ?? input.ipHash,
        now,
      });
    }
    return { id, threadId: place.threadId ?? id, status, parentId: place.parentId };
  });
  if (result.status === 'approved') {
    await announce(ctx, article.id, 'comment.new', {
      id: result.id,
      parentId: result.parentId,
      threadId: result.threadId,
    });
  }
  return { id: result.id, threadId: result.threadId, status: result.status };
}

/** Staff post freely; everyone else gets `postLimit` comments per window, counted across processes in the database. */
async function checkPostingRate(
  db: Kysely<Database>,
  dialect: DialectName,
  a: CommentAuthor,
  ipHash: string,
  s: DiscussionSettings,
  now: Date,
): Promise<void> {
  if (a.kind === 'account' && a.isStaff) return;
  const since = iso(new Date(now.getTime() - s.postWindowSeconds * 1000));
  const by = a.kind === 'account' ? { userId: a.userId } : { ipHash };
  // Concurrent posts by one author would each count the others' uncommitted rows as absent (READ
  // COMMITTED) and all pass: the lock makes them count one after another, until each commits.
  await lockTransaction(
    db,
    dialect,
    lockKey(LOCKS.commentPosting, a.kind === 'account' ? `u:${a.userId}` : `ip:${ipHash}`),
  );
  if ((await countCommentsSince(db, by, since)) >= s.postLimit) {
    // The window is the longest the reader may have to wait (`Retry-After`, set by the routes).
    throw new AppError(
      'COMMENT_RATE_LIMITED',
      msg('discussion.error_posting_too_fast', { limit: s.postLimit, ...describeSeconds(s.postWindowSeconds) }),
      {
        internal: { retryAfterSeconds: s.postWindowSeconds },
      },
    );
  }
}

/** The posting window in whole minutes when it is some, else in seconds (the message's `unit` and `amount`). */
const describeSeconds = (s: number): { unit: 'minutes' | 'seconds'; amount: number } =>
  s % 60 === 0 ? { unit: 'minutes', amount: s / 60 } : { unit: 'seconds', amount: s };

/** Where a reply goes: under its parent, or, past the depth limit, beside it naming whom it answers. */
async function replyPlacement(db: Kysely<Database>, input: SubmitCommentInput, s: DiscussionSettings) {
  if (input.parentId === null) return { parentId: null, threadId: null, depth: 0, replyToName: null };
  const parent = await findStoredComment(db, input.parentId);
  if (!parent || parent.articleId !== input.articleId || parent.status !== 'approved') {
    throw new AppError('COMMENT_PARENT_GONE', msg('discussion.error_parent_gone'), {
      fields: { parentId: msg('discussion.error_parent_gone_field') },
    });
  }
  const capped = parent.depth + 1 > s.maxDepth;
  return {
    parentId: parent.id,
    threadId: parent.threadId,
    depth: Math.min(parent.depth + 1, s.maxDepth),
    replyToName: capped ? parent.authorName : null,
  };
}
