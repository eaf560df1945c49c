import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { ErrorSummary, SelectField, TextArea, TextField, fieldErrors } from '../../../web/forms.js';
import type { SiteIdentity } from '../../../platform/site-identity.js';
import { BrandForms } from './BrandForms.js';
import { useI18n } from '../../../web/i18n-context.js';

/** The form's fields as sent and shown (plain text; nothing here is ever rendered as HTML). */
export interface SiteValues {
  name?: string;
  tagline?: string;
  accent?: string;
  footer_text?: string;
  appeal?: string;
  time_zone?: string;
  type_pairing?: string;
  locale?: string;
}

/** Each field's label: its key in the catalogue. */
const LABELS = {
  name: 'admin.site_name',
  tagline: 'admin.site_tagline',
  accent: 'admin.site_accent',
  footer_text: 'admin.site_footer_text',
  appeal: 'admin.site_appeal',
  time_zone: 'admin.site_time_zone',
  type_pairing: 'admin.site_type_pairing',
  locale: 'admin.site_locale',
  logo: 'admin.brand_logo_heading',
  favicon: 'admin.brand_favicon_heading',
};

export function SiteSettingsPage(p: {
  role: string;
  csrf: string;
  values: SiteValues;
  defaultName: string;
  /** SITE_TIME_ZONE, or UTC. */
  defaultTimeZone: string;
  /** Every zone the server knows, by IANA name. */
  timeZones: string[];
  /** The type pairings on offer. */
  pairings: Array<{ value: string; label: string }>;
  /** The languages the site can speak, each named in itself. */
  locales: Array<{ value: string; label: string }>;
  /** The saved identity (its logo and favicon). */
  site: SiteIdentity;
  error?: AppError;
  notice?: string;
}) {
  const errors = fieldErrors(p.error);
  const v = p.values;
  const i18n = useI18n();
  const { t } = i18n;
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, key]) => [k, t(key)])) as typeof LABELS;
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/site" />
      <h1>{t('admin.site_title')}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary error={p.error} labels={labels} />
      <p>{i18n.rich('admin.site_intro', { link: (chunks: string[]) => <a href="/admin/settings">{chunks}</a> })}</p>
      <form class="form" method="post" action="/admin/site">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <TextField
          name="name"
          label={labels.name}
          value={v.name}
          error={errors.name}
          required
          maxLength={120}
          hint={t('admin.site_name_hint', { name: p.defaultName })}
        />
        <TextField
          name="tagline"
          label={labels.tagline}
          value={v.tagline}
          error={errors.tagline}
          maxLength={200}
          hint={t('admin.site_tagline_hint')}
        />
        <TextField
          name="accent"
          label={labels.accent}
          value={v.accent}
          error={errors.accent}
          maxLength={20}
          hint={t('admin.site_accent_hint')}
        />
        <TextArea
          name="footer_text"
          label={labels.footer_text}
          value={v.footer_text}
          error={errors.footer_text}
          rows={2}
          maxLength={500}
          hint={t('admin.site_footer_text_hint', { name: p.defaultName })}
        />
        <TextArea
          name="appeal"
          label={labels.appeal}
          value={v.appeal}
          error={errors.appeal}
          rows={3}
          maxLength={600}
          hint={t('admin.site_appeal_hint')}
        />
        <SelectField
          name="time_zone"
          label={labels.time_zone}
          value={v.time_zone}
          error={errors.time_zone}
          options={p.timeZones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
          hint={t('admin.site_time_zone_hint', { zone: p.defaultTimeZone })}
        />
        <SelectField
          name="locale"
          label={labels.locale}
          value={v.locale}
          error={errors.locale}
          options={p.locales}
          hint={t('admin.site_locale_hint')}
        />
        <SelectField
          name="type_pairing"
          label={labels.type_pairing}
          value={v.type_pairing}
          error={errors.type_pairing}
          options={p.pairings}
          hint={t('admin.site_type_pairing_hint')}
        />
        <div>
          <button type="submit">{t('admin.site_save')}</button>
        </div>
      </form>
      <BrandForms csrf={p.csrf} site={p.site} errors={errors} />
    </div>
  );
}
