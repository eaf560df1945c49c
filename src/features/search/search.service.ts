/**
 * Searching published articles for readers: parse what they typed, run one bounded page of the ranked
 * search, and turn the database's highlights into safe HTML.
 */
import type { Db } from '../../db/dialect.js';
import { msg, type Message } from '../../lib/message.js';
import type { ArticleSummary } from '../articles/index.js';
import { hasHighlight, renderHighlight } from './search.highlight.js';
import { isSearchable, MAX_QUERY_LENGTH, parseQuery } from './search.query.js';
import { searchPublishedArticles, type SearchSort } from './search.repo.js';

export const RESULTS_PER_PAGE = 10;
/** Deepest page offered: readers refine a query rather than page past 500 results. */
export const MAX_PAGE = 50;

export interface SearchHit {
  article: ArticleSummary;
  /** Escaped headline with <mark> around matches. */
  headlineHtml: string;
  /** Escaped passage with <mark> around matches. */
  snippetHtml: string;
}

export interface SearchOutcome {
  /** The query as typed (trimmed), for the search box. */
  q: string;
  sort: SearchSort;
  page: number;
  hits: SearchHit[];
  hasMore: boolean;
  /** Whether a search ran (false for an empty box or a query of only excluded words). */
  searched: boolean;
  /** A problem with the query to show the reader; the page answers 400 when set. */
  problem: Message | null;
}

/** The passage to show: the body where it matched, else the standfirst where it matched, else the body's start. */
function pickSnippet(excerpt: string, body: string): string {
  if (hasHighlight(body)) return body;
  if (hasHighlight(excerpt)) return excerpt;
  return body || excerpt;
}

export async function searchArticles(
  db: Db,
  input: { q: string; page: number; sort: SearchSort },
): Promise<SearchOutcome> {
  const q = input.q.trim();
  const base = {
    q,
    sort: input.sort,
    page: input.page,
    hits: [],
    hasMore: false,
    searched: false,
    problem: null as Message | null,
  };
  if (q.length > MAX_QUERY_LENGTH) {
    return { ...base, problem: msg('search.too_long', { max: MAX_QUERY_LENGTH }) };
  }
  const query = parseQuery(q);
  if (!isSearchable(query)) return base;
  const { hits, hasMore } = await searchPublishedArticles(db, {
    query,
    sort: input.sort,
    limit: RESULTS_PER_PAGE,
    offset: (input.page - 1) * RESULTS_PER_PAGE,
  });
  return {
    ...base,
    searched: true,
    hasMore: hasMore && input.page < MAX_PAGE,
    hits: hits.map((h) => ({
      article: h.article,
      headlineHtml: renderHighlight(h.headline),
      snippetHtml: renderHighlight(pickSnippet(h.excerpt, h.body)),
    })),
  };
}
