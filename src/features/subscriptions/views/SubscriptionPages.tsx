/** The reader's pages of the double opt-in and the one-click unsubscribe. */
import { kindPhrase } from '../subscription-mail.js';
import type { SubscriptionKind, SubscriptionListing } from '../subscription.repo.js';
import { SubscribeForm, type SubscribeFormProps } from './SubscribeForm.js';

export function SubscribePage(p: SubscribeFormProps & { headline: string; slug: string }) {
  return (
    <div class="narrow subscription-page">
      <h1>Get new comments by e-mail</h1>
      <p>
        On <a href={`/articles/${p.slug}`}>{p.headline}</a>
      </p>
      <SubscribeForm {...p} />
      {p.signedIn && (
        <p>
          <a href="/account/subscriptions">Your subscriptions</a>
        </p>
      )}
    </div>
  );
}

/** The same answer whatever happened: it must not tell whether the address is known or was mailed. */
export function SubscribeSentPage({ headline, slug }: { headline: string; slug: string }) {
  return (
    <div class="narrow subscription-page">
      <h1>Check your inbox</h1>
      <p class="notice notice-ok" role="status">
        If the address can receive mail, a confirmation link is on its way (unless one was sent recently). Nothing else
        is sent until you follow it.
      </p>
      <p>The link works for 7 days. No mail? Look in the spam folder, or ask again in an hour.</p>
      <p>
        <a href={`/articles/${slug}#comments`}>Back to “{headline}”</a>
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
  return (
    <div class="narrow subscription-page">
      <h1>{isChange ? 'Confirm the change' : 'Confirm your subscription'}</h1>
      <p>
        E-mail me {kindPhrase(kind)} on <a href={`/articles/${slug}`}>{headline}</a>.
      </p>
      <form method="post" action="/subscriptions/confirm">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="token" value={token} />
        <button type="submit">Yes, {isChange ? 'change it' : 'subscribe me'}</button>
      </form>
      <p class="hint">
        We ask you to press the button because some mail systems open links on their own; only a person confirms.
      </p>
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
  return (
    <div class="narrow subscription-page">
      <h1>Unsubscribe</h1>
      {s && s.status !== 'unsubscribed' ? (
        <>
          <p>
            Stop e-mailing me {kindPhrase(s.kind)} on <a href={`/articles/${s.slug}`}>{s.headline}</a>.
          </p>
          {/* No CSRF token: the unguessable link token is the credential (RFC 8058 one-click works the same way). */}
          <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`}>
            <button type="submit">Unsubscribe</button>
          </form>
        </>
      ) : (
        <p class="notice" role="status">
          You are not subscribed to{' '}
          {s ? (
            <>
              comments on <a href={`/articles/${s.slug}`}>{s.headline}</a>
            </>
          ) : (
            'these comments'
          )}{' '}
          any more.
        </p>
      )}
      <p>
        <a href="/subscriptions/manage/link">Manage all your subscriptions</a>
      </p>
    </div>
  );
}

export function UnsubscribedPage({ subscription: s }: { subscription: SubscriptionListing | null }) {
  return (
    <div class="narrow subscription-page">
      <h1>You are unsubscribed</h1>
      <p class="notice notice-ok" role="status">
        We will not e-mail you about{' '}
        {s ? (
          <>
            comments on <a href={`/articles/${s.slug}`}>{s.headline}</a>
          </>
        ) : (
          'these comments'
        )}{' '}
        any more.
      </p>
      {s && (
        <p>
          Changed your mind? <a href={`/subscriptions/new?article=${s.articleId}`}>Subscribe again</a> (we will ask you
          to confirm).
        </p>
      )}
      <p>
        <a href="/subscriptions/manage/link">Manage all your subscriptions</a>
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
