import { CommentForm, type CommentFormProps } from './CommentForm.js';
import { MAX_COMMENT_LENGTH } from '../comment-format.js';
import type { ErrorCode } from '../../../errors.js';
import { useI18n } from '../../../web/i18n-context.js';

/**
 * Where a comment posted without JavaScript lands when it cannot be taken as it is (a missing field,
 * a refusal, too many comments at once): the message and the form with everything the reader typed.
 */
export function CommentFormPage(p: { headline: string; articlePath: string; form: CommentFormProps }) {
  const { t } = useI18n();
  return (
    <div class="comment-page narrow-wide">
      <p>
        <a href={`${p.articlePath}#comments`}>{t('discussion.back_to_article', { headline: p.headline })}</a>
      </p>
      <h1>{t('discussion.form_page_heading', { headline: p.headline })}</h1>
      <CommentForm {...p.form} />
    </div>
  );
}

export interface EditCommentPageProps {
  commentId: number;
  headline: string;
  articlePath: string;
  source: string;
  csrfToken: string;
  /** Minutes left in the edit window. */
  minutesLeft: number;
  error?: string;
  /** The error's code (src/errors.ts), on the notice for scripts and tests. */
  errorCode?: ErrorCode;
}

/** Editing or deleting one's own comment within the edit window (works without JavaScript). */
export function EditCommentPage(p: EditCommentPageProps) {
  const { t } = useI18n();
  return (
    <div class="comment-page narrow-wide">
      <p>
        <a href={`/comments/${p.commentId}`}>{t('discussion.edit_back', { headline: p.headline })}</a>
      </p>
      <h1>{t('discussion.edit_title')}</h1>
      <p>{t('discussion.edit_minutes_left', { minutes: p.minutesLeft })}</p>
      {p.error && (
        <p class="notice notice-error" role="alert" data-error-code={p.errorCode}>
          {p.error}
        </p>
      )}
      <form class="form" method="post" action={`/comments/${p.commentId}/edit`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <div class="field">
          <label for="edit-body">{t('discussion.body_label')}</label>
          <textarea
            id="edit-body"
            name="body"
            rows={8}
            required
            maxLength={MAX_COMMENT_LENGTH}
            aria-describedby="edit-format-hint"
          >
            {p.source}
          </textarea>
          <p class="hint" id="edit-format-hint">
            {t('discussion.format_hint')}
          </p>
        </div>
        <p>
          <button type="submit">{t('discussion.save_changes')}</button>
        </p>
      </form>
      <form class="form delete-comment" method="post" action={`/comments/${p.commentId}/delete`}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <p>
          <button type="submit" class="button-danger">
            {t('discussion.delete_comment')}
          </button>
        </p>
      </form>
    </div>
  );
}
