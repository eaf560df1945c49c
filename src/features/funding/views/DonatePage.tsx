import { useI18n } from '../../../web/i18n-context.js';
import type { Campaign } from '../campaign.types.js';
import type { DonateForm, GivingOptions } from '../donation.service.js';
import { NAME_MAX, PUBLIC_MESSAGE_MAX } from '../donation.service.js';
import { ErrorSummary, FieldError, TextField, errorProps, type FieldErrors } from './form-bits.js';

export interface DonatePageProps {
  siteName: string;
  campaign: Campaign | null;
  options: GivingOptions;
  canCharge: boolean;
  csrfToken: string;
  values: Partial<DonateForm> & { nonce: string };
  errors: FieldErrors;
  cancelled: boolean;
  /** A failure that is not about one field (payment service down). */
  problem?: string;
  /** The code of the error the form came back with (marked on its summary or notice). */
  errorCode?: string;
}

/** The form's fields, by the catalogue key of their name in the error summary. */
const LABEL_KEYS = {
  frequency: 'funding.label_frequency',
  amount: 'funding.label_amount',
  email: 'funding.label_email',
  publicName: 'funding.label_public_name',
  publicMessage: 'funding.label_public_message',
  wallConsent: 'funding.label_wall_consent',
};

export function DonatePage(p: DonatePageProps) {
  const { t } = useI18n();
  return (
    <div class="donate">
      <h1>{t('funding.donate_heading', { site: p.siteName })}</h1>
      <p class="standfirst">{t('funding.donate_standfirst', { site: p.siteName })}</p>
      {p.campaign && <CampaignSummary campaign={p.campaign} />}
      {p.cancelled && (
        <p class="notice" role="status">
          {t('funding.donate_cancelled')}
        </p>
      )}
      {p.problem && (
        <p class="notice notice-error" role="alert" data-error-code={p.errorCode}>
          {p.problem}
        </p>
      )}
      {p.canCharge ? (
        <DonateFormView {...p} />
      ) : (
        <p class="notice" id="online-giving-off">
          {t('funding.donate_online_off', { offline: p.options.offlineInstructions ? 'yes' : 'no' })}
        </p>
      )}
      {p.options.offlineInstructions && (
        <section class="offline-giving" aria-labelledby="offline-heading">
          <h2 id="offline-heading">{t('funding.donate_other_ways')}</h2>
          <p class="preformatted">{p.options.offlineInstructions}</p>
        </section>
      )}
      <p class="donate-links">
        <a href="/donate/manage">{t('funding.donate_manage_link')}</a> ·{' '}
        <a href="/ledger">{t('funding.ledger_link')}</a>
      </p>
    </div>
  );
}

function CampaignSummary({ campaign: c }: { campaign: Campaign }) {
  const i18n = useI18n();
  return (
    <section class="donate-campaign" aria-labelledby="campaign-heading">
      <h2 id="campaign-heading">{i18n.t('funding.donate_campaign_heading', { month: i18n.month(c.month) })}</h2>
      <p>
        {i18n.rich('funding.donate_campaign_progress', {
          raised: i18n.money(c.raisedMinor, c.currency),
          goal: i18n.money(c.goalMinor, c.currency),
          count: c.giftCount,
          b: (chunks: string[]) => <strong>{chunks}</strong>,
        })}
      </p>
      {c.message && <p>{c.message}</p>}
    </section>
  );
}

