/** The logo and favicon forms of /admin/site: upload (multipart) and remove, each with what is in use now. */
import type { SiteIdentity } from '../../../platform/site-identity.js';
import { brandFileUrl } from '../../../platform/brand-urls.js';

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
  return (
    <>
      <h2 id="logo">Logo</h2>
      {logo ? (
        <div class="brand-current">
          <p>In use now, drawn at most {logo.height / 2} pixels tall in the header:</p>
          <img
            class="brand-preview-logo"
            src={brandFileUrl('logo', logo.hash, 'logo.webp')}
            alt={`Logo of ${p.site.name}`}
            width={Math.round(logo.width / 2)}
            height={Math.round(logo.height / 2)}
          />
          <form method="post" action="/admin/site/logo/remove">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="button-secondary">
              Remove the logo
            </button>
          </form>
        </div>
      ) : (
        <p>No logo: the header shows the site’s name in text.</p>
      )}
      <form class="form" method="post" action="/admin/site/logo" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <FileField
          name="logo"
          label={logo ? 'Replace the logo' : 'Upload a logo'}
          hint="PNG (transparent background works best), JPEG or WebP, at least 64 × 24 pixels; SVG is not accepted. It replaces the name in the header of every page (screen readers still hear the name), and appears in link previews and mails."
          error={p.errors.logo}
        />
        <div>
          <button type="submit">Upload logo</button>
        </div>
      </form>
      <h2 id="favicon">Favicon</h2>
      {favicon ? (
        <div class="brand-current">
          <p>In use now:</p>
          <img
            class="brand-preview-icon"
            src={brandFileUrl('favicon', favicon.hash, 'icon-180.png')}
            alt={`Favicon of ${p.site.name}`}
            width={64}
            height={64}
          />
          <form method="post" action="/admin/site/favicon/remove">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="button-secondary">
              Remove the favicon
            </button>
          </form>
        </div>
      ) : (
        <p>The standard Broadsheet icon is in use.</p>
      )}
      <form class="form" method="post" action="/admin/site/favicon" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <FileField
          name="favicon"
          label={favicon ? 'Replace the favicon' : 'Upload a favicon'}
          hint="A square PNG, JPEG or WebP picture of at least 64 × 64 pixels (512 × 512 is best). Browser tabs, bookmarks and phone home screens get the sizes they need."
          error={p.errors.favicon}
        />
        <div>
          <button type="submit">Upload favicon</button>
        </div>
      </form>
      {logo && (
        <form method="post" action="/admin/site/favicon/from-logo">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <p>Or make it from the logo, centred on a transparent square (best for a logo that is nearly square).</p>
          <button type="submit" class="button-secondary">
            Use the logo as favicon
          </button>
        </form>
      )}
    </>
  );
}
