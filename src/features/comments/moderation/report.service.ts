/**
 * Readers' reports. One report per reader per comment; when distinct readers' reports reach the
 * publisher's threshold, an approved comment goes back to the queue (pending) and the system records
 * that in the audit log. Reports made before a moderator's last decision on the comment no longer count. Concurrent reports cannot hold it twice: the status change is conditional.
 */
import type { Deps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import { msg, storedText } from '../../../lib/message.js';
import { english } from '../../../platform/i18n.js';
import { recordAudit } from '../../../platform/audit.repo.js';
import type { CommentOwner } from '../comment.types.js';
import { touchDiscussion } from '../comment.write.repo.js';
import { isOwner } from '../comment-edit.service.js';
import { findActiveBan, type BanSubject } from './ban.repo.js';
import { findModeratedComments, updateCommentStatus } from './moderation.repo.js';
import { getModerationSettings } from './moderation.settings.js';
import type { ReportReason } from './moderation.table.js';
import { publishChanges } from './moderation.service.js';
import { countUnreviewedReports, insertReport } from './report.repo.js';

/** Where a report comes from: the reader's ban keys and their one-report-per-comment key. */
export interface Reporter extends BanSubject {
  /** `u:<userId>` for an account, `g:<hmac of IP>` for a guest. */
  key: string;
  /** The reader as an author (account, or a guest's browser), so nobody reports their own comment; null for a guest without a cookie. */
  owner: CommentOwner | null;
}

export interface ReportInput {
  commentId: number;
  reporter: Reporter;
  reason: ReportReason;
  note: string | null;
  now: Date;
}

export interface ReportOutcome {
  /** False when this reader had already reported the comment. */
  recorded: boolean;
  /** True when this report took the comment back to the queue. */
  held: boolean;
}

/**
 * A comment a reader may report. The form needs an approved (visible) comment, so a held comment's
 * author cannot be learned by trying ids; a report sent from a form loaded just before the comment was
 * held (`alsoPending`) still counts.
 */
export async function findReportableComment(
  ctx: Pick<Deps, 'db'>,
  commentId: number,
  opts: { alsoPending?: boolean } = {},
) {
  const [c] = await findModeratedComments(ctx.db.kysely, [commentId]);
  if (!c || !c.articlePublished || !(c.status === 'approved' || (opts.alsoPending && c.status === 'pending')))
    throw new AppError('COMMENT_NOT_FOUND', msg('moderation.error_comment_not_found'));
  return {
    id: c.id,
    articleId: c.articleId,
    authorName: c.authorName,
    authorUserId: c.authorUserId,
    editTokenHash: c.editTokenHash,
    articleSlug: c.articleSlug,
    articleHeadline: c.articleHeadline,
    status: c.status,
  };
}

export async function reportComment(ctx: Pick<Deps, 'db' | 'bus' | 'log'>, input: ReportInput): Promise<ReportOutcome> {
  const comment = await findReportableComment(ctx, input.commentId, { alsoPending: true });
  if (input.reporter.owner && isOwner(comment, input.reporter.owner)) {
    throw new AppError('REPORT_OWN_COMMENT', msg('moderation.error_report_own'));
  }
  const t = input.now.toISOString();
  if (await findActiveBan(ctx.db.kysely, input.reporter, t))
    throw new AppError('REPORT_BANNED', msg('moderation.error_report_banned'));
  const { reportThreshold } = await getModerationSettings(ctx.db.kysely);

  const outcome = await ctx.db.kysely.transaction().execute(async (trx) => {
    const recorded = await insertReport(trx, {
      commentId: comment.id,
      reporterKey: input.reporter.key,
      reason: input.reason,
      note: input.note,
      createdAt: t,
    });
    if (!recorded || comment.status !== 'approved') return { recorded, held: false };
    // Only reports since a moderator last decided on it: an approval stands until new readers object.
    const total = await countUnreviewedReports(trx, comment.id);
    if (total < reportThreshold) return { recorded, held: false };
    const reason = msg('moderation.reason_reported', { count: total });
    if (!(await updateCommentStatus(trx, comment.id, 'approved', 'pending', t, storedText(reason))))
      return { recorded, held: false };
    await recordAudit(
      trx,
      {
        actorUserId: null,
        action: 'comment.hold',
        subjectType: 'comment',
        subjectId: comment.id,
        before: { status: 'approved' },
        // The audit log is a record kept as written: in English, like every system entry in it.
        after: { status: 'pending', reason: english(reason) },
      },
      input.now,
    );
    await touchDiscussion(trx, comment.articleId);
    return { recorded, held: true };
  });
  if (outcome.held) {
    await publishChanges(ctx, [
      { id: comment.id, articleId: comment.articleId, authorName: comment.authorName, from: 'approved', to: 'pending' },
    ]);
  }
  return outcome;
}
