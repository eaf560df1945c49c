import type { ComponentChildren } from 'preact';
import { GoalBar } from '../features/funding/index.js';
import { FeedLinks, jsonLdText } from '../web/components/page-head.js';
import type { PageMeta } from '../web/render.js';
import type { Chrome } from './page.js';
import { STYLESHEETS } from './stylesheets.js';
import { isolateBidi } from '../lib/bidi.js';
import { SiteIcons, SiteName } from './SiteBrand.js';
import { fontCatalogue } from '../platform/type-pairings.js';
import { useI18n } from '../web/i18n-context.js';

export function Layout({ chrome, meta, children }: { chrome: Chrome; meta: PageMeta; children: ComponentChildren }) {
  const i18n = useI18n();
  const { t } = i18n;
  // Each part isolated: a headline's right-to-left text or stray bidi control cannot reorder the site's name.
  const title =
    meta.title === chrome.siteName
      ? isolateBidi(chrome.siteName)
      : `${isolateBidi(meta.title)} · ${isolateBidi(chrome.siteName)}`;
  return (
    <html lang={i18n.intlLocale} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.description && <meta name="description" content={meta.description} />}
        {meta.canonical && <link rel="canonical" href={meta.canonical} />}
        {STYLESHEETS.map((css) => (
          <link rel="stylesheet" href={`/static/css/${css}`} />
        ))}
        {/* The first screen's fonts (headline bold, body regular; Latin), fetched before the stylesheet asks. */}
        {(fontCatalogue().preload.get(chrome.site.typePairing) ?? []).map((href) => (
          <link rel="preload" href={href} as="font" type="font/woff2" crossorigin="anonymous" />
        ))}
        {/* The publisher's accent and fonts: a stylesheet of its own (the CSP allows no inline style). */}
        {(chrome.site.accent || chrome.site.typePairing !== 'system') && (
          <link rel="stylesheet" href={`/site.css?v=${chrome.site.version}`} />
        )}
        <SiteIcons site={chrome.site} />
        <FeedLinks siteUrl={chrome.siteUrl} base="" title={chrome.siteName} />
        {meta.head}
        {/* The scripts' own texts in the site's language (public/js/i18n.js reads them; data, never executed). */}
        <script
          type="application/json"
          id="bs-messages"
          dangerouslySetInnerHTML={{ __html: jsonLdText(i18n.clientMessages()) }}
        />
        {/* ES modules (deferred by nature); site.js brings live updates and the goal bar with it. */}
        <script type="module" src="/static/js/site.js" />
        {(meta.scripts ?? []).map((s) => (
          <script type="module" src={`/static/js/${s}`} />
        ))}
      </head>
      <body class={meta.bodyClass}>
        <a class="skip-link" href="#main">
          {t('common.skip_to_content')}
        </a>
        {chrome.campaign && <GoalBar campaign={chrome.campaign} />}
        <header class="site-header">
          <div class="site-header-inner">
            <SiteName site={chrome.site} />
            {chrome.site.tagline && <p class="site-tagline">{chrome.site.tagline}</p>}
            <nav class="site-nav" aria-label={t('common.nav_site')}>
              <ul>
                {chrome.nav.header.map((l) => (
                  <li>
                    <a href={l.href} aria-current={l.href === chrome.path ? 'page' : undefined}>
                      {l.label}
                    </a>
                  </li>
                ))}
                <li>
                  <a href="/donate" class="nav-support">
                    {t('common.nav_support')}
                  </a>
                </li>
              </ul>
            </nav>
            <form class="site-search" role="search" action="/search" method="get">
              <label for="site-search-q" class="visually-hidden">
                {t('common.search_label')}
              </label>
              <input id="site-search-q" type="search" name="q" placeholder={t('common.search_placeholder')} />
              <button type="submit">{t('common.search_button')}</button>
            </form>
            <div class="site-account">
              {chrome.viewer ? (
                <form action="/logout" method="post">
                  <a class="viewer-name" href="/account">
                    <span class="visually-hidden">{t('common.your_account')} </span>
                    {chrome.viewer.name}
                  </a>{' '}
                  {chrome.viewer.role !== 'reader' && <a href="/admin">{t('common.admin')}</a>}{' '}
                  {chrome.csrfToken && <input type="hidden" name="_csrf" value={chrome.csrfToken} />}
                  <button type="submit" class="link-button">
                    {t('common.sign_out')}
                  </button>
                </form>
              ) : (
                <a href="/login">{t('common.sign_in')}</a>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{chrome.site.footerText || t('common.footer_default', { site: chrome.siteName })}</p>
          {chrome.nav.footer.length > 0 && (
            <nav aria-label={t('common.nav_footer')}>
              <ul class="footer-links">
                {chrome.nav.footer.map((l) => (
                  <li>
                    <a href={l.href} aria-current={l.href === chrome.path ? 'page' : undefined}>
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </footer>
      </body>
    </html>
  );
}
