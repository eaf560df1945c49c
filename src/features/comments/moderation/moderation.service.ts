/**
 * Moderators' verbs on comments: approve, spam, trash, restore (back to pending), one or many at once.
 * Each call is one transaction that changes the statuses, recounts and re-versions every touched
 * discussion, and writes one audit entry per changed comment; live updates go out after the commit.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Deps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import { msg } from '../../../lib/message.js';
import { recordAudit } from '../../../platform/audit.repo.js';
import type { CommentStatus } from '../comment.table.js';
import { touchDiscussion } from '../comment.write.repo.js';
import type { CommentHooks } from '../comment.hooks.js';
import { announceApproval } from '../comment-approval.js';
import { findModeratedComments, updateCommentStatus } from './moderation.repo.js';
import { markReportsReviewed } from './report.repo.js';

/**
 * What moderators' verbs read of the context: the database, SECRET_KEY (e-mail addresses become ban keys
 * as hmac(secret, e-mail)), the bus and the log, and the comment hooks (subscribers told of an approval).
 */
export type ModerationCtx = Pick<Deps, 'db' | 'config' | 'bus' | 'log' | 'hooks'>;

export const MODERATION_ACTIONS = ['approve', 'spam', 'trash', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** The status each action leads to. Restore sends a comment back to the queue, whatever it was. */
export const ACTION_STATUS: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  spam: 'spam',
  trash: 'trash',
  restore: 'pending',
};

/** Most comments one bulk action may touch (one page of the queue is 50). */
export const MAX_BULK = 200;

export interface StatusChange {
  id: number;
  articleId: number;
  authorName: string;
  from: CommentStatus;
  to: CommentStatus;
}

export interface ActionResult {
  action: ModerationAction;
  changed: StatusChange[];
  /** Ids that were already in the target status, or do not exist. */
  unchanged: number[];
}

/**
 * Moves comments to `to` inside the caller's transaction and audits each change. Returns what changed;
 * a comment another moderator moved in the meantime is skipped, not overwritten twice.
 */
export async function applyStatus(
  trx: Kysely<Database>,
  hooks: CommentHooks,
  input: { actorId: number | null; action: string; ids: number[]; to: CommentStatus; now: Date; reason?: string },
): Promise<StatusChange[]> {
  const t = input.now.toISOString();
  const comments = await findModeratedComments(trx, input.ids);
  const changed: StatusChange[] = [];
  // The comments the moderator decided on: moved now, or already where the decision puts them (approving
  // a reported comment that is still shown dismisses its reports).
  const decided = comments.filter((c) => c.status === input.to).map((c) => c.id);
  for (const c of comments) {
    if (c.status === input.to) continue;
    // An approval clears why the comment was held: that question is settled.
    const reason = input.to === 'approved' ? null : input.reason;
    if (!(await updateCommentStatus(trx, c.id, c.status, input.to, t, reason))) continue;
    const after = input.reason === undefined ? { status: input.to } : { status: input.to, reason: input.reason };
    await recordAudit(
      trx,
      {
        actorUserId: input.actorId,
        action: input.action,
        subjectType: 'comment',
        subjectId: c.id,
        before: { status: c.status },
        after,
      },
      input.now,
    );
    changed.push({ id: c.id, articleId: c.articleId, authorName: c.authorName, from: c.status, to: input.to });
    decided.push(c.id);
    // An approval is when subscribers hear of a comment ("Notify of"); queued in this transaction.
    if (input.to === 'approved') {
      await announceApproval(trx, hooks, {
        commentId: c.id,
        articleId: c.articleId,
        parentId: c.parentId,
        authorEmail: c.authorEmail,
        authorUserId: c.authorUserId,
        now: input.now,
      });
    }
  }
  // A moderator's decision deals with the reports made so far; only later ones count toward the threshold.
  if (input.actorId !== null) await markReportsReviewed(trx, decided, t);
  for (const articleId of new Set(changed.map((c) => c.articleId))) await touchDiscussion(trx, articleId);
  return changed;
}

/** Tells every process's live readers that these comments changed status. Call after the commit. */
export async function publishChanges(ctx: Pick<Deps, 'bus' | 'log'>, changed: StatusChange[]): Promise<void> {
  // A comment that becomes visible is new to readers (pages insert it); any other change updates or removes one.
  const results = await Promise.allSettled(
    changed.map((c) =>
      ctx.bus.publish(
        c.to === 'approved' && c.from !== 'approved'
          ? { topic: `article:${c.articleId}`, type: 'comment.new', data: { id: c.id } }
          : { topic: `article:${c.articleId}`, type: 'comment.update', data: { id: c.id, status: c.to } },
      ),
    ),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  // The change is committed; a reader who missed the live event sees it on the next page load.
  if (failed.length > 0)
    ctx.log.warn(
      { err: (failed[0] as PromiseRejectedResult).reason, count: failed.length },
      'live comment change not published',
    );
}

/** Approve, spam, trash or restore comments by id, as one transaction. */
export async function moderateComments(
  ctx: Pick<Deps, 'db' | 'bus' | 'log' | 'hooks'>,
  input: { actorId: number; action: ModerationAction; ids: number[]; now: Date },
): Promise<ActionResult> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) throw new AppError('MODERATION_SELECTION_EMPTY', msg('moderation.error_selection_empty'));
  if (ids.length > MAX_BULK)
    throw new AppError(
      'MODERATION_SELECTION_TOO_LARGE',
      msg('moderation.error_selection_too_large', { max: MAX_BULK }),
    );
  const changed = await ctx.db.kysely.transaction().execute((trx) =>
    applyStatus(trx, ctx.hooks.comments, {
      actorId: input.actorId,
      action: `comment.${input.action}`,
      ids,
      to: ACTION_STATUS[input.action],
      now: input.now,
    }),
  );
  await publishChanges(ctx, changed);
  const done = new Set(changed.map((c) => c.id));
  return { action: input.action, changed, unchanged: ids.filter((id) => !done.has(id)) };
}
