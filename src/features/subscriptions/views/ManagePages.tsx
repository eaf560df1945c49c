/** Listing and changing a reader's subscriptions: via the signed link in every mail, or from the account. */
import { useI18n } from '../../../web/i18n-context.js';
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
  const { t } = useI18n();
  if (p.subscriptions.length === 0) return <p>{t('subscriptions.none')}</p>;
  return (
    <ul class="subscription-list">
      {p.subscriptions.map((s) => (
        <li class="subscription-item">
          <p class="subscription-what">
            <a href={`/articles/${s.slug}`}>{s.headline}</a>
            <br />
            <span class="subscription-kind">
              {s.requestedKind
                ? t('subscriptions.kind_change_waiting', { kind: s.kind, requested: s.requestedKind })
                : t(s.status === 'pending' ? 'subscriptions.kind_waiting' : 'subscriptions.kind_current', {
                    kind: s.kind,
                  })}
            </span>
          </p>
          <div class="subscription-actions">
            {s.status === 'confirmed' &&
              (s.kind === 'all' ? (
                <ActionButton p={p} sub={s} action="replies" label={t('subscriptions.action_replies')} />
              ) : (
                <ActionButton p={p} sub={s} action="all" label={t('subscriptions.action_all')} />
              ))}
            <ActionButton
              p={p}
              sub={s}
              action="remove"
              label={t(s.status === 'pending' ? 'subscriptions.action_cancel' : 'subscriptions.unsubscribe_button')}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The notice after each action, by the `done` query parameter. */
const DONE: Record<string, string> = {
  confirmed: 'subscriptions.done_confirmed',
  remove: 'subscriptions.done_remove',
  all: 'subscriptions.done_all',
  replies: 'subscriptions.done_replies',
};

function DoneNotice({ done }: { done?: string }) {
  const { t } = useI18n();
  const key = done ? DONE[done] : undefined;
  if (!key) return null;
  return (
    <p class="notice notice-ok" role="status">
      {t(key)}
    </p>
  );
}

export function ManagePage({ done, ...list }: ListProps & { done?: string }) {
  const { t } = useI18n();
  return (
    <div class="narrow subscription-page">
      <h1>{t('subscriptions.manage_heading')}</h1>
      <DoneNotice done={done} />
      <SubscriptionList {...list} />
      <p class="hint">{t('subscriptions.manage_personal_hint')}</p>
    </div>
  );
}

export function AccountSubscriptionsPage({ done, ...list }: ListProps & { done?: string }) {
  const { t } = useI18n();
  return (
    <div class="narrow subscription-page">
      <h1>{t('subscriptions.manage_heading')}</h1>
      <DoneNotice done={done} />
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
  const i18n = useI18n();
  const { t } = i18n;
  const emailError = error ? i18n.text(error.options.fields?.email ?? error.text) : undefined;
  return (
    <div class="narrow subscription-page">
      <h1>{t('subscriptions.manage_link_heading')}</h1>
      {problem && (
        <p class="notice notice-error" role="alert" data-error-code={problem.code}>
          {i18n.text(problem.text)}
        </p>
      )}
      {sent && (
        <p class="notice notice-ok" role="status">
          {t('subscriptions.manage_link_sent')}
        </p>
      )}
      <p>{t('subscriptions.manage_link_intro')}</p>
      <form class="form" method="post" action="/subscriptions/manage/link">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div class="field">
          <label for="manage-email">{t('subscriptions.your_email')}</label>
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
          <button type="submit">{t('subscriptions.manage_link_button')}</button>
        </div>
      </form>
    </div>
  );
}
