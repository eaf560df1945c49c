/** The site's name or logo in the header, and the icons every page's head links to. */
import type { SiteIdentity } from '../platform/site-identity.js';
import { brandFileUrl } from '../platform/brand-urls.js';

/**
 * The home link: the logo when there is one (its alt text is the site's name, so screen readers and text
 * browsers still get the name), else the name in text. Width and height keep the header from jumping as it loads.
 */
export function SiteName({ site }: { site: SiteIdentity }) {
  if (!site.logo)
    return (
      <a class="site-name" href="/">
        {site.name}
      </a>
    );
  return (
    <a class="site-name site-name-logo" href="/">
      <img
        class="site-logo"
        src={brandFileUrl('logo', site.logo.hash, 'logo.webp')}
        alt={site.name}
        width={Math.round(site.logo.width / 2)}
        height={Math.round(site.logo.height / 2)}
      />
    </a>
  );
}

/** Favicon, apple-touch-icon and web manifest: the publisher's (addressed by hash) or the built-in mark. */
export function SiteIcons({ site }: { site: SiteIdentity }) {
  const manifest = <link rel="manifest" href={`/site.webmanifest?v=${site.version}`} />;
  if (!site.favicon)
    return (
      <>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href={brandFileUrl('favicon', 'default', 'icon-180.png')} />
        {manifest}
      </>
    );
  const { hash } = site.favicon;
  return (
    <>
      <link rel="icon" href={brandFileUrl('favicon', hash, 'icon-32.png')} sizes="32x32" type="image/png" />
      <link rel="apple-touch-icon" href={brandFileUrl('favicon', hash, 'icon-180.png')} />
      {manifest}
    </>
  );
}
