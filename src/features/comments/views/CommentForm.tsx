import { MAX_COMMENT_LENGTH } from '../comment-format.js';
import { NotifyOfFields } from '../../subscriptions/index.js';
import { PassageChoice, type PassageChoiceProps } from '../inline/views/PassageViews.js';
import type { ErrorCode } from '../../../errors.js';
import { useI18n } from '../../../web/i18n-context.js';
import type { ComponentChildren } from 'preact';

/** The comment being answered, as the form shows it. */
export interface ReplyTarget {
  id: number;
  authorName: string;
  excerpt: string;
}

export interface CommentFormValues {
  name?: string;
  email?: string;
  body?: string;
  /** "Notify of" choice, kept when the form is shown again after an error. */
  notify?: string;
  notifyKind?: 'all' | 'replies';
}

export interface CommentFormProps {
  /** Where the form posts: `/articles/<slug>/comments`. */
  action: string;
  /** Where to come back to after posting (the article page, or the embedded discussion). */
  back: string;
  csrfToken: string;
  /** Signed-in account's display name; null for guests (who give a name and an e-mail). */
  viewerName: string | null;
  replyTo: ReplyTarget | null;
  /** Link that drops the reply and returns to a new top-level comment. */
  cancelReplyHref: string;
  values?: CommentFormValues;
  /** A message about the whole submission (refused, too fast …). */
  error?: string;
  /** The error's code (src/errors.ts), on the notice for scripts and tests. */
  errorCode?: ErrorCode;
  fieldErrors?: Record<string, string>;
  /** Inline feedback: the paragraph choice (article pages only). */
  passage?: PassageChoiceProps;
  /** In the embedded discussion: guests only (signing in is on the site's own pages), so no account links. */
  guestOnly?: boolean;
}

/**
 * Whether the form is drawn open from the start: the reader asked to reply or to comment on a passage, or it
 * comes back with their words and an error. Otherwise it shows only the one-line prompt and opens when focus
 * (or the pointer) enters it, with or without JavaScript (discussion.css).
 */
function startsOpen(p: CommentFormProps): boolean {
  const v = p.values ?? {};
  return (
    p.replyTo !== null ||
    Boolean(p.passage?.selected) ||
    Boolean(p.error) ||
    Object.keys(p.fieldErrors ?? {}).length > 0 ||
    Boolean(v.body || v.name || v.email)
  );
}

/**
 * The one comment form of a discussion. Without JavaScript a reply is `?reply=<id>#comment-form`,
 * which renders this form set to answer that comment; with it, discussion.js moves this same form
 * under the comment. The e-mail is asked for moderation and never shown.
 */
export function CommentForm(p: CommentFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const v = p.values ?? {};
  const fe = p.fieldErrors ?? {};
  const submitLabel = t(p.replyTo ? 'discussion.post_reply' : 'discussion.post_comment');
  const err = (field: string) =>
    fe[field] ? (
      <p class="field-error" id={`comment-${field}-error`}>
        {fe[field]}
      </p>
    ) : null;
  const described = (field: string, hint?: string) =>
    [hint, fe[field] ? `comment-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <form
      id="comment-form"
      class={startsOpen(p) ? 'comment-form form is-open' : 'comment-form form'}
      method="post"
      action={p.action}
      aria-labelledby="comment-form-heading"
      tabIndex={-1}
      data-comment-form
    >
      {/* The one place that names the person answered; the box below quotes what they said. */}
      <h3 id="comment-form-heading" data-form-heading>
        {p.replyTo ? t('discussion.form_heading_reply', { name: p.replyTo.authorName }) : t('discussion.form_heading')}
      </h3>
      {p.error && (
        <p class="notice notice-error" role="alert" data-form-error data-error-code={p.errorCode}>
          {p.error}
        </p>
      )}
      {!p.error && <p class="notice notice-error" role="alert" data-form-error hidden />}
      {p.csrfToken && <input type="hidden" name="_csrf" value={p.csrfToken} />}
      <input type="hidden" name="back" value={p.back} />
      <input type="hidden" name="parentId" value={p.replyTo ? String(p.replyTo.id) : ''} data-parent-input />
      <div class="replying-to" data-replying-to hidden={!p.replyTo}>
        {p.replyTo && (
          <>
            <p>
              <q>{p.replyTo.excerpt}</q> <a href={`#comment-${p.replyTo.id}`}>{t('discussion.see_comment')}</a>
            </p>
            <p>
              <a href={p.cancelReplyHref} data-cancel-reply>
                {t('discussion.cancel_reply')}
              </a>
            </p>
          </>
        )}
      </div>
      {p.passage && <PassageChoice {...p.passage} />}
      <div class="field comment-body-field">
        <label for="comment-body">{t('discussion.body_label')}</label>
        <textarea
          id="comment-body"
          name="body"
          rows={5}
          required
          maxLength={MAX_COMMENT_LENGTH}
          placeholder={t('discussion.body_prompt')}
          aria-describedby={described('body', 'comment-format-hint')}
          aria-invalid={fe.body ? 'true' : undefined}
        >
          {v.body ?? ''}
        </textarea>
        {err('body')}
        <p class="hint" id="comment-format-hint">
          {t('discussion.format_hint')}
        </p>
      </div>
      {p.viewerName === null ? (
        <div class="guest-fields">
          {!p.guestOnly && (
            <p class="account-hint">
              {i18n.rich('discussion.account_hint', {
                signin: (chunks: ComponentChildren) => (
                  <a href={`/login?next=${encodeURIComponent(`${p.back}#comment-form`)}`}>{chunks}</a>
                ),
                signup: (chunks: ComponentChildren) => (
                  <a href={`/signup?next=${encodeURIComponent(`${p.back}#comment-form`)}`}>{chunks}</a>
                ),
              })}
            </p>
          )}
          <div class="field">
            <label for="comment-name">{t('discussion.name_label')}</label>
            <input
              id="comment-name"
              type="text"
              name="name"
              required
              maxLength={80}
              autocomplete="name"
              value={v.name ?? ''}
              aria-describedby={described('name')}
              aria-invalid={fe.name ? 'true' : undefined}
            />
            {err('name')}
          </div>
          <div class="field">
            <label for="comment-email">{t('discussion.email_label')}</label>
            <input
              id="comment-email"
              type="email"
              name="email"
              required
              maxLength={254}
              autocomplete="email"
              value={v.email ?? ''}
              aria-describedby={described('email', 'comment-email-hint')}
              aria-invalid={fe.email ? 'true' : undefined}
            />
            {err('email')}
            <p class="hint" id="comment-email-hint">
              {t('discussion.email_hint')}
            </p>
          </div>
        </div>
      ) : (
        <p class="commenting-as">
          {i18n.rich('discussion.commenting_as', {
            name: p.viewerName,
            strong: (chunks: ComponentChildren) => <strong>{chunks}</strong>,
          })}
        </p>
      )}
      <NotifyOfFields idPrefix="comment-notify" checked={v.notify === '1'} kind={v.notifyKind} />
      {/* Honeypot: hidden from people (CSS and assistive technology alike); bots that fill every field reveal themselves. */}
      <div class="hp">
        <label for="comment-website">{t('discussion.honeypot_label')}</label>
        <input id="comment-website" type="text" name="website" tabIndex={-1} autocomplete="off" value="" />
      </div>
      <p class="form-actions">
        <button type="submit" data-submit-label={submitLabel}>
          {submitLabel}
        </button>
        <button type="button" class="link-button" data-cancel-reply-button hidden>
          {t('discussion.cancel_reply')}
        </button>
      </p>
    </form>
  );
}
