/**
 * What we measure. A scenario is data: the request, the size of the database it runs on, and a check
 * that the page is the one we mean to time. New features add an entry here (a write scenario uses
 * `setup` to fetch its cookie and CSRF token from the running server); the harness does the rest.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/database.js';
import { FEATURED_COMMENTS } from './seed.js';
import { DISCUSSION_SETTINGS_KEY, getDiscussionSettings } from '../src/features/comments/discussion-settings.js';
import { putSetting } from '../src/platform/settings.repo.js';

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
  setup?: (ctx: BenchContext) => Promise<{
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    perRequestHeaders?: () => Record<string, string>;
  }>;
  /**
   * Measure this request against a bare `node:http` process serving the bytes the app answers for it (the
   * machine's ceiling, bench/ceiling.ts), not against the app.
   */
  ceiling?: boolean;
  /** Looks at one response body before measuring; returns what is wrong, or null. */
  check?: (body: string) => string | null;
}

/** A demo article other than the featured one, for the posting scenario. */
const OTHER_SLUG = 'library-opening-hours-extended';

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
    name: 'ceiling',
    about:
      'The bytes of article_500 served by a bare node:http process in the same run: the most this machine allows. article_500 ÷ ceiling is the share the app keeps.',
    path: articlePath,
    ceiling: true,
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
  // Writes last: they change the discussion the read scenarios check.
  {
    name: 'post_comment',
    about:
      'A guest posts a comment through the JSON API (CSRF, moderation pipeline, insert, cache version bump) on a 200,000-comment database.',
    totalComments: 200_000,
    method: 'POST',
    path: `/api/articles/${OTHER_SLUG}/comments`,
    expectStatus: 201,
    setup: async (ctx) => {
      await liftDiscussionLimits(ctx);
      const { headers } = await pageSession(ctx, `/articles/${OTHER_SLUG}`);
      return {
        headers,
        body: JSON.stringify({
          name: 'Bench Reader',
          email: 'bench@example.test',
          body: 'Timing the comment form: a reasonable, civil remark.',
        }),
      };
    },
  },
  {
    name: 'vote_comment',
    about:
      'A reader votes on a comment of the featured article through the JSON API (one row per voter, counters in one transaction).',
    totalComments: 200_000,
    method: 'POST',
    path: '/api/comments/0/vote',
    setup: async (ctx) => {
      await liftDiscussionLimits(ctx);
      const target = await ctx.db
        .selectFrom('comments')
        .innerJoin('articles', 'articles.id', 'comments.article_id')
        .select('comments.id')
        .where('articles.slug', '=', ctx.featuredSlug)
        .where('comments.status', '=', 'approved')
        .orderBy('comments.id')
        .limit(1)
        .executeTakeFirstOrThrow();
      const { headers } = await pageSession(ctx, `/articles/${ctx.featuredSlug}`);
      // Every vote from another reader: a new address (and, without a cookie, a new guest) each time.
      let n = 0;
      const perRequestHeaders = () => {
        n++;
        return { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
      };
      return {
        path: `/api/comments/${target.id}/vote`,
        headers,
        body: JSON.stringify({ value: 1 }),
        perRequestHeaders,
      };
    },
  },
];

/** The bench's one client IP would hit the per-IP posting and voting limits of a real reader. */
async function liftDiscussionLimits(ctx: BenchContext): Promise<void> {
  const settings = await getDiscussionSettings(ctx.db);
  await putSetting(
    ctx.db,
    DISCUSSION_SETTINGS_KEY,
    { ...settings, postLimit: 100_000_000, voteLimit: 100_000_000 },
    new Date(),
  );
}

/**
 * The headers a browser sends with a JSON write from a page: a guest's page carries no token and sets no
 * cookie, and `Sec-Fetch-Site: same-origin` is the CSRF check (src/web/cross-origin.ts).
 */
async function pageSession(ctx: BenchContext, pagePath: string): Promise<{ headers: Record<string, string> }> {
  const res = await fetch(`${ctx.baseUrl}${pagePath}`);
  if (res.status !== 200) throw new Error(`${pagePath} answered ${res.status}`);
  await res.arrayBuffer();
  return {
    headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', accept: 'application/json' },
  };
}
