/** Pages a donor sees after giving: thanks, manage a monthly gift, the Supporter badge. */
import { DateTime } from '../../../web/components/Meta.js';
import { formatMoney } from '../../../lib/money.js';
import type { Donation, Pledge } from '../donation.types.js';
import { monthLabel } from '../goal.js';
import { ErrorSummary, TextField, type FieldErrors } from './form-bits.js';

/** After Checkout. It reads, never writes: only the verified webhook confirms a gift. */
export function ThanksPage({ siteName, gift }: { siteName: string; gift: Donation | undefined }) {
  return (
    <div class="narrow donate-done">
      <h1>Thank you</h1>
      {gift && gift.status === 'confirmed' ? (
        <p role="status">
          Your {gift.frequency === 'monthly' ? 'monthly ' : ''}gift of{' '}
          <strong>{formatMoney(gift.amountMinor, gift.currency)}</strong> is confirmed and counts toward our goal for{' '}
          {monthLabel(gift.month)}. A receipt is on its way to your inbox.
        </p>
      ) : (
        <p role="status">
          Thank you — your gift will appear once the payment is confirmed. This usually takes a few seconds; your
          receipt will arrive by e-mail.
        </p>
      )}
      <p>Readers like you keep {siteName} independent.</p>
      <p>
        <a href="/">Back to the news</a> · <a href="/ledger">See where the money goes</a>
      </p>
    </div>
  );
}

export function ManageRequestPage({
  csrfToken,
  email,
  errors,
  sent,
}: {
  csrfToken: string;
  email: string;
  errors: FieldErrors;
  sent: boolean;
}) {
  return (
    <div class="narrow">
      <h1>Manage a monthly gift</h1>
      {sent ? (
        <p class="notice notice-ok" role="status">
          If that address has a monthly gift, a link to manage it is on its way. It may take a few minutes.
        </p>
      ) : (
        <p>
          Each receipt for a monthly gift has a link to change or cancel it. Lost it? Enter the address you gave with
          and we will send a new one.
        </p>
      )}
      <form class="form" method="post" action="/donate/manage">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <ErrorSummary errors={errors} labels={{ email: 'E-mail' }} />
        <TextField
          name="email"
          label="E-mail"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          errors={errors}
        />
        <div>
          <button type="submit">Send me the link</button>
        </div>
      </form>
    </div>
  );
}

export function ManagePledgePage({ pledge, token, csrfToken }: { pledge: Pledge; token: string; csrfToken: string }) {
  const amount = pledge.amountMinor > 0 ? formatMoney(pledge.amountMinor, pledge.currency) : 'Your gift';
  return (
    <div class="narrow">
      <h1>Your monthly gift</h1>
      <p>
        <strong>{amount}</strong> a month, since <DateTime iso={pledge.startedAt} />.
      </p>
      {pledge.status === 'ended' ? (
        <p class="notice" role="status">
          This monthly gift has ended
          {pledge.endedAt ? (
            <>
              {' ('}
              <DateTime iso={pledge.endedAt} />)
            </>
          ) : (
            ''
          )}
          . Thank you for your support. You can <a href="/donate">start a new one</a> at any time.
        </p>
      ) : (
        <form method="post" action={`/donate/manage/${pledge.id}`}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="t" value={token} />
          <p>Change the amount or card, or cancel, on Stripe’s secure page.</p>
          <button type="submit">Manage on Stripe</button>
        </form>
      )}
    </div>
  );
}

/** "y•••@example.com": enough for the donor to recognise, not a full address on a page. */
export const maskEmail = (e: string): string => e.replace(/^(.)[^@]*/, '$1•••');

export interface SupporterPageProps {
  email: string;
  gave: boolean;
  optedIn: boolean;
  /** The receipt link's token, posted back with the form; absent for the signed-in account's own page. */
  token?: string;
  csrfToken: string;
  saved: boolean;
}

/** The badge of one address: its state and one button that flips it (the receipt link, or a signed-in reader's own). */
export function SupporterPage({ email, gave, optedIn, token, csrfToken, saved }: SupporterPageProps) {
  const shown = optedIn && gave;
  return (
    <div class="narrow supporter-page">
      <h1>Supporter badge</h1>
      {saved && (
        <p class="notice notice-ok" role="status">
          Saved. {optedIn ? 'Your comments show the badge wherever it applies.' : 'The badge is hidden.'}
        </p>
      )}
      <p>
        {token ? (
          <>
            For <strong>{maskEmail(email)}</strong>
          </>
        ) : (
          <>
            For your account (<strong>{maskEmail(email)}</strong>)
          </>
        )}
        , the badge is currently <strong>{shown ? 'shown' : 'hidden'}</strong>
        {optedIn && !gave ? ' (you chose to show it)' : ''}.
      </p>
      {!gave && (
        <p>
          The badge appears once a gift from this address is confirmed.{' '}
          <a href="/donate">Give to support our reporting</a>.
        </p>
      )}
      <p>
        It appears as <span class="badge badge-supporter">Supporter</span> next to your name on comments you write while
        signed in with an account using this address. Comments posted as a guest never show it, because anyone can type
        an address into the guest form.
      </p>
      <form method="post" action="/supporter">
        <input type="hidden" name="_csrf" value={csrfToken} />
        {token && <input type="hidden" name="t" value={token} />}
        <input type="hidden" name="show" value={optedIn ? 'no' : 'yes'} />
        <button type="submit">{optedIn ? 'Hide the badge' : 'Show the badge'}</button>
      </form>
    </div>
  );
}

/** /supporter for a reader who is not signed in and has no receipt link. */
export function SupporterSignInPage() {
  return (
    <div class="narrow supporter-page">
      <h1>Supporter badge</h1>
      <p>
        Readers who give may show a <span class="badge badge-supporter">Supporter</span> badge on the comments they
        write while signed in.
      </p>
      <p>
        <a href="/login?next=%2Fsupporter">Sign in</a> (or <a href="/signup?next=%2Fsupporter">create an account</a>{' '}
        with the e-mail address you gave with) to show or hide yours, or use the link in the receipt we e-mailed you
        after your gift.
      </p>
    </div>
  );
}
