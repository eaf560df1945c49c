/**
 * A reader changes their own comment: edits it or takes it down, within the edit window. Each change
 * runs in one transaction that also bumps the article's discussion version, and is announced on the
 * live bus only after it commits.
 */
import { msg, storedText } from '../../lib/message.js';
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { findStoredComment, hasApprovedReplies } from './comment.repo.js';
import type { CommentStatus } from './comment.table.js';
import type { CommentOwner, StoredComment } from './comment.types.js';
import { setCommentStatus, touchDiscussion, updateCommentText } from './comment.write.repo.js';
import { commentText } from './comment-format.js';
import {
  announce,
  checkedFormat,
  moderationInput,
  refusal,
  resolveAuthor,
  STATUS_BY_VERDICT,
  worse,
  type WriteCtx,
} from './comment-write-rules.js';
import { getDiscussionSettings, type DiscussionSettings } from './discussion-settings.js';
import { moderateComment } from './moderation/pipeline.js';

export interface EditCommentInput {
  commentId: number;
  source: string;
  owner: CommentOwner;
  ipHash: string;
}

/**
 * Replaces the text of the author's own comment within the edit window. The new text goes through
 * moderation again; an edit never improves a comment's standing (a held comment stays held, whatever
 * the new verdict), so a moderator's decision cannot be undone by editing.
 */
export async function editComment(
  ctx: Pick<WriteCtx, 'db' | 'config' | 'bus' | 'log' | 'phases' | 'caches'>,
  input: EditCommentInput,
  now: Date,
): Promise<{ id: number; status: CommentStatus }> {
  const settings = await getDiscussionSettings(ctx.db.kysely);
  const formatted = checkedFormat(input.source);
  const { timeZone } = await readSiteIdentity(ctx);
  const result = await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await ownComment(trx, input.commentId, input.owner, settings, now);
    const a =
      c.authorUserId !== null
        ? await resolveAuthor(trx, { kind: 'account', userId: c.authorUserId })
        : {
            kind: 'guest' as const,
            name: c.authorName,
            email: c.authorEmail ?? '',
            editTokenHash: c.editTokenHash ?? '',
          };
    const outcome = await moderateComment(
      moderationInput(ctx.config.secretKey, { articleId: c.articleId, ipHash: input.ipHash }, a, formatted),
      { db: trx, now, wordLists: ctx.caches.wordLists, timeZone },
      ctx.phases,
    );
    if (outcome.verdict.action === 'reject') throw refusal(outcome.verdict.message);
    const status = worse(c.status, STATUS_BY_VERDICT[outcome.verdict.action]);
    const reason =
      status === 'approved'
        ? null
        : outcome.verdict.action === 'approve'
          ? undefined
          : storedText(outcome.verdict.reason);
    await updateCommentText(trx, c.id, {
      bodyHtml: outcome.html,
      bodySource: input.source,
      status,
      editedAt: iso(now),
      moderationReason: reason,
    });
    if (c.status === 'approved' || status === 'approved') await touchDiscussion(trx, c.articleId);
    return { c, status };
  });
  if (result.c.status === 'approved' || result.status === 'approved') {
    await announce(ctx, result.c.articleId, 'comment.update', {
      id: result.c.id,
      removed: result.status !== 'approved',
    });
  }
  return { id: result.c.id, status: result.status };
}

/**
 * The author takes their comment down within the edit window. It moves to trash (kept for the audit
 * trail, never shown). A comment others have answered stays, so their replies keep their context.
 */
export async function deleteOwnComment(
  ctx: Pick<Deps, 'db' | 'bus' | 'log'>,
  input: { commentId: number; owner: CommentOwner },
  now: Date,
): Promise<{ articleId: number }> {
  const settings = await getDiscussionSettings(ctx.db.kysely);
  const c = await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await ownComment(trx, input.commentId, input.owner, settings, now);
    if (await hasApprovedReplies(trx, c.id)) {
      throw new AppError('COMMENT_HAS_REPLIES', msg('discussion.error_has_replies'));
    }
    await setCommentStatus(trx, c.id, 'trash', iso(now));
    await recordAudit(
      trx,
      {
        actorUserId: 'userId' in input.owner ? input.owner.userId : null,
        action: 'comment.delete_own',
        subjectType: 'comment',
        subjectId: c.id,
        before: { status: c.status },
        after: { status: 'trash' },
      },
      now,
    );
    if (c.status === 'approved') await touchDiscussion(trx, c.articleId);
    return c;
  });
  if (c.status === 'approved') await announce(ctx, c.articleId, 'comment.update', { id: c.id, removed: true });
  return { articleId: c.articleId };
}

/** The author's own comment as the edit form shows it, while the edit window is open. */
export async function commentForEditing(
  ctx: Pick<Deps, 'db'>,
  input: { commentId: number; owner: CommentOwner },
  now: Date,
): Promise<{ id: number; articleId: number; source: string; editableUntil: Date }> {
  const settings = await getDiscussionSettings(ctx.db.kysely);
  const c = await ownComment(ctx.db.kysely, input.commentId, input.owner, settings, now);
  return {
    id: c.id,
    articleId: c.articleId,
    source: c.bodySource ?? commentText(c.bodyHtml),
    editableUntil: new Date(new Date(c.createdAt).getTime() + settings.editWindowMinutes * 60_000),
  };
}

/** The comment, if `owner` wrote it and may still change it; otherwise a clear refusal. */
async function ownComment(
  db: Kysely<Database>,
  id: number,
  owner: CommentOwner,
  settings: DiscussionSettings,
  now: Date,
): Promise<StoredComment> {
  const c = await findStoredComment(db, id);
  if (!c || c.status === 'trash') throw new AppError('COMMENT_NOT_FOUND', msg('discussion.error_comment_not_found'));
  if (!isOwner(c, owner)) throw new AppError('COMMENT_NOT_OWNER', msg('discussion.error_not_owner'));
  if (c.status === 'spam') throw new AppError('COMMENT_AWAITING_REVIEW', msg('discussion.error_awaiting_review'));
  if (!withinEditWindow(c.createdAt, settings, now)) {
    throw new AppError(
      'COMMENT_EDIT_CLOSED',
      msg('discussion.error_edit_closed', { minutes: settings.editWindowMinutes }),
    );
  }
  return c;
}

export function isOwner(
  c: { authorUserId: number | null; editTokenHash: string | null },
  owner: CommentOwner,
): boolean {
  return 'userId' in owner
    ? c.authorUserId !== null && c.authorUserId === owner.userId
    : c.editTokenHash !== null && c.editTokenHash === owner.editTokenHash;
}

export function withinEditWindow(
  createdAt: string,
  settings: Pick<DiscussionSettings, 'editWindowMinutes'>,
  now: Date,
): boolean {
  return now.getTime() < new Date(createdAt).getTime() + settings.editWindowMinutes * 60_000;
}
