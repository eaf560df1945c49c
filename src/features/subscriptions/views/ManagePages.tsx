/** Listing and changing a reader's subscriptions: via the signed link in every mail, or from the account. */
import { kindPhrase } from '../subscription-mail.js';
import type { SubscriptionListing } from '../subscription.repo.js';
import type { AppError } from '../../../errors.js';

interface ListProps {
  subscriptions: SubscriptionListing[];
  csrfToken: string;
  /** Where the action forms post. */
  action: string;
  /** Extra hidden fields of every form (the manage token). */
  hidden?: Record<string, string>;
}

function ActionButton({
  p,
  sub,
  action,
  label,
}: {
  p: ListProps;
  sub: SubscriptionListing;
  action: string;
  label: string;
}) {
  return (
    <form method="post" action={p.action} class="inline-form">
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name="subscriptionId" value={String(sub.id)} />
      <input type="hidden" name="action" value={action} />
      <button type="submit" class={action === 'remove' ? 'button-quiet' : undefined}>
        {label}
        <span class="visually-hidden">: {sub.headline}</span>
      </button>
    </form>
  );
}

export function SubscriptionList(p: ListProps) {
  if (p.subscriptions.length === 0) return <p>You have no subscriptions.</p>;
  return (
    <ul class="subscription-list">
      {p.subscriptions.map((s) => (
        <li class="subscription-item">
          <p class="subscription-what">
            <a href={`/articles/${s.slug}`}>{s.headline}</a>
            <br />
            <span class="subscription-kind">
              {s.status === 'pending'
                ? `Waiting for confirmation: ${kindPhrase(s.kind)}`
                : `You get ${kindPhrase(s.kind)}`}
              {s.requestedKind && ` (change to ${kindPhrase(s.requestedKind)} waiting for confirmation)`}
            </span>
          </p>
          <div class="subscription-actions">
            {s.status === 'confirmed' &&
              (s.kind === 'all' ? (
                <ActionButton p={p} sub={s} action="replies" label="Only replies to me" />
              ) : (
                <ActionButton p={p} sub={s} action="all" label="All new comments" />
              ))}
            <ActionButton p={p} sub={s} action="remove" label={s.status === 'pending' ? 'Cancel' : 'Unsubscribe'} />
          </div>
        </li>
      ))}
    </ul>
  );
}

const DONE: Record<string, string> = {
  confirmed: 'Thank you: your subscription is confirmed.',
  remove: 'Done: that subscription is stopped.',
  all: 'Done: you will get every new comment on that article.',
  replies: 'Done: you will only get replies to your own comments on that article.',
};

export function ManagePage({ done, ...list }: ListProps & { done?: string }) {
  return (
    <div class="narrow subscription-page">
      <h1>Your comment subscriptions</h1>
      {done && DONE[done] && (
        <p class="notice notice-ok" role="status">
          {DONE[done]}
        </p>
      )}
      <SubscriptionList {...list} />
      <p class="hint">This page was opened with a personal link from one of our e-mails. Do not share it.</p>
    </div>
  );
}

export function AccountSubscriptionsPage({ done, ...list }: ListProps & { done?: string }) {
  return (
    <div class="narrow subscription-page">
      <h1>Your comment subscriptions</h1>
      {done && DONE[done] && (
        <p class="notice notice-ok" role="status">
          {DONE[done]}
        </p>
      )}
      <SubscriptionList {...list} />
    </div>
  );
}

export function ManageLinkPage({
  csrfToken,
  sent,
  problem,
  error,
  email,
}: {
  csrfToken: string;
  sent?: boolean;
  /** Why the manage link could not be used. */
  problem?: AppError;
  /** Why the address was refused (shown at the e-mail field). */
  error?: AppError;
  email?: string;
}) {
  const emailError = error ? (error.options.fields?.email ?? error.message) : undefined;
  return (
    <div class="narrow subscription-page">
      <h1>Manage your subscriptions</h1>
      {problem && (
        <p class="notice notice-error" role="alert" data-error-code={problem.code}>
          {problem.message}
        </p>
      )}
      {sent && (
        <p class="notice notice-ok" role="status">
          If that address has subscriptions here, a link to manage them is on its way.
        </p>
      )}
      <p>Every mail we send has a link to this page. Lost it? We can send you a new one.</p>
      <form class="form" method="post" action="/subscriptions/manage/link">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div class="field">
          <label for="manage-email">Your e-mail</label>
          <input
            id="manage-email"
            type="email"
            name="email"
            autocomplete="email"
            required
            maxLength={254}
            value={email ?? ''}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={emailError ? 'manage-email-error' : undefined}
          />
          {emailError && (
            <p class="field-error" id="manage-email-error" data-error-code={error?.code}>
              {emailError}
            </p>
          )}
        </div>
        <div>
          <button type="submit">Send me a link</button>
        </div>
      </form>
    </div>
  );
}
