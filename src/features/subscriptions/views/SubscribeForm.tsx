import type { AppError } from '../../../errors.js';
import type { SubscriptionKind } from '../subscription.repo.js';
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
        <label for="subscribe-kind">Notify me of</label>
        <select id="subscribe-kind" name="kind">
          {NOTIFY_OPTIONS.map((o) => (
            <option value={o.value} selected={o.value === (p.kind ?? 'all')}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      {p.signedIn ? (
        <p class="hint">We will write to the address of your account.</p>
      ) : (
        <div class="field">
          <label for="subscribe-email">Your e-mail</label>
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
        We first send a link to confirm; nothing else is sent until you follow it. Every mail has a one-click
        unsubscribe. We never show your address.
      </p>
      <div>
        <button type="submit">Subscribe</button>
      </div>
    </form>
  );
}
