import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { ErrorSummary, TextField, fieldErrors } from '../../../web/forms.js';

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
  return (
    <div class="admin-page">
      <AdminNav role={role} current="/admin/settings" />
      <h1>Settings</h1>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      <ErrorSummary error={error} labels={{ cta_after: 'After paragraph' }} />
      <section aria-labelledby="cta-heading" class="admin-section">
        <h2 id="cta-heading">“Support {siteName}” in articles</h2>
        <p>
          Where the call to action that links to the donation page appears in every article. Its text is set under{' '}
          <a href="/admin/site">Site</a>.
        </p>
        <form class="form" method="post" action="/admin/settings/cta">
          <input type="hidden" name="_csrf" value={csrf} />
          <fieldset class="field">
            <legend>Placement</legend>
            <div class="field-check">
              <input id="cta-above" type="checkbox" name="cta_above" value="1" checked={cta.cta_above === '1'} />
              <label for="cta-above">Above the article body</label>
            </div>
            <div class="field-check">
              <input id="cta-below" type="checkbox" name="cta_below" value="1" checked={cta.cta_below === '1'} />
              <label for="cta-below">Below the article</label>
            </div>
          </fieldset>
          <TextField
            name="cta_after"
            label="Also after paragraph number"
            type="number"
            value={cta.cta_after}
            error={errors.cta_after}
            min="1"
            hint="For example 3 puts it after the third paragraph. Leave empty for none. Articles with fewer paragraphs do not show it there."
          />
          <div>
            <button type="submit">Save</button>
          </div>
        </form>
      </section>
    </div>
  );
}
