import type { ComponentChildren } from 'preact';
import { jsonLdText } from '../../../web/components/page-head.js';
import { useI18n } from '../../../web/i18n-context.js';

/**
 * The document another site frames: the discussion alone, without the site's header, goal bar or
 * footer. Links that leave the discussion open in a new tab, never inside the frame. It is in the site's
 * language, and carries the scripts' texts as every page does (public/js/i18n.js).
 */
export function EmbedPage(p: {
  headline: string;
  articleUrl: string;
  siteName: string;
  /** The guest's frame token, handed to the host page to keep (embed-frame.js); null before their first write. */
  token: string | null;
  /** The site identity's version when the publisher set an accent or fonts (their stylesheet), else null. */
  siteStyleVersion: number | null;
  children: ComponentChildren;
}) {
  const i18n = useI18n();
  return (
    <html lang={i18n.intlLocale} dir={i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{i18n.t('discussion.embed_title', { headline: p.headline, site: p.siteName })}</title>
        <link rel="canonical" href={`${p.articleUrl}#comments`} />
        {/* The article page's look for the discussion: the base, the discussion's and inline feedback's sheets, and
            the publisher's accent and fonts when set (src/shell/Layout.tsx links the same). */}
        <link rel="stylesheet" href="/static/css/site.css" />
        <link rel="stylesheet" href="/static/css/discussion.css" />
        <link rel="stylesheet" href="/static/css/inline.css" />
        {p.siteStyleVersion !== null && <link rel="stylesheet" href={`/site.css?v=${p.siteStyleVersion}`} />}
        <script
          type="application/json"
          id="bs-messages"
          dangerouslySetInnerHTML={{ __html: jsonLdText(i18n.clientMessages()) }}
        />
        {/* ES modules; discussion.js brings live updates with it. */}
        <script type="module" src="/static/js/discussion.js" />
        <script type="module" src="/static/js/embed-frame.js" />
      </head>
      <body class="embed-body" data-frame-token={p.token ?? undefined}>
        <main id="main">
          <h1 class="embed-header">
            {i18n.rich('discussion.embed_header', {
              headline: p.headline,
              site: p.siteName,
              link: (chunks: ComponentChildren) => (
                <a href={p.articleUrl} target="_blank" rel="noopener">
                  {chunks}
                  <span class="visually-hidden"> {i18n.t('discussion.new_tab')}</span>
                </a>
              ),
            })}
          </h1>
          {p.children}
        </main>
      </body>
    </html>
  );
}
