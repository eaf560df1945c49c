import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { ErrorSummary, TextField, fieldErrors } from '../../../web/forms.js';
import { useI18n } from '../../../web/i18n-context.js';

export interface CtaValues {
  cta_above?: string;
  cta_below?: string;
  cta_after?: string;
}

export function SettingsPage({
  role,
  csrf,
  siteName,
  cta,
  error,
  notice,
}: {
  role: string;
  csrf: string;
  siteName: string;
  cta: CtaValues;
  error?: AppError;
  notice?: string;
}) {
  const errors = fieldErrors(error);
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/settings" />
      <h1>{t('admin.settings_title')}</h1>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary error={error} labels={{ cta_after: t('admin.settings_cta_after') }} />
      <section aria-labelledby="cta-heading" class="admin-section">
        <h2 id="cta-heading">{t('admin.settings_cta_heading', { site: siteName })}</h2>
        <p>
          {i18n.rich('admin.settings_cta_intro', {
            link: (chunks: string[]) => <a href="/admin/site">{chunks}</a>,
          })}
        </p>
        <form class="form" method="post" action="/admin/settings/cta">
          <input type="hidden" name="_csrf" value={csrf} />
          <fieldset class="field">
            <legend>{t('admin.settings_placement')}</legend>
            <div class="field-check">
              <input id="cta-above" type="checkbox" name="cta_above" value="1" checked={cta.cta_above === '1'} />
              <label for="cta-above">{t('admin.settings_above')}</label>
            </div>
            <div class="field-check">
              <input id="cta-below" type="checkbox" name="cta_below" value="1" checked={cta.cta_below === '1'} />
              <label for="cta-below">{t('admin.settings_below')}</label>
            </div>
          </fieldset>
          <TextField
            name="cta_after"
            label={t('admin.settings_after_label')}
            type="number"
            value={cta.cta_after}
            error={errors.cta_after}
            min="1"
            hint={t('admin.settings_after_hint')}
          />
          <div>
            <button type="submit">{t('admin.settings_save')}</button>
          </div>
        </form>
      </section>
    </div>
  );
}