function DonateFormView(p: DonatePageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { currency, rules } = p.options;
  const labels = Object.fromEntries(Object.entries(LABEL_KEYS).map(([k, key]) => [k, t(key)]));
  const v = p.values;
  const frequency = v.frequency === 'monthly' ? 'monthly' : 'one_off';
  const custom = (v.customAmount ?? '').trim() !== '' || v.amount === 'custom';
  const selected = custom ? 'custom' : (v.amount ?? String(rules.presets[1] ?? rules.presets[0]));
  return (
    <form class="form donate-form" method="post" action="/donate">
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <input type="hidden" name="nonce" value={v.nonce} />
      <ErrorSummary errors={p.errors} labels={labels} code={p.errorCode} />
      <fieldset class="choice-group" id="f-frequency" {...errorProps(p.errors, 'frequency')}>
        <legend>{t('funding.donate_frequency_legend')}</legend>
        <label class="choice">
          <input type="radio" name="frequency" value="one_off" checked={frequency === 'one_off'} />{' '}
          {t('funding.donate_once')}
        </label>
        <label class="choice">
          <input type="radio" name="frequency" value="monthly" checked={frequency === 'monthly'} />{' '}
          {t('funding.donate_monthly')}
        </label>
        <FieldError errors={p.errors} name="frequency" />
      </fieldset>
      <fieldset
        class="choice-group amounts"
        id="f-amount"
        aria-describedby={['amount-hint', p.errors.amount ? 'amount-error' : ''].filter(Boolean).join(' ')}
      >
        <legend>{t('funding.donate_amount_legend', { currency })}</legend>
        <p class="hint" id="amount-hint">
          {t('funding.donate_amount_hint', {
            min: i18n.money(rules.minMinor, currency),
            max: i18n.money(rules.maxMinor, currency),
          })}
        </p>
        {rules.presets.map((minor) => (
          <label class="choice amount-choice">
            <input type="radio" name="amount" value={String(minor)} checked={selected === String(minor)} />{' '}
            {i18n.money(minor, currency)}
          </label>
        ))}
        <label class="choice amount-choice">
          <input type="radio" name="amount" value="custom" checked={selected === 'custom'} data-custom-radio />{' '}
          {t('funding.donate_other_amount')}
        </label>
        <div class="field custom-amount">
          <label for="f-customAmount">{t('funding.donate_other_amount_in', { currency })}</label>
          <input
            id="f-customAmount"
            name="customAmount"
            type="text"
            inputMode={currency === 'JPY' ? 'numeric' : 'decimal'}
            autoComplete="off"
            value={v.customAmount ?? ''}
            {...errorProps(p.errors, 'amount')}
          />
        </div>
        <FieldError errors={p.errors} name="amount" />
      </fieldset>
      <TextField
        name="email"
        label={t('funding.donate_email_label')}
        type="email"
        inputMode="email"
        autoComplete="email"
        required
        maxLength={254}
        value={v.email ?? ''}
        errors={p.errors}
        hint={t('funding.donate_email_hint')}
      />
      <fieldset class="wall-group">
        <legend>{t('funding.donate_wall_legend')}</legend>
        <p class="hint" id="wall-hint">
          {t('funding.donate_wall_hint')}
        </p>
        <TextField
          name="publicName"
          label={t('funding.donate_public_name')}
          maxLength={NAME_MAX}
          value={v.publicName ?? ''}
          errors={p.errors}
          autoComplete="name"
        />
        <div class="field">
          <label for="f-publicMessage">{t('funding.donate_public_message')}</label>
          <textarea
            id="f-publicMessage"
            name="publicMessage"
            rows={3}
            maxLength={PUBLIC_MESSAGE_MAX}
            {...errorProps(p.errors, 'publicMessage')}
          >
            {v.publicMessage ?? ''}
          </textarea>
          <FieldError errors={p.errors} name="publicMessage" />
        </div>
        <label class="check" id="f-wallConsent">
          <input
            type="checkbox"
            name="wallConsent"
            value="yes"
            checked={v.wallConsent === 'yes'}
            {...errorProps(p.errors, 'wallConsent', 'wall-hint')}
          />{' '}
          {t('funding.donate_wall_consent', { site: p.siteName })}
        </label>
        <FieldError errors={p.errors} name="wallConsent" />
      </fieldset>
      <label class="check">
        <input type="checkbox" name="badge" value="yes" checked={v.badge === 'yes'} /> {t('funding.donate_badge')}
      </label>
      <p class="hint">{t('funding.donate_stripe_hint', { site: p.siteName })}</p>
      <div>
        <button type="submit" class="button-support">
          {t('funding.donate_submit')}
        </button>
      </div>
    </form>
  );
}
