/**
 * What we measure. A scenario is data: the request, the size of the database it runs on, and a check
 * that the page is the one we mean to time. New features add an entry here (a write scenario uses
 * `setup` to fetch its cookie and CSRF token from the running server); the harness does the rest.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.js';
import { FEATURED_COMMENTS } from './seed.js';

export interface BenchContext {
  /** http://127.0.0.1:<port> of the server under test. */
  baseUrl: string;
  /** Slug of the featured article, which has exactly FEATURED_COMMENTS approved, threaded comments. */
  featuredSlug: string;
  /** The database the server uses, for setups that need ids (open in this process too). */
  db: Kysely<Database>;
}

export interface Scenario {
  name: string;
  /** One line for the README and --list. */
  about: string;
  /** Total comments in the database while measuring; absent: the demo content alone (about 520). */
  totalComments?: number;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string | ((ctx: BenchContext) => string);
  body?: string;
  headers?: Record<string, string>;
  /** Status every response must have; 200 unless said. */
  expectStatus?: number;
  /** Runs once against the live server before warm-up; what it returns overrides the request. */
  setup?: (ctx: BenchContext) => Promise<{ path?: string; headers?: Record<string, string>; body?: string }>;
  /** Looks at one response body before measuring; returns what is wrong, or null. */
  check?: (body: string) => string | null;
}

const articlePath = (ctx: BenchContext) => `/articles/${ctx.featuredSlug}`;
const count = (body: string, re: RegExp) => (body.match(re) ?? []).length;

/** The first page of the featured discussion: its count, 20 threads with their replies, "View all comments". */
function checkFirstPage(body: string): string | null {
  if (!body.includes(`${FEATURED_COMMENTS} comments`)) return `heading "${FEATURED_COMMENTS} comments" missing`;
  const threads = count(body, /<li class="comment depth-0"/g);
  if (threads !== 20) return `expected 20 threads on the first page, found ${threads}`;
  if (!body.includes('View all comments')) return '"View all comments" link missing';
  return null;
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'home',
    about: 'Home page: latest 13 articles with bylines and lead images, goal bar.',
    path: '/',
    check: (body) => (body.includes('Night buses return') ? null : 'featured headline missing'),
  },
  {
    name: 'article_500',
    about: `Featured article as a reader first sees it: body, image, calls to action, first 20 of its threads (${FEATURED_COMMENTS} comments in all).`,
    path: articlePath,
    check: checkFirstPage,
  },
  {
    name: 'article_500_all',
    about: `"View all comments" (?comments=all) of the featured article: all ${FEATURED_COMMENTS} comments.`,
    path: (ctx) => `${articlePath(ctx)}?comments=all`,
    check: (body) => {
      const shown = count(body, /<li class="comment /g);
      return shown === FEATURED_COMMENTS ? null : `expected ${FEATURED_COMMENTS} comments on the page, found ${shown}`;
    },
  },
  {
    name: 'article_500_db1k',
    about: 'As article_500, with 1,000 comments in the database (the rest on 200 archive articles).',
    totalComments: 1_000,
    path: articlePath,
    check: checkFirstPage,
  },
  {
    name: 'article_500_db200k',
    about: 'As article_500, with 200,000 comments in the database: the page must not slow down as the table grows.',
    totalComments: 200_000,
    path: articlePath,
    check: checkFirstPage,
  },
];
