import { slugPath } from '../../../lib/slug.js';
import { DateTime } from '../../../web/components/Meta.js';
import { FEED_FORMATS } from '../../../web/components/page-head.js';
import type { PublicCorrection } from '../listing.repo.js';
import { Pager } from './Pager.js';

/** Every correction we have published, newest first, each linking to its note under the article. */
export function CorrectionsPage({
  corrections,
  newerHref,
  olderHref,
}: {
  corrections: PublicCorrection[];
  newerHref: string | null;
  olderHref: string | null;
}) {
  return (
    <div class="listing corrections-page">
      <header class="listing-header">
        <h1>Corrections</h1>
        <p class="listing-intro">
          When we get something wrong, we correct the article and say so beneath it. This page lists every correction,
          newest first.
        </p>
      </header>
      {corrections.length === 0 && <p class="listing-empty">No corrections have been published.</p>}
      {corrections.length > 0 && (
        <ol class="correction-list">
          {corrections.map((c) => (
            <li class="correction-item">
              <p class="correction-meta">
                <DateTime iso={c.createdAt} withTime />
              </p>
              <p class="correction-headline">
                <a href={`${slugPath('articles', c.article.slug)}#correction-${c.id}`}>{c.article.headline}</a>
              </p>
              <p class="correction-body">{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Pager
        newerHref={newerHref}
        olderHref={olderHref}
        newerLabel="Newer corrections"
        olderLabel="Older corrections"
        label="More corrections"
      />
      <p class="feed-links">
        Follow corrections in a feed reader:{' '}
        {FEED_FORMATS.map((f, i) => (
          <>
            {i > 0 && ' · '}
            <a href={`/corrections/${f.file}`} type={f.type}>
              {f.label}
            </a>
          </>
        ))}
      </p>
    </div>
  );
}
