/**
 * Reading a discussion. The list of threads for one page is rendered once per discussion version and
 * cached in the app's context (deps.caches.discussionPages); the version lives on the article row (read with the article anyway), so a
 * change in any process invalidates every process's cache without a message. The cached list is the
 * same for every reader; what belongs to one viewer (their votes, their own comments) is loaded
 * beside it by `loadViewerState`.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { iso } from '../../platform/clock.js';
import type { I18n } from '../../platform/i18n.js';
import {
  assembleThreads,
  displayParentId,
  findApprovedComment,
  findThreadRoot,
  listApprovedReplies,
  listOwnComments,
  listThreadRoots,
  listThreadShape,
  type ThreadCursor,
} from './comment.repo.js';
import type { CommentNode, CommentOwner, CommentSort, OwnComment, PublicComment } from './comment.types.js';
import type { DiscussionSettings } from './discussion-settings.js';
import { findVotesBy } from './vote.repo.js';
import { supporterCommentIds } from '../funding/index.js';
import { renderCommentList, renderSingleComment } from './views/comment-list.js';

/** Threads on the first page under an article, unless the publisher set another number. */
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
  /** Ids of every comment on the page (to mark the viewer's votes). */
  commentIds: number[];
  /** The threads themselves, for the JSON API. */
  threads: CommentNode[];
}

export interface DiscussionQuery {
  articleId: number;
  version: number;
  sort: CommentSort;
  limit: number;
  cursor?: ThreadCursor;
  /** Show only this thread (a permalink to a comment beyond the first page). */
  thread?: number;
  /** Whether down-vote buttons are shown. */
  downvotes?: boolean;
  /** The site's language and time zone, which the list's texts and comment times are in. */
  i18n: I18n;
}

/** Rendered pages by article, discussion version, query, language and time zone; one per context (deps.caches.discussionPages). */
export type DiscussionPageCache = Map<string, DiscussionPage>;
const CACHE_LIMIT = 500;

