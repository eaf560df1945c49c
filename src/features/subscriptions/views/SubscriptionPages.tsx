/** The reader's pages of the double opt-in and the one-click unsubscribe. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../../../web/i18n-context.js';
import type { SubscriptionKind, SubscriptionListing } from '../subscription.repo.js';
import { SubscribeForm, type SubscribeFormProps } from './SubscribeForm.js';

const articleLink = (slug: string) => (chunks: ComponentChildren) => <a href={`/articles/${slug}`}>{chunks}</a>;

export function SubscribePage(p: SubscribeFormProps & { headline: string; slug: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="narrow subscription-page">
      <h1>{t('subscriptions.subscribe_heading')}</h1>
      <p>{i18n.rich('subscriptions.subscribe_on', { headline: p.headline, link: articleLink(p.slug) })}</p>
      <SubscribeForm {...p} />
      {p.signedIn && (
        <p>
          <a href="/account/subscriptions">{t('subscriptions.your_subscriptions')}</a>
        </p>
      )}
    </div>
  );
}

/** The same answer whatever happened: it must not tell whether the address is known or was mailed. */
export function SubscribeSentPage({ headline, slug }: { headline: string; slug: string }) {
  const { t } = useI18n();
  return (
    <div class="narrow subscription-page">
      <h1>{t('subscriptions.sent_heading')}</h1>
      <p class="notice notice-ok" role="status">
        {t('subscriptions.sent_notice')}
      </p>
      <p>{t('subscriptions.sent_hint')}</p>
      <p>
        <a href={`/articles/${slug}#comments`}>{t('subscriptions.back_to', { headline })}</a>
      </p>
    </div>
  );
}

export function ConfirmPage({
  token,
  csrfToken,
  headline,
  slug,
  kind,
  isChange,
}: {
  token: string;
  csrfToken: string;
  headline: string;
  slug: string;
  kind: SubscriptionKind;
  isChange: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="narrow subscription-page">
      <h1>{t(isChange ? 'subscriptions.confirm_change_heading' : 'subscriptions.confirm_heading')}</h1>
      <p>{i18n.rich('subscriptions.confirm_what', { kind, headline, link: articleLink(slug) })}</p>
      <form method="post" action="/subscriptions/confirm">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="token" value={token} />
        <button type="submit">
          {t(isChange ? 'subscriptions.confirm_change_button' : 'subscriptions.confirm_button')}
        </button>
      </form>
      <p class="hint">{t('subscriptions.confirm_hint')}</p>
    </div>
  );
}

export function UnsubscribePage({
  token,
  subscription: s,
}: {
  token: string;
  subscription: SubscriptionListing | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="narrow subscription-page">
      <h1>{t('subscriptions.unsubscribe_heading')}</h1>
      {s && s.status !== 'unsubscribed' ? (
        <>
          <p>
            {i18n.rich('subscriptions.unsubscribe_what', {
              kind: s.kind,
              headline: s.headline,
              link: articleLink(s.slug),
            })}
          </p>
          {/* No CSRF token: the unguessable link token is the credential (RFC 8058 one-click works the same way). */}
          <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
            <button type="submit">{t('subscriptions.unsubscribe_button')}</button>
          </form>
        </>
      ) : (
        <p class="notice" role="status">
          {s
            ? i18n.rich('subscriptions.not_subscribed_article', { headline: s.headline, link: articleLink(s.slug) })
            : t('subscriptions.not_subscribed')}
        </p>
      )}
      <p>
        <a href="/subscriptions/manage/link">{t('subscriptions.manage_all')}</a>
      </p>
    </div>
  );
}

export function UnsubscribedPage({ subscription: s }: { subscription: SubscriptionListing | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="narrow subscription-page">
      <h1>{t('subscriptions.unsubscribed_heading')}</h1>
      <p class="notice notice-ok" role="status">
        {s
          ? i18n.rich('subscriptions.unsubscribed_article', { headline: s.headline, link: articleLink(s.slug) })
          : t('subscriptions.unsubscribed')}
      </p>
      {s && (
        <p>
          {i18n.rich('subscriptions.subscribe_again', {
            link: (chunks: ComponentChildren) => <a href={`/subscriptions/new?article=${s.articleId}`}>{chunks}</a>,
          })}
        </p>
      )}
      <p>
        <a href="/subscriptions/manage/link">{t('subscriptions.manage_all')}</a>
      </p>
    </div>
  );
}

/** A link that cannot be used (expired, used, or mistyped), with the way forward. */
export function LinkProblemPage({
  title,
  message,
  code,
  next,
}: {
  title: string;
  message: string;
  /** The error's code (docs/errors.md), marked on the notice. */
  code?: string;
  next?: { href: string; label: string };
}) {
  return (
    <div class="narrow subscription-page">
      <h1>{title}</h1>
      <p class="notice notice-error" role="alert" data-error-code={code}>
        {message}
      </p>
      {next && (
        <p>
          <a href={next.href}>{next.label}</a>
        </p>
      )}
    </div>
  );
}
