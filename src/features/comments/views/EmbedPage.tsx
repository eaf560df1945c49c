import type { ComponentChildren } from 'preact';

/**
 * The document another site frames: the discussion alone, without the site's header, goal bar or
 * footer. Links that leave the discussion open in a new tab, never inside the frame.
 */
export function EmbedPage(p: { headline: string; articleUrl: string; siteName: string; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`Comments on ${p.headline} · ${p.siteName}`}</title>
        <link rel="canonical" href={`${p.articleUrl}#comments`} />
        <link rel="stylesheet" href="/static/css/site.css" />
        {/* ES modules; discussion.js brings live updates with it. */}
        <script type="module" src="/static/js/discussion.js" />
        <script type="module" src="/static/js/embed-frame.js" />
      </head>
      <body class="embed-body">
        <main id="main">
          <p class="embed-header">
            Discussion of{' '}
            <a href={p.articleUrl} target="_blank" rel="noopener">
              {p.headline}
              <span class="visually-hidden"> (opens in a new tab)</span>
            </a>{' '}
            on {p.siteName}
          </p>
          {p.children}
        </main>
      </body>
    </html>
  );
}
