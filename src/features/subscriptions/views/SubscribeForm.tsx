import type { AppError } from '../../../errors.js';
import type { SubscriptionKind } from '../subscription.repo.js';
import { useI18n } from '../../../web/i18n-context.js';
import { NOTIFY_OPTIONS } from './NotifyOfFields.js';

export interface SubscribeFormProps {
  articleId: number;
  csrfToken: string;
  /** Signed-in readers are written to at their account's address. */
  signedIn: boolean;
  email?: string;
  kind?: SubscriptionKind;
  error?: AppError;
  fieldErrors?: Record<string, string>;
}

/** Subscribing without commenting: the small form under an article, and on /subscriptions/new. */
export function SubscribeForm(p: SubscribeFormProps) {
  const { t } = useI18n();
  const emailError = p.fieldErrors?.email;
  return (
    <form class="form subscribe-form" method="post" action="/subscriptions">
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <input type="hidden" name="articleId" value={String(p.articleId)} />
      {p.error && (
        <p class="notice notice-error" role="alert" data-error-code={p.error.code}>
          {p.error.message}
        </p>
      )}
      <div class="field">
        <label for="subscribe-kind">{t('subscriptions.subscribe_kind_label')}</label>
        <select id="subscribe-kind" name="kind">
          {NOTIFY_OPTIONS.map((o) => (
            <option value={o.value} selected={o.value === (p.kind ?? 'all')}>
              {t(o.label)}
            </option>
          ))}
        </select>
      </div>
      {p.signedIn ? (
        <p class="hint">{t('subscriptions.subscribe_account_hint')}</p>
      ) : (
        <div class="field">
          <label for="subscribe-email">{t('subscriptions.your_email')}</label>
          <input
            id="subscribe-email"
            type="email"
            name="email"
            autocomplete="email"
            required
            maxLength={254}
            value={p.email ?? ''}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={emailError ? 'subscribe-email-error subscribe-hint' : 'subscribe-hint'}
          />
          {emailError && (
            <p class="field-error" id="subscribe-email-error">
              {emailError}
            </p>
          )}
        </div>
      )}
      <p class="hint" id="subscribe-hint">
        {t('subscriptions.subscribe_hint')}
      </p>
      <div>
        <button type="submit">{t('subscriptions.subscribe_button')}</button>
      </div>
    </form>
  );
}
