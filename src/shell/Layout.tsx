import type { ComponentChildren } from 'preact';
import { GoalBar } from '../features/funding/index.js';
import { FeedLinks } from '../web/components/page-head.js';
import type { PageMeta } from '../web/render.js';
import type { Chrome } from './page.js';
import { STYLESHEETS } from './stylesheets.js';
import { isolateBidi } from '../lib/bidi.js';
import { SiteIcons, SiteName } from './SiteBrand.js';
import { fontCatalogue } from '../platform/type-pairings.js';

export function Layout({ chrome, meta, children }: { chrome: Chrome; meta: PageMeta; children: ComponentChildren }) {
  // Each part isolated: a headline's right-to-left text or stray bidi control cannot reorder the site's name.
  const title =
    meta.title === chrome.siteName
      ? isolateBidi(chrome.siteName)
      : `${isolateBidi(meta.title)} · ${isolateBidi(chrome.siteName)}`;
  return (
    <html lang="en">
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
        {/* ES modules (deferred by nature); site.js brings live updates and the goal bar with it. */}
        <script type="module" src="/static/js/site.js" />
        {(meta.scripts ?? []).map((s) => (
          <script type="module" src={`/static/js/${s}`} />
        ))}
      </head>
      <body class={meta.bodyClass}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {chrome.campaign && <GoalBar campaign={chrome.campaign} />}
        <header class="site-header">
          <div class="site-header-inner">
            <SiteName site={chrome.site} />
            {chrome.site.tagline && <p class="site-tagline">{chrome.site.tagline}</p>}
            <nav class="site-nav" aria-label="Site">
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
                    Support us
                  </a>
                </li>
              </ul>
            </nav>
            <form class="site-search" role="search" action="/search" method="get">
              <label for="site-search-q" class="visually-hidden">
                Search articles
              </label>
              <input id="site-search-q" type="search" name="q" placeholder="Search" />
              <button type="submit">Search</button>
            </form>
            <div class="site-account">
              {chrome.viewer ? (
                <form action="/logout" method="post">
                  <a class="viewer-name" href="/account">
                    <span class="visually-hidden">Your account: </span>
                    {chrome.viewer.name}
                  </a>{' '}
                  {chrome.viewer.role !== 'reader' && <a href="/admin">Admin</a>}{' '}
                  {chrome.csrfToken && <input type="hidden" name="_csrf" value={chrome.csrfToken} />}
                  <button type="submit" class="link-button">
                    Sign out
                  </button>
                </form>
              ) : (
                <a href="/login">Sign in</a>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{chrome.site.footerText || `${chrome.siteName} is funded by its readers.`}</p>
          {chrome.nav.footer.length > 0 && (
            <nav aria-label="Footer">
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
