import { formatMoney } from '../../../lib/money.js';
import type { Campaign } from '../campaign.types.js';
import type { DonateForm, GivingOptions } from '../donation.service.js';
import { NAME_MAX, PUBLIC_MESSAGE_MAX } from '../donation.service.js';
import { monthLabel } from '../goal.js';
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

const LABELS = {
  frequency: 'How often',
  amount: 'Amount',
  email: 'E-mail',
  publicName: 'Name',
  publicMessage: 'Message',
  wallConsent: 'Donor wall',
};

export function DonatePage(p: DonatePageProps) {
  return (
    <div class="donate">
      <h1>Support {p.siteName}</h1>
      <p class="standfirst">
        {p.siteName} is paid for by its readers. Every gift keeps our reporting free for everyone.
      </p>
      {p.campaign && <CampaignSummary campaign={p.campaign} />}
      {p.cancelled && (
        <p class="notice" role="status">
          You left the payment page, so nothing was charged. You can try again below.
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
          Online giving is not set up yet, so card payments are not available right now.
          {p.options.offlineInstructions ? ' You can still give in the ways listed below.' : ''}
        </p>
      )}
      {p.options.offlineInstructions && (
        <section class="offline-giving" aria-labelledby="offline-heading">
          <h2 id="offline-heading">Other ways to give</h2>
          <p class="preformatted">{p.options.offlineInstructions}</p>
        </section>
      )}
      <p class="donate-links">
        <a href="/donate/manage">Manage or cancel a monthly gift</a> · <a href="/ledger">See where the money goes</a>
      </p>
    </div>
  );
}

function CampaignSummary({ campaign: c }: { campaign: Campaign }) {
  return (
    <section class="donate-campaign" aria-labelledby="campaign-heading">
      <h2 id="campaign-heading">Our goal for {monthLabel(c.month)}</h2>
      <p>
        <strong>{formatMoney(c.raisedMinor, c.currency)}</strong> raised of {formatMoney(c.goalMinor, c.currency)} from{' '}
        {c.giftCount} {c.giftCount === 1 ? 'gift' : 'gifts'}.
      </p>
      {c.message && <p>{c.message}</p>}
    </section>
  );
}

function DonateFormView(p: DonatePageProps) {
  const { currency, rules } = p.options;
  const v = p.values;
  const frequency = v.frequency === 'monthly' ? 'monthly' : 'one_off';
  const custom = (v.customAmount ?? '').trim() !== '' || v.amount === 'custom';
  const selected = custom ? 'custom' : (v.amount ?? String(rules.presets[1] ?? rules.presets[0]));
  return (
    <form class="form donate-form" method="post" action="/donate">
      <input type="hidden" name="_csrf" value={p.csrfToken} />
      <input type="hidden" name="nonce" value={v.nonce} />
      <ErrorSummary errors={p.errors} labels={LABELS} code={p.errorCode} />
      <fieldset class="choice-group" id="f-frequency" {...errorProps(p.errors, 'frequency')}>
        <legend>How often?</legend>
        <label class="choice">
          <input type="radio" name="frequency" value="one_off" checked={frequency === 'one_off'} /> Once
        </label>
        <label class="choice">
          <input type="radio" name="frequency" value="monthly" checked={frequency === 'monthly'} /> Every month
        </label>
        <FieldError errors={p.errors} name="frequency" />
      </fieldset>
      <fieldset
        class="choice-group amounts"
        id="f-amount"
        aria-describedby={['amount-hint', p.errors.amount ? 'amount-error' : ''].filter(Boolean).join(' ')}
      >
        <legend>Amount ({currency})</legend>
        <p class="hint" id="amount-hint">
          From {formatMoney(rules.minMinor, currency)} to {formatMoney(rules.maxMinor, currency)}.
        </p>
        {rules.presets.map((minor) => (
          <label class="choice amount-choice">
            <input type="radio" name="amount" value={String(minor)} checked={selected === String(minor)} />{' '}
            {formatMoney(minor, currency)}
          </label>
        ))}
        <label class="choice amount-choice">
          <input type="radio" name="amount" value="custom" checked={selected === 'custom'} data-custom-radio /> Other
          amount
        </label>
        <div class="field custom-amount">
          <label for="f-customAmount">Other amount in {currency}</label>
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
        label="E-mail for your receipt"
        type="email"
        inputMode="email"
        autoComplete="email"
        required
        maxLength={254}
        value={v.email ?? ''}
        errors={p.errors}
        hint="We send your receipt here. It is never shown publicly."
      />
      <fieldset class="wall-group">
        <legend>Donor wall (optional)</legend>
        <p class="hint" id="wall-hint">
          Leave these empty to give anonymously. We never show amounts or e-mail addresses.
        </p>
        <TextField
          name="publicName"
          label="Name to show"
          maxLength={NAME_MAX}
          value={v.publicName ?? ''}
          errors={p.errors}
          autoComplete="name"
        />
        <div class="field">
          <label for="f-publicMessage">Message to show</label>
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
          I agree that {p.siteName} may show this name and message on its public donor wall.
        </label>
        <FieldError errors={p.errors} name="wallConsent" />
      </fieldset>
      <label class="check">
        <input type="checkbox" name="badge" value="yes" checked={v.badge === 'yes'} /> Show a “Supporter” badge next to
        comments I write while signed in with this e-mail address.
      </label>
      <p class="hint">
        You pay on Stripe’s secure page; {p.siteName} never sees your card. Monthly gifts can be changed or cancelled at
        any time.
      </p>
      <div>
        <button type="submit" class="button-support">
          Continue to payment
        </button>
      </div>
    </form>
  );
}
