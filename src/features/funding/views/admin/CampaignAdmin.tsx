import { AdminNav } from '../../../../web/components/AdminNav.js';
import { formatMajorPlain } from '../../../../lib/money.js';
import { useI18n } from '../../../../web/i18n-context.js';
import type { Campaign } from '../../campaign.types.js';
import type { CampaignForm } from '../../campaign.service.js';
import { MESSAGE_MAX } from '../../campaign.service.js';
import type { AmountRules, GivingSettings } from '../../giving-settings.js';
import { ErrorSummary, FieldError, TextField, errorProps, type FieldErrors } from '../form-bits.js';

/** The visually hidden part of an action's name ("Edit<hidden> June 2026</hidden>"). */
const hidden = (chunks: string[]) => <span class="visually-hidden">{chunks}</span>;

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
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page">
      <h1>{t('funding.campaigns_heading')}</h1>
      <AdminNav role={p.role} current="/admin/campaigns" />
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p>
        <a class="button" href="/admin/campaigns/new">
          {t('funding.campaign_new')}
        </a>
      </p>
      {p.campaigns.length === 0 ? (
        <p>{t('funding.campaigns_empty', { carryOver: p.settings.carryOver ? 'yes' : 'no' })}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('funding.campaigns_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('funding.col_month')}</th>
                <th scope="col">{t('funding.col_goal')}</th>
                <th scope="col">{t('funding.col_raised')}</th>
                <th scope="col">{t('funding.col_gifts')}</th>
                <th scope="col">{t('funding.col_milestones')}</th>
                <th scope="col">{t('funding.col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {p.campaigns.map((c) => (
                <tr>
                  <th scope="row">{i18n.month(c.month)}</th>
                  <td>{i18n.money(c.goalMinor, c.currency)}</td>
                  <td>{i18n.money(c.raisedMinor, c.currency)}</td>
                  <td>{i18n.number(c.giftCount)}</td>
                  <td>{c.ticks.map((tick) => i18n.money(tick, c.currency)).join(' / ')}</td>
                  <td class="actions">
                    <a href={`/admin/campaigns/${c.id}/edit`}>
                      {i18n.rich('funding.action_edit', { what: i18n.month(c.month), hidden })}
                    </a>
                    <form method="post" action={`/admin/campaigns/${c.id}/delete`} class="inline-form">
                      <input type="hidden" name="_csrf" value={p.csrfToken} />
                      <button type="submit" class="link-button">
                        {i18n.rich('funding.action_delete', { what: i18n.month(c.month), hidden })}
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
  const { t } = useI18n();
  const { currency, rules } = p.rules;
  const errors = p.settingsErrors;
  return (
    <section aria-labelledby="giving-heading">
      <h2 id="giving-heading">{t('funding.settings_heading')}</h2>
      <form class="form" method="post" action="/admin/campaigns/settings">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <ErrorSummary
          errors={errors}
          code={p.errorCode}
          labels={{
            defaultCurrency: t('funding.settings_default_currency'),
            currency: t('funding.label_currency'),
            presets: t('funding.settings_presets'),
            min: t('funding.settings_min'),
            max: t('funding.settings_max'),
          }}
        />
        <TextField
          name="defaultCurrency"
          label={t('funding.settings_default_currency')}
          value={p.settings.defaultCurrency}
          errors={errors}
          maxLength={3}
          required
          hint={t('funding.settings_default_currency_hint')}
        />
        <label class="check">
          <input type="checkbox" name="carryOver" value="yes" checked={p.settings.carryOver} />{' '}
          {t('funding.settings_carry_over')}
        </label>
        <div class="field">
          <label for="f-offlineInstructions">{t('funding.settings_offline')}</label>
          <textarea id="f-offlineInstructions" name="offlineInstructions" rows={4} maxLength={2000}>
            {p.settings.offlineInstructions}
          </textarea>
        </div>
        <fieldset>
          <legend>{t('funding.settings_amounts_legend')}</legend>
          <TextField
            name="currency"
            label={t('funding.label_currency')}
            value={currency}
            errors={errors}
            maxLength={3}
            required
          />
          <TextField
            name="presets"
            label={t('funding.settings_presets')}
            value={rules.presets.map((m) => formatMajorPlain(m, currency)).join(', ')}
            errors={errors}
            required
            hint={t('funding.settings_presets_hint')}
          />
          <TextField
            name="min"
            label={t('funding.settings_min')}
            value={formatMajorPlain(rules.minMinor, currency)}
            errors={errors}
            required
            inputMode="decimal"
          />
          <TextField
            name="max"
            label={t('funding.settings_max')}
            value={formatMajorPlain(rules.maxMinor, currency)}
            errors={errors}
            required
            inputMode="decimal"
          />
        </fieldset>
        <div>
          <button type="submit">{t('funding.settings_submit')}</button>
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
  const { t } = useI18n();
  const errors = p.errors;
  return (
    <div class="admin-page">
      <h1>{t(p.campaignId ? 'funding.campaign_edit' : 'funding.campaign_new')}</h1>
      <AdminNav role={p.role} current="/admin/campaigns" />
      <form class="form" method="post" action={p.campaignId ? `/admin/campaigns/${p.campaignId}` : '/admin/campaigns'}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <ErrorSummary
          errors={errors}
          code={p.errorCode}
          labels={{
            month: t('funding.col_month'),
            goal: t('funding.col_goal'),
            currency: t('funding.label_currency'),
            ticks: t('funding.col_milestones'),
            message: t('funding.label_public_message'),
          }}
        />
        <TextField
          name="month"
          label={t('funding.col_month')}
          type="month"
          value={p.values.month}
          errors={errors}
          required
          hint={t('funding.campaign_month_hint')}
        />
        <TextField
          name="currency"
          label={t('funding.label_currency')}
          value={p.values.currency}
          errors={errors}
          required
          maxLength={3}
          hint={t('funding.campaign_currency_hint')}
        />
        <TextField
          name="goal"
          label={t('funding.col_goal')}
          value={p.values.goal}
          errors={errors}
          required
          inputMode="decimal"
          hint={t('funding.campaign_goal_hint')}
        />
        <TextField
          name="ticks"
          label={t('funding.col_milestones')}
          value={p.values.ticks}
          errors={errors}
          hint={t('funding.campaign_ticks_hint')}
        />
        <div class="field">
          <label for="f-message">{t('funding.campaign_message')}</label>
          <textarea id="f-message" name="message" rows={3} maxLength={MESSAGE_MAX} {...errorProps(errors, 'message')}>
            {p.values.message}
          </textarea>
          <FieldError errors={errors} name="message" />
        </div>
        <div>
          <button type="submit">{t(p.campaignId ? 'funding.campaign_save' : 'funding.campaign_create')}</button>{' '}
          <a href="/admin/campaigns">{t('funding.cancel')}</a>
        </div>
      </form>
    </div>
  );
}
