import { REPORT_REASONS, type ReportReason } from '../moderation.table.js';
import type { AppError } from '../../../../errors.js';

export const REASON_LABELS: Record<ReportReason, string> = {
  spam: 'Spam or advertising',
  abuse: 'Abusive, hateful or harassing',
  'off-topic': 'Off-topic',
  misinformation: 'False or misleading',
  other: 'Something else',
};

export interface ReportedComment {
  id: number;
  authorName: string;
  articleHeadline: string;
  articleSlug: string;
}

/** The no-JavaScript way to report a comment: reasons as radio buttons, an optional note. */
export function ReportPage(p: {
  comment: ReportedComment;
  csrfToken: string;
  reason?: ReportReason;
  note?: string;
  error?: AppError;
}) {
  const back = `/articles/${p.comment.articleSlug}#comment-${p.comment.id}`;
  return (
    <div class="narrow report-page">
      <h1>Report a comment</h1>
      <p>
        You are reporting the comment by <strong>{p.comment.authorName}</strong> on “
        <a href={back}>{p.comment.articleHeadline}</a>”. Our moderators will look at it; the commenter is not told who
        reported it.
      </p>
      {p.error && (
        <p class="notice notice-error" role="alert" data-error-code={p.error.code}>
          {p.error.message}
        </p>
      )}
      <form class="form" method="post" action={`/comments/${p.comment.id}/report`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <fieldset class="field">
          <legend>What is wrong with it?</legend>
          {REPORT_REASONS.map((r) => (
            <label class="choice" for={`report-${r}`}>
              <input type="radio" id={`report-${r}`} name="reason" value={r} required checked={p.reason === r} />{' '}
              {REASON_LABELS[r]}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="report-note">Anything the moderators should know? (optional)</label>
          <textarea id="report-note" name="note" rows={3} maxLength={500}>
            {p.note ?? ''}
          </textarea>
        </div>
        <div class="form-actions">
          <button type="submit">Send report</button> <a href={back}>Cancel</a>
        </div>
      </form>
    </div>
  );
}

export function ReportThanksPage({ comment, already }: { comment: ReportedComment; already: boolean }) {
  return (
    <div class="narrow report-page">
      <h1>Thank you</h1>
      <p role="status">
        {already
          ? 'You had already reported this comment; a moderator will look at it.'
          : 'Your report was sent. A moderator will look at the comment.'}
      </p>
      <p>
        <a href={`/articles/${comment.articleSlug}#comments`}>Back to “{comment.articleHeadline}”</a>
      </p>
    </div>
  );
}
