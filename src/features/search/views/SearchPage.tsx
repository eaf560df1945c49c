import { Bylines, DateTime } from '../../../web/components/Meta.js';
import { Raw } from '../../../web/render.js';
import { MAX_QUERY_LENGTH } from '../search.query.js';
import { RESULTS_PER_PAGE } from '../search.service.js';
import type { SearchOutcome } from '../search.service.js';
import { Pager } from '../../listings/index.js';
import { useI18n } from '../../../web/i18n-context.js';

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
  const i18n = useI18n();
  const { t } = i18n;
  // Every result so far is known when there is no next page; otherwise only that there are more than this.
  const seen = (outcome.page - 1) * RESULTS_PER_PAGE + hits.length;
  return (
    <div class="search-page">
      <h1>{q && searched ? t('search.results_heading', { q }) : t('search.heading')}</h1>
      <form class="search-form" role="search" action="/search" method="get" aria-label={t('search.form_label')}>
        <div class="field">
          <label for="search-q">{t('search.words_label')}</label>
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
            {t('search.words_hint')}
          </p>
        </div>
        <div class="field">
          <label for="search-sort">{t('search.order_label')}</label>
          <select id="search-sort" name="sort">
            <option value="relevance" selected={outcome.sort === 'relevance'}>
              {t('search.order_relevance')}
            </option>
            <option value="newest" selected={outcome.sort === 'newest'}>
              {t('search.order_newest')}
            </option>
          </select>
        </div>
        <button type="submit">{t('search.submit')}</button>
      </form>
      {problem && (
        <p id="search-problem" class="notice notice-error" role="alert">
          {i18n.text(problem)}
        </p>
      )}
      {searched && hits.length === 0 && (
        <p class="search-none" role="status">
          {outcome.page > 1 ? t('search.no_more_results') : t('search.no_match', { q })}
        </p>
      )}
      {!searched && !problem && q && (
        <p class="search-none" role="status">
          {t('search.type_a_word')}
        </p>
      )}
      {hits.length > 0 && (
        <>
          <p class="search-summary" role="status">
            {outcome.hasMore ? t('search.count_more', { count: seen }) : t('search.count', { count: seen })}{' '}
            {t('search.summary', { first: outcome.page === 1 ? 'yes' : 'no', page: outcome.page, sort: outcome.sort })}
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
        newerLabel={t('search.previous_results')}
        olderLabel={t('search.more_results')}
        label={t('search.more_results')}
      />
    </div>
  );
}
