/**
 * Reading a discussion. The list of threads for one page is rendered once per discussion version and
 * cached in this process; the version lives on the article row (read with the article anyway), so a
 * change in any process invalidates every process's cache without a message.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { assembleThreads, listApprovedReplies, listThreadRoots, type ThreadCursor } from './comment.repo.js';
import type { CommentSort } from './comment.types.js';
import { renderCommentList } from './views/comment-list.js';

/** Threads on the first page under an article. */
export const THREADS_PER_PAGE = 20;
/** Upper bound of "View all comments", so one page never reads without limit. */
export const MAX_THREADS_ALL = 2000;

export interface DiscussionPage {
  /** Rendered, escaped list of threads. */
  html: string;
  /** Threads on this page. */
  threadCount: number;
  /** Cursor for the next page, when there is one. */
  next: ThreadCursor | null;
}

export interface DiscussionQuery {
  articleId: number;
  articlePath: string;
  version: number;
  sort: CommentSort;
  limit: number;
  cursor?: ThreadCursor;
}

const cache = new Map<string, DiscussionPage>();
const CACHE_LIMIT = 500;

export async function getDiscussionPage(db: Kysely<Database>, q: DiscussionQuery): Promise<DiscussionPage> {
  const key = `${q.articleId}:${q.version}:${q.sort}:${q.limit}:${q.cursor ? `${q.cursor.createdAt}|${q.cursor.score}|${q.cursor.id}` : ''}`;
  const hit = cache.get(key);
  if (hit) {
    // Refresh recency so hot pages stay while cold ones age out.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const roots = await listThreadRoots(db, q.articleId, q.sort, q.limit + 1, q.cursor);
  const shown = roots.slice(0, q.limit);
  const replies = await listApprovedReplies(db, shown.map((r) => r.id));
  const last = shown[shown.length - 1];
  const page: DiscussionPage = {
    html: renderCommentList(assembleThreads(shown, replies), { articlePath: q.articlePath }),
    threadCount: shown.length,
    next: roots.length > q.limit && last ? { createdAt: last.createdAt, score: last.score, id: last.id } : null,
  };
  cache.set(key, page);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return page;
}

/** Drops every cached page (tests, imports). */
export function clearDiscussionCache(): void {
  cache.clear();
}
