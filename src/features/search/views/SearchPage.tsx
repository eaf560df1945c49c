import { Bylines, DateTime } from '../../../web/components/Meta.js';
import { Raw } from '../../../web/render.js';
import { MAX_QUERY_LENGTH } from '../search.query.js';
import type { SearchOutcome } from '../search.service.js';
import { Pager } from '../../listings/index.js';

export interface SearchPageProps {
  outcome: SearchOutcome;
  /** First result's position on this page (for the ordered list). */
  start: number;
  newerHref: string | null;
  olderHref: string | null;
}

/** The search page: a form that works without JavaScript, then ranked results with highlighted passages. */
export function SearchPage({ outcome, start, newerHref, olderHref }: SearchPageProps) {
  const { q, hits, searched, problem } = outcome;
  return (
    <div class="search-page">
      <h1>{q && searched ? <>Search results for “{q}”</> : 'Search'}</h1>
      <form class="search-form" role="search" action="/search" method="get" aria-label="Search articles">
        <div class="field">
          <label for="search-q">Words to look for</label>
          <input
            id="search-q"
            type="search"
            name="q"
            value={q}
            maxLength={MAX_QUERY_LENGTH}
            aria-describedby="search-hint"
            aria-invalid={problem ? 'true' : undefined}
            aria-errormessage={problem ? 'search-problem' : undefined}
          />
          <p id="search-hint" class="hint">
            All words must appear. Use "quotes" for a phrase and a minus sign to leave a word out (-tram).
          </p>
        </div>
        <div class="field">
          <label for="search-sort">Order</label>
          <select id="search-sort" name="sort">
            <option value="relevance" selected={outcome.sort === 'relevance'}>
              Best match
            </option>
            <option value="newest" selected={outcome.sort === 'newest'}>
              Newest first
            </option>
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      {problem && (
        <p id="search-problem" class="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {searched && hits.length === 0 && (
        <p class="search-none" role="status">
          {outcome.page > 1 ? (
            'There are no more results.'
          ) : (
            <>No articles match “{q}”. Check the spelling, or try fewer or more general words.</>
          )}
        </p>
      )}
      {!searched && !problem && q && (
        <p class="search-none" role="status">
          Type at least one word to look for.
        </p>
      )}
      {hits.length > 0 && (
        <>
          <p class="search-summary" role="status">
            {outcome.page > 1 && `Page ${outcome.page} of the results. `}
            {outcome.sort === 'newest' ? 'Newest first.' : 'Best matches first.'}
          </p>
          <ol class="search-results" start={start}>
            {hits.map((h) => (
              <li class="search-result">
                {h.article.section && <p class="kicker">{h.article.section.name}</p>}
                <h2 class="card-headline">
                  <a href={`/articles/${h.article.slug}`}>
                    <Raw as="span" html={h.headlineHtml} />
                  </a>
                </h2>
                {h.snippetHtml && (
                  <p class="search-snippet">
                    <Raw as="span" html={h.snippetHtml} />
                  </p>
                )}
                <p class="card-meta">
                  <Bylines bylines={h.article.bylines} />
                  {h.article.publishedAt && (
                    <>
                      {h.article.bylines.length > 0 && ' · '}
                      <DateTime iso={h.article.publishedAt} />
                    </>
                  )}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      <Pager
        newerHref={newerHref}
        olderHref={olderHref}
        newerLabel="Previous results"
        olderLabel="More results"
        label="More results"
      />
    </div>
  );
}
