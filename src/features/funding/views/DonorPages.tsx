/** Pages a donor sees after giving: thanks, manage a monthly gift, the Supporter badge. */
import { LocalTime as DateTime } from './LocalTime.js';
import { useI18n } from '../../../web/i18n-context.js';
import type { Donation, Pledge } from '../donation.types.js';
import { ErrorSummary, TextField, type FieldErrors } from './form-bits.js';

/** After Checkout. It reads, never writes: only the verified webhook confirms a gift. */
export function ThanksPage({ siteName, gift }: { siteName: string; gift: Donation | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="narrow donate-done">
      <h1>{t('funding.thanks_heading')}</h1>
      {gift && gift.status === 'confirmed' ? (
        <p role="status">
          {i18n.rich('funding.thanks_confirmed', {
            frequency: gift.frequency,
            amount: i18n.money(gift.amountMinor, gift.currency),
            month: i18n.month(gift.month),
            b: (chunks: string[]) => <strong>{chunks}</strong>,
          })}
        </p>
      ) : (
        <p role="status">{t('funding.thanks_pending')}</p>
      )}
      <p>{t('funding.thanks_readers', { site: siteName })}</p>
      <p>
        <a href="/">{t('funding.thanks_back')}</a> · <a href="/ledger">{t('funding.ledger_link')}</a>
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
  const { t } = useI18n();
  return (
    <div class="narrow">
      <h1>{t('funding.manage_heading')}</h1>
      {sent ? (
        <p class="notice notice-ok" role="status">
          {t('funding.manage_sent')}
        </p>
      ) : (
        <p>{t('funding.manage_intro')}</p>
      )}
      <form class="form" method="post" action="/donate/manage">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <ErrorSummary errors={errors} labels={{ email: t('funding.label_email') }} />
        <TextField
          name="email"
          label={t('funding.label_email')}
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          value={email}
          errors={errors}
        />
        <div>
          <button type="submit">{t('funding.manage_submit')}</button>
        </div>
      </form>
    </div>
  );
}

export function ManagePledgePage({ pledge, token, csrfToken }: { pledge: Pledge; token: string; csrfToken: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const amount =
    pledge.amountMinor > 0 ? i18n.money(pledge.amountMinor, pledge.currency) : t('funding.pledge_amount_unknown');
  return (
    <div class="narrow">
      <h1>{t('funding.pledge_heading')}</h1>
      <p>
        {i18n.rich('funding.pledge_since', {
          amount,
          b: (chunks: string[]) => <strong>{chunks}</strong>,
          since: <DateTime iso={pledge.startedAt} />,
        })}
      </p>
      {pledge.status === 'ended' ? (
        <p class="notice" role="status">
          {i18n.rich('funding.pledge_ended', {
            ended: pledge.endedAt ? 'yes' : 'no',
            date: pledge.endedAt ? <DateTime iso={pledge.endedAt} /> : '',
            link: (chunks: string[]) => <a href="/donate">{chunks}</a>,
          })}
        </p>
      ) : (
        <form method="post" action={`/donate/manage/${pledge.id}`}>
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="t" value={token} />
          <p>{t('funding.pledge_stripe_hint')}</p>
          <button type="submit">{t('funding.pledge_manage_submit')}</button>
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
  const i18n = useI18n();
  const { t } = i18n;
  const shown = optedIn && gave;
  const b = (chunks: string[]) => <strong>{chunks}</strong>;
  const badge = (chunks: string[]) => <span class="badge badge-supporter">{chunks}</span>;
  return (
    <div class="narrow supporter-page">
      <h1>{t('funding.supporter_heading')}</h1>
      {saved && (
        <p class="notice notice-ok" role="status">
          {t('funding.supporter_saved', { shown: optedIn ? 'yes' : 'no' })}
        </p>
      )}
      <p>
        {i18n.rich('funding.supporter_state', {
          whose: token ? 'link' : 'account',
          email: maskEmail(email),
          state: shown ? 'shown' : 'hidden',
          chosen: optedIn && !gave ? 'yes' : 'no',
          b,
        })}
      </p>
      {!gave && (
        <p>{i18n.rich('funding.supporter_not_yet', { link: (chunks: string[]) => <a href="/donate">{chunks}</a> })}</p>
      )}
      <p>{i18n.rich('funding.supporter_explain', { badge })}</p>
      <form method="post" action="/supporter">
        <input type="hidden" name="_csrf" value={csrfToken} />
        {token && <input type="hidden" name="t" value={token} />}
        <input type="hidden" name="show" value={optedIn ? 'no' : 'yes'} />
        <button type="submit">{t(optedIn ? 'funding.supporter_hide' : 'funding.supporter_show')}</button>
      </form>
    </div>
  );
}

/** /supporter for a reader who is not signed in and has no receipt link. */
export function SupporterSignInPage() {
  const i18n = useI18n();
  return (
    <div class="narrow supporter-page">
      <h1>{i18n.t('funding.supporter_heading')}</h1>
      <p>
        {i18n.rich('funding.supporter_sign_in_intro', {
          badge: (chunks: string[]) => <span class="badge badge-supporter">{chunks}</span>,
        })}
      </p>
      <p>
        {i18n.rich('funding.supporter_sign_in', {
          login: (chunks: string[]) => <a href="/login?next=%2Fsupporter">{chunks}</a>,
          signup: (chunks: string[]) => <a href="/signup?next=%2Fsupporter">{chunks}</a>,
        })}
      </p>
    </div>
  );
}
