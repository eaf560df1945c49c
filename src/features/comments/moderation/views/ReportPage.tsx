import { REPORT_REASONS, type ReportReason } from '../moderation.table.js';
import type { ComponentChildren } from 'preact';
import type { AppError } from '../../../../errors.js';
import { useI18n } from '../../../../web/i18n-context.js';

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
  /** Where the form posts and where "Cancel" leads: the site's own, or the embedded discussion's. */
  action?: string;
  back?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const back = p.back ?? `/articles/${p.comment.articleSlug}#comment-${p.comment.id}`;
  return (
    <div class="narrow report-page">
      <h1>{t('moderation.report_heading')}</h1>
      <p>
        {i18n.rich('moderation.report_intro', {
          author: p.comment.authorName,
          headline: p.comment.articleHeadline,
          strong: (chunks: ComponentChildren) => <strong>{chunks}</strong>,
          link: (chunks: ComponentChildren) => <a href={back}>{chunks}</a>,
        })}
      </p>
      {p.error && (
        <p class="notice notice-error" role="alert" data-error-code={p.error.code}>
          {p.error.message}
        </p>
      )}
      <form class="form" method="post" action={p.action ?? `/comments/${p.comment.id}/report`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <fieldset class="field">
          <legend>{t('moderation.report_reason_legend')}</legend>
          {REPORT_REASONS.map((r) => (
            <label class="choice" for={`report-${r}`}>
              <input type="radio" id={`report-${r}`} name="reason" value={r} required checked={p.reason === r} />{' '}
              {t('moderation.report_reason', { reason: r.replace('-', '_') })}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="report-note">{t('moderation.report_note_label')}</label>
          <textarea id="report-note" name="note" rows={3} maxLength={500}>
            {p.note ?? ''}
          </textarea>
        </div>
        <div class="form-actions">
          <button type="submit">{t('moderation.report_send')}</button>{' '}
          <a href={back}>{t('moderation.report_cancel')}</a>
        </div>
      </form>
    </div>
  );
}

export function ReportThanksPage({
  comment,
  already,
  back,
}: {
  comment: ReportedComment;
  already: boolean;
  /** Back to the discussion: the article page's, or the embedded one. */
  back?: string;
}) {
  const { t } = useI18n();
  return (
    <div class="narrow report-page">
      <h1>{t('moderation.report_thanks_heading')}</h1>
      <p role="status">{t(already ? 'moderation.report_already' : 'moderation.report_sent')}</p>
      <p>
        <a href={back ?? `/articles/${comment.articleSlug}#comments`}>
          {t('moderation.report_back', { headline: comment.articleHeadline })}
        </a>
      </p>
    </div>
  );
}
