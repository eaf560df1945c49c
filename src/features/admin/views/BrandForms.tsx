/** The logo and favicon forms of /admin/site: upload (multipart) and remove, each with what is in use now. */
import type { SiteIdentity } from '../../../platform/site-identity.js';
import { brandFileUrl } from '../../../platform/brand-urls.js';
import { useI18n } from '../../../web/i18n-context.js';

const ACCEPT = 'image/png,image/jpeg,image/webp';

function FileField(p: { name: 'logo' | 'favicon'; label: string; hint: string; error?: string }) {
  const id = `field-${p.name}`;
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {p.hint}
      </p>
      {p.error && (
        <p class="field-error" id={`${id}-error`}>
          {p.error}
        </p>
      )}
      <input
        id={id}
        type="file"
        name="file"
        accept={ACCEPT}
        required
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error ${id}-hint` : `${id}-hint`}
      />
    </div>
  );
}

export function BrandForms(p: { csrf: string; site: SiteIdentity; errors: Record<string, string> }) {
  const { logo, favicon } = p.site;
  const { t } = useI18n();
  return (
    <>
      <h2 id="logo">{t('admin.brand_logo_heading')}</h2>
      {logo ? (
        <div class="brand-current">
          <p>{t('admin.brand_logo_in_use', { height: logo.height / 2 })}</p>
          <img
            class="brand-preview-logo"
            src={brandFileUrl('logo', logo.hash, 'logo.webp')}
            alt={t('admin.brand_logo_alt', { site: p.site.name })}
            width={Math.round(logo.width / 2)}
            height={Math.round(logo.height / 2)}
          />
          <form method="post" action="/admin/site/logo/remove">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="button-secondary">
              {t('admin.brand_logo_remove')}
            </button>
          </form>
        </div>
      ) : (
        <p>{t('admin.brand_logo_none')}</p>
      )}
      <form class="form" method="post" action="/admin/site/logo" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <FileField
          name="logo"
          label={t('admin.brand_logo_label', { replace: logo ? 'yes' : 'no' })}
          hint={t('admin.brand_logo_hint')}
          error={p.errors.logo}
        />
        <div>
          <button type="submit">{t('admin.brand_logo_upload')}</button>
        </div>
      </form>
      <h2 id="favicon">{t('admin.brand_favicon_heading')}</h2>
      {favicon ? (
        <div class="brand-current">
          <p>{t('admin.brand_favicon_in_use')}</p>
          <img
            class="brand-preview-icon"
            src={brandFileUrl('favicon', favicon.hash, 'icon-180.png')}
            alt={t('admin.brand_favicon_alt', { site: p.site.name })}
            width={64}
            height={64}
          />
          <form method="post" action="/admin/site/favicon/remove">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="button-secondary">
              {t('admin.brand_favicon_remove')}
            </button>
          </form>
        </div>
      ) : (
        <p>{t('admin.brand_favicon_none')}</p>
      )}
      <form class="form" method="post" action="/admin/site/favicon" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <FileField
          name="favicon"
          label={t('admin.brand_favicon_label', { replace: favicon ? 'yes' : 'no' })}
          hint={t('admin.brand_favicon_hint')}
          error={p.errors.favicon}
        />
        <div>
          <button type="submit">{t('admin.brand_favicon_upload')}</button>
        </div>
      </form>
      {logo && (
        <form method="post" action="/admin/site/favicon/from-logo">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <p>{t('admin.brand_favicon_from_logo_intro')}</p>
          <button type="submit" class="button-secondary">
            {t('admin.brand_favicon_from_logo')}
          </button>
        </form>
      )}
    </>
  );
}
