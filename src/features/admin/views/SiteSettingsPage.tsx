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

const LABELS = {
  name: 'Site name',
  tagline: 'Tagline',
  accent: 'Accent colour',
  footer_text: 'Footer text',
  appeal: 'Support appeal',
  time_zone: 'Time zone',
  type_pairing: 'Type',
  locale: 'Language',
  logo: 'Logo',
  favicon: 'Favicon',
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
  const { t } = useI18n();
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/site" />
      <h1>Site</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary error={p.error} labels={LABELS} />
      <p>
        How the site presents itself on every page, feed and mail. Changes show at once, without a restart. Where the
        appeal appears in articles is set under <a href="/admin/settings">Settings</a>.
      </p>
      <form class="form" method="post" action="/admin/site">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <TextField
          name="name"
          label={LABELS.name}
          value={v.name}
          error={errors.name}
          required
          maxLength={120}
          hint={`Shown in the header, every page title, the feeds and mails. Until you save, it is “${p.defaultName}” (SITE_NAME).`}
        />
        <TextField
          name="tagline"
          label={LABELS.tagline}
          value={v.tagline}
          error={errors.tagline}
          maxLength={200}
          hint="One line beside the name in the header. Leave empty for none."
        />
        <TextField
          name="accent"
          label={LABELS.accent}
          value={v.accent}
          error={errors.accent}
          maxLength={20}
          hint="Links and buttons, as # and six hexadecimal digits (e.g. #1d4f91). It must reach a contrast of 4.5:1 against the page and under white text. Leave empty for the standard blue."
        />
        <TextArea
          name="footer_text"
          label={LABELS.footer_text}
          value={v.footer_text}
          error={errors.footer_text}
          rows={2}
          maxLength={500}
          hint={`Plain text before the footer’s links. Leave empty for “${p.defaultName} is funded by its readers.”`}
        />
        <TextArea
          name="appeal"
          label={LABELS.appeal}
          value={v.appeal}
          error={errors.appeal}
          rows={3}
          maxLength={600}
          hint="The paragraph of the “Support” appeal in articles. Leave empty for the standard text."
        />
        <SelectField
          name="time_zone"
          label={LABELS.time_zone}
          value={v.time_zone}
          error={errors.time_zone}
          options={p.timeZones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
          hint={`Every date on the site, in mails and here is shown in this zone with its abbreviation (CEST, EDT …); scheduled times are typed in it, and the monthly goal runs from local midnight to local midnight. Until you save, it is ${p.defaultTimeZone} (SITE_TIME_ZONE).`}
        />
        <SelectField
          name="locale"
          label={LABELS.locale}
          value={v.locale}
          error={errors.locale}
          options={p.locales}
          hint={t('admin.site_locale_hint')}
        />
        <SelectField
          name="type_pairing"
          label={LABELS.type_pairing}
          value={v.type_pairing}
          error={errors.type_pairing}
          options={p.pairings}
          hint="Headline and text fonts for every page. The fonts are served by this site itself (no font service sees your readers); “System fonts” downloads nothing."
        />
        <div>
          <button type="submit">Save</button>
        </div>
      </form>
      <BrandForms csrf={p.csrf} site={p.site} errors={errors} />
    </div>
  );
}
