import { AdminNav } from '../../../../web/components/AdminNav.js';
import { formatMajorPlain, formatMoney } from '../../../../lib/money.js';
import type { Campaign } from '../../campaign.types.js';
import type { CampaignForm } from '../../campaign.service.js';
import { MESSAGE_MAX } from '../../campaign.service.js';
import { monthLabel } from '../../goal.js';
import type { AmountRules, GivingSettings } from '../../giving-settings.js';
import { ErrorSummary, FieldError, TextField, errorProps, type FieldErrors } from '../form-bits.js';

export function CampaignListPage(p: {
  role: string;
  campaigns: Campaign[];
  csrfToken: string;
  notice: string | null;
  settings: GivingSettings;
  rules: { currency: string; rules: AmountRules };
  settingsErrors: FieldErrors;
  /** The code of the error the settings form came back with (marked on its summary). */
  errorCode?: string;
}) {
  return (
    <div class="admin-page">
      <h1>Campaigns</h1>
      <AdminNav role={p.role} current="/admin/campaigns" />
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p>
        <a class="button" href="/admin/campaigns/new">
          New campaign
        </a>
      </p>
      {p.campaigns.length === 0 ? (
        <p>
          No campaigns yet. Without one, a month shows no goal bar
          {p.settings.carryOver ? ' (or carries the last goal)' : ''}.
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Campaigns, newest month first</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Goal</th>
                <th scope="col">Raised</th>
                <th scope="col">Gifts</th>
                <th scope="col">Milestones</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {p.campaigns.map((c) => (
                <tr>
                  <th scope="row">{monthLabel(c.month)}</th>
                  <td>{formatMoney(c.goalMinor, c.currency)}</td>
                  <td>{formatMoney(c.raisedMinor, c.currency)}</td>
                  <td>{c.giftCount}</td>
                  <td>{c.ticks.map((t) => formatMoney(t, c.currency)).join(' / ')}</td>
                  <td class="actions">
                    <a href={`/admin/campaigns/${c.id}/edit`}>
                      Edit<span class="visually-hidden"> {monthLabel(c.month)}</span>
                    </a>
                    <form method="post" action={`/admin/campaigns/${c.id}/delete`} class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrfToken} />
                      <button type="submit" class="link-button">
                        Delete<span class="visually-hidden"> {monthLabel(c.month)}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <GivingSettingsForm {...p} />
    </div>
  );
}

function GivingSettingsForm(p: {
  settings: GivingSettings;
  rules: { currency: string; rules: AmountRules };
  csrfToken: string;
  settingsErrors: FieldErrors;
  errorCode?: string;
}) {
  const { currency, rules } = p.rules;
  const errors = p.settingsErrors;
  return (
    <section aria-labelledby="giving-heading">
      <h2 id="giving-heading">Giving settings</h2>
      <form class="form" method="post" action="/admin/campaigns/settings">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <ErrorSummary
          errors={errors}
          code={p.errorCode}
          labels={{
            defaultCurrency: 'Default currency',
            currency: 'Currency',
            presets: 'Preset amounts',
            min: 'Smallest gift',
            max: 'Largest gift',
          }}
        />
        <TextField
          name="defaultCurrency"
          label="Default currency"
          value={p.settings.defaultCurrency}
          errors={errors}
          maxLength={3}
          required
          hint="Used for online gifts in a month without a campaign; otherwise the campaign's currency is used."
        />
        <label class="check">
          <input type="checkbox" name="carryOver" value="yes" checked={p.settings.carryOver} /> A month without a
          campaign carries the last goal (otherwise it shows no bar).
        </label>
        <div class="field">
          <label for="f-offlineInstructions">Other ways to give (shown on the donation page)</label>
          <textarea id="f-offlineInstructions" name="offlineInstructions" rows={4} maxLength={2000}>
            {p.settings.offlineInstructions}
          </textarea>
        </div>
        <fieldset>
          <legend>Amounts for one currency</legend>
          <TextField name="currency" label="Currency" value={currency} errors={errors} maxLength={3} required />
          <TextField
            name="presets"
            label="Preset amounts"
            value={rules.presets.map((m) => formatMajorPlain(m, currency)).join(', ')}
            errors={errors}
            required
            hint="Comma-separated, in major units (e.g. 5, 10, 25, 50, 100)."
          />
          <TextField
            name="min"
            label="Smallest gift"
            value={formatMajorPlain(rules.minMinor, currency)}
            errors={errors}
            required
            inputMode="decimal"
          />
          <TextField
            name="max"
            label="Largest gift"
            value={formatMajorPlain(rules.maxMinor, currency)}
            errors={errors}
            required
            inputMode="decimal"
          />
        </fieldset>
        <div>
          <button type="submit">Save giving settings</button>
        </div>
      </form>
    </section>
  );
}

export function CampaignFormPage(p: {
  role: string;
  csrfToken: string;
  values: CampaignForm;
  errors: FieldErrors;
  /** The code of the error the form came back with (marked on its summary). */
  errorCode?: string;
  campaignId: number | null;
}) {
  const errors = p.errors;
  return (
    <div class="admin-page">
      <h1>{p.campaignId ? 'Edit campaign' : 'New campaign'}</h1>
      <AdminNav role={p.role} current="/admin/campaigns" />
      <form class="form" method="post" action={p.campaignId ? `/admin/campaigns/${p.campaignId}` : '/admin/campaigns'}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <ErrorSummary
          errors={errors}
          code={p.errorCode}
          labels={{ month: 'Month', goal: 'Goal', currency: 'Currency', ticks: 'Milestones', message: 'Message' }}
        />
        <TextField
          name="month"
          label="Month"
          type="month"
          value={p.values.month}
          errors={errors}
          required
          hint="YYYY-MM, e.g. 2026-06."
        />
        <TextField
          name="currency"
          label="Currency"
          value={p.values.currency}
          errors={errors}
          required
          maxLength={3}
          hint="ISO code: USD, EUR, JPY… Only gifts in this currency count toward the bar."
        />
        <TextField
          name="goal"
          label="Goal"
          value={p.values.goal}
          errors={errors}
          required
          inputMode="decimal"
          hint="In major units, e.g. 5000."
        />
        <TextField
          name="ticks"
          label="Milestones"
          value={p.values.ticks}
          errors={errors}
          hint="Comma and space between them, ascending, from 0 to the goal, e.g. 0, 2500, 5000. Empty: 0 and the goal."
        />
        <div class="field">
          <label for="f-message">Message (optional)</label>
          <textarea id="f-message" name="message" rows={3} maxLength={MESSAGE_MAX} {...errorProps(errors, 'message')}>
            {p.values.message}
          </textarea>
          <FieldError errors={errors} name="message" />
        </div>
        <div>
          <button type="submit">{p.campaignId ? 'Save campaign' : 'Create campaign'}</button>{' '}
          <a href="/admin/campaigns">Cancel</a>
        </div>
      </form>
    </div>
  );
}