export async function getDiscussionPage(
  db: Kysely<Database>,
  cache: DiscussionPageCache,
  q: DiscussionQuery,
): Promise<DiscussionPage> {
  const downvotes = q.downvotes ?? true;
  const key = `${q.articleId}:${q.version}:${q.sort}:${q.limit}:${q.cursor ? `${q.cursor.createdAt}|${q.cursor.score}|${q.cursor.id}` : ''}:${q.thread ?? ''}:${downvotes ? 1 : 0}:${q.i18n.locale}|${q.i18n.timeZone}`;
  const hit = cache.get(key);
  if (hit) {
    // Refresh recency so hot pages stay while cold ones age out.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const roots =
    q.thread !== undefined
      ? [await findThreadRoot(db, q.thread, q.articleId)].filter((r): r is PublicComment => r !== undefined)
      : await listThreadRoots(db, q.articleId, q.sort, q.limit + 1, q.cursor);
  const pageRoots = roots.slice(0, q.limit);
  const pageReplies = await listApprovedReplies(
    db,
    pageRoots.map((r) => r.id),
  );
  const badge = await supporterBadges(db, [...pageRoots, ...pageReplies]);
  const shown = pageRoots.map(badge);
  const replies = pageReplies.map(badge);
  const last = shown[shown.length - 1];
  const threads = assembleThreads(shown, replies);
  const page: DiscussionPage = {
    html: renderCommentList(threads, { downvotes, i18n: q.i18n }),
    threadCount: shown.length,
    next: roots.length > q.limit && last ? { createdAt: last.createdAt, score: last.score, id: last.id } : null,
    commentIds: [...shown, ...replies].map((c) => c.id),
    threads,
  };
  cache.set(key, page);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return page;
}

/**
 * Marks the comments that show the Supporter badge, with one query for the page (one per 500 comments).
 * Only account comments can carry it, so only their ids are asked about. The result is cached with the
 * page: a change of a reader's badge state bumps the versions of the articles they commented on
 * (funding/supporter.repo.ts), so no cached page outlives it.
 */
async function supporterBadges(
  db: Kysely<Database>,
  comments: PublicComment[],
): Promise<(c: PublicComment) => PublicComment> {
  const accountIds = comments.filter((c) => c.isAccount).map((c) => c.id);
  const supporters = accountIds.length > 0 ? await supporterCommentIds(db, accountIds) : new Set<number>();
  return (c) => (supporters.has(c.id) ? { ...c, isSupporter: true } : c);
}

/** One approved comment as readers see it, badge included (the API's single comment). */
export async function findShownComment(db: Kysely<Database>, id: number): Promise<PublicComment | undefined> {
  const c = await findApprovedComment(db, id);
  return c && (await supporterBadges(db, [c]))(c);
}

/** What one viewer sees beyond the shared list: their votes on it and their own recent comments. */
export interface ViewerState {
  myVotes: Record<number, number>;
  /** Their comments on this article still within the edit window, or awaiting review. */
  own: Array<OwnComment & { editableUntil: string }>;
}

export async function loadViewerState(
  db: Kysely<Database>,
  q: {
    articleId: number;
    owner: CommentOwner | null;
    voterKey: string | null;
    commentIds: number[];
    settings: DiscussionSettings;
    now: Date;
  },
): Promise<ViewerState> {
  const windowMs = q.settings.editWindowMinutes * 60_000;
  // Held comments stay listed for a day so their author knows they arrived; shown ones while editable.
  const since = iso(new Date(q.now.getTime() - Math.max(windowMs, 86_400_000)));
  const [myVotes, own] = await Promise.all([
    q.voterKey ? findVotesBy(db, q.voterKey, q.commentIds) : {},
    q.owner ? listOwnComments(db, q.articleId, q.owner, since) : [],
  ]);
  const cutoff = q.now.getTime() - windowMs;
  return {
    myVotes,
    own: own
      .filter((c) => c.status !== 'approved' || new Date(c.createdAt).getTime() > cutoff)
      .map((c) => ({ ...c, editableUntil: iso(new Date(new Date(c.createdAt).getTime() + windowMs)) })),
  };
}

/** Where a link to a comment should land: the article's first page when its thread is there, else the thread alone. */
export async function locateComment(
  db: Kysely<Database>,
  commentId: number,
  threadsPerPage: number,
): Promise<{ articleId: number; thread: number | null; anchor: string } | null> {
  const c = await findApprovedComment(db, commentId);
  if (!c) return null;
  // A reply's thread is shown even when its top-level comment no longer is (as a placeholder).
  const root = c.depth === 0 ? c : await findThreadRoot(db, c.threadId);
  if (!root) return null;
  const firstPage = await listThreadRoots(db, c.articleId, 'newest', threadsPerPage);
  const onFirstPage = firstPage.some((r) => r.id === root.id);
  return { articleId: c.articleId, thread: onFirstPage ? null : root.id, anchor: `comment-${c.id}` };
}

/**
 * One approved comment rendered alone, with the shown comment it nests under (live updates, in-place
 * posting); for a hidden top-level comment whose replies are shown, its placeholder (live.js swaps it in).
 */
export async function renderCommentFragment(
  db: Kysely<Database>,
  commentId: number,
  opts: { downvotes: boolean; i18n: I18n },
): Promise<{ comment: PublicComment; html: string; displayParentId: number | null } | null> {
  const c = await findShownComment(db, commentId);
  if (!c) {
    const root = await findThreadRoot(db, commentId);
    return root?.removed ? { comment: root, html: renderSingleComment(root, opts), displayParentId: null } : null;
  }
  let parent: number | null = null;
  if (c.parentId !== null) {
    const shape = await listThreadShape(db, c.threadId);
    const nodes = new Map(shape.map((s) => [s.id, { comment: s }]));
    parent = displayParentId(c, nodes) ?? c.threadId;
  }
  return { comment: c, html: renderSingleComment(c, opts), displayParentId: parent };
}
