import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CommentRow, CommentStatus } from './comment.table.js';
import type {
  CommentNode,
  CommentOwner,
  CommentSort,
  OwnComment,
  PublicComment,
  StoredComment,
} from './comment.types.js';
import { commentExcerpt } from './comment-format.js';

type DB = Kysely<Database>;

/** Columns safe to show; author_email and ip_hash are deliberately absent. */
const PUBLIC_COLUMNS = [
  'id',
  'article_id',
  'parent_id',
  'thread_id',
  'depth',
  'reply_to_name',
  'author_user_id',
  'author_name',
  'body_html',
  'status',
  'score',
  'upvotes',
  'downvotes',
  'created_at',
  'edited_at',
  'anchor_status',
  'anchor_current_quote',
  'anchor_current_paragraph',
] as const;
type PublicRow = Pick<CommentRow, (typeof PUBLIC_COLUMNS)[number]>;

export function toPublicComment(r: PublicRow): PublicComment {
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    threadId: r.thread_id ?? r.id,
    depth: r.depth,
    replyToName: r.reply_to_name,
    authorName: r.author_name,
    isAccount: r.author_user_id !== null,
    isSupporter: false,
    bodyHtml: r.body_html,
    status: r.status,
    score: r.score,
    upvotes: r.upvotes,
    downvotes: r.downvotes,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    passage: r.anchor_status
      ? {
          quote: r.anchor_current_quote ?? '',
          orphaned: r.anchor_status === 'orphaned',
          paragraphId: r.anchor_current_paragraph,
        }
      : null,
  };
}

/** Position of a thread in a sort order: the cursor of "Load more". */
export interface ThreadCursor {
  createdAt: string;
  score: number;
  id: number;
}

type RootQuery = SelectQueryBuilder<Database, 'comments', PublicRow>;

/** Statuses of a top-level comment that readers no longer see; with replies they do see, it stays as a placeholder. */
const HIDDEN_STATUSES: CommentStatus[] = ['pending', 'spam', 'trash'];

/**
 * The thread of this top-level comment has an approved reply. "Approved" is written as "none of the
 * hidden statuses": given `status = ?`, SQLite without statistics walks comments_status_id through
 * every approved comment for each probe (36 ms a page at 30,000 comments); `not in` no index can
 * serve, so both databases probe comments_thread by thread_id.
 */
const hasShownReply = (eb: ExpressionBuilder<Database, 'comments'>) =>
  eb.exists(
    eb
      .selectFrom('comments as r')
      .select('r.id')
      .whereRef('r.thread_id', '=', 'comments.id')
      .where('r.depth', '>', 0)
      .where('r.status', 'not in', HIDDEN_STATUSES),
  );

/** Top-level comments of an article in the sort order, after `cursor`. */
function rootsInOrder(db: DB, articleId: number, sort: CommentSort, cursor: ThreadCursor | undefined): RootQuery {
  let q = db.selectFrom('comments').select(PUBLIC_COLUMNS).where('article_id', '=', articleId).where('depth', '=', 0);
  if (sort === 'newest') {
    if (cursor)
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', cursor.createdAt),
          eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '<', cursor.id)]),
        ]),
      );
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc');
  }
  if (sort === 'oldest') {
    if (cursor)
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '>', cursor.createdAt),
          eb.and([eb('created_at', '=', cursor.createdAt), eb('id', '>', cursor.id)]),
        ]),
      );
    return q.orderBy('created_at', 'asc').orderBy('id', 'asc');
  }
  if (cursor)
    q = q.where((eb) =>
      eb.or([eb('score', '<', cursor.score), eb.and([eb('score', '=', cursor.score), eb('id', '<', cursor.id)])]),
    );
  return q.orderBy('score', 'desc').orderBy('id', 'desc');
}

/** The order of `rootsInOrder`, for merging two of its results. */
function compareRoots(sort: CommentSort): (a: PublicComment, b: PublicComment) => number {
  if (sort === 'votes') return (a, b) => b.score - a.score || b.id - a.id;
  const dir = sort === 'newest' ? -1 : 1;
  return (a, b) => dir * (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id);
}

/**
 * A top-level comment readers no longer see, kept because replies to it are shown: where it sorts
 * (time, score, id) and nothing of who wrote it or what it said.
 */
function toPlaceholder(r: PublicRow): PublicComment {
  return {
    ...toPublicComment(r),
    removed: true,
    authorName: '',
    isAccount: false,
    bodyHtml: '',
    replyToName: null,
    editedAt: null,
    passage: null,
  };
}

/**
 * One page of threads in the given order, after `cursor`: the approved top-level comments, and the
 * placeholders of hidden ones whose replies are shown (their replies keep their thread, as the count
 * keeps them). Approved roots read through the (article_id, depth, status, created_at|score, id)
 * indexes, so cost follows `limit`; hidden roots are few, each checked with one probe of comments_thread.
 */
export async function listThreadRoots(
  db: DB,
  articleId: number,
  sort: CommentSort,
  limit: number,
  cursor?: ThreadCursor,
): Promise<PublicComment[]> {
  const [shown, removed] = await Promise.all([
    rootsInOrder(db, articleId, sort, cursor).where('status', '=', 'approved').limit(limit).execute(),
    rootsInOrder(db, articleId, sort, cursor)
      .where('status', 'in', HIDDEN_STATUSES)
      .where(hasShownReply)
      .limit(limit)
      .execute(),
  ]);
  if (removed.length === 0) return shown.map(toPublicComment);
  return [...shown.map(toPublicComment), ...removed.map(toPlaceholder)].sort(compareRoots(sort)).slice(0, limit);
}

/**
 * Approved replies of the given threads, oldest first. The status is filtered here, not in SQL: SQLite
 * has no statistics (we never ANALYZE), takes `status = ?` for selective, and given it walks
 * comments_status_created in created_at order through every approved comment in the table (300 ms at
 * 200,000 comments, bench/explain.ts) instead of the thread index. Without it, comments_thread is the
 * only usable index, so cost follows the threads shown; their few held or removed replies are dropped here.
 */
export async function listApprovedReplies(db: DB, threadIds: number[]): Promise<PublicComment[]> {
  if (threadIds.length === 0) return [];
  const rows = await db
    .selectFrom('comments')
    .select(PUBLIC_COLUMNS)
    .where('thread_id', 'in', threadIds)
    .where('depth', '>', 0)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.filter((r) => r.status === 'approved').map(toPublicComment);
}

/**
 * Hangs replies under their parents. A reply attached at the depth limit hangs beside the comment it
 * answers (under the nearest ancestor one level up); a reply whose parent is not shown (held or
 * removed) hangs from its thread's root.
 */
export function assembleThreads(roots: PublicComment[], replies: PublicComment[]): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  for (const c of roots) nodes.set(c.id, { comment: c, replies: [] });
  for (const c of replies) nodes.set(c.id, { comment: c, replies: [] });
  for (const c of replies) {
    nodes.get(displayParentId(c, nodes) ?? c.threadId)?.replies.push(nodes.get(c.id)!);
  }
  return roots.map((r) => nodes.get(r.id)!);
}

/** The shown comment a reply nests under: its parent, or the parent's ancestor one level above it. */
export function displayParentId(
  c: { parentId: number | null; depth: number },
  nodes: Map<number, { comment: { parentId: number | null; depth: number; id: number } }>,
): number | null {
  let p = c.parentId !== null ? nodes.get(c.parentId) : undefined;
  // Bounded: every step goes to a strictly older comment of the same thread.
  while (p && p.comment.depth >= c.depth) p = p.comment.parentId !== null ? nodes.get(p.comment.parentId) : undefined;
  return p ? p.comment.id : null;
}

/**
 * A top-level comment as its thread shows it, under a published article: approved, or the placeholder
 * of a hidden one while replies to it are shown (the `?thread=` view, links to those replies, live.js).
 */
export async function findThreadRoot(db: DB, id: number, articleId?: number): Promise<PublicComment | undefined> {
  let q = db
    .selectFrom('comments')
    .select(PUBLIC_COLUMNS)
    .where('id', '=', id)
    .where('depth', '=', 0)
    .where((eb) => eb.or([eb('status', '=', 'approved'), hasShownReply(eb)]))
    .where('article_id', 'in', (eb) => eb.selectFrom('articles').select('id').where('status', '=', 'published'));
  if (articleId !== undefined) q = q.where('article_id', '=', articleId);
  const row = await q.executeTakeFirst();
  return row && (row.status === 'approved' ? toPublicComment(row) : toPlaceholder(row));
}

/** An approved comment under a published article (an unpublished article takes its discussion with it). */
export async function findApprovedComment(db: DB, id: number): Promise<PublicComment | undefined> {
  const row = await db
    .selectFrom('comments')
    .select(PUBLIC_COLUMNS)
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .where('article_id', 'in', (eb) => eb.selectFrom('articles').select('id').where('status', '=', 'published'))
    .executeTakeFirst();
  return row ? toPublicComment(row) : undefined;
}

/** Id, parent and depth of every approved comment of a thread: enough to place one comment in it. */
export async function listThreadShape(
  db: DB,
  threadId: number,
): Promise<Array<{ id: number; parentId: number | null; depth: number }>> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'depth'])
    .where('thread_id', '=', threadId)
    .where('status', '=', 'approved')
    .execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, depth: r.depth }));
}

/** A comment with the fields the write path needs (ownership, status, place in its thread). */
export async function findStoredComment(db: DB, id: number): Promise<StoredComment | undefined> {
  const r = await db
    .selectFrom('comments')
    .select([
      'id',
      'article_id',
      'parent_id',
      'thread_id',
      'depth',
      'author_user_id',
      'author_name',
      'author_email',
      'edit_token_hash',
      'body_html',
      'body_source',
      'status',
      'created_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    threadId: r.thread_id ?? r.id,
    depth: r.depth,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    authorEmail: r.author_email,
    editTokenHash: r.edit_token_hash,
    bodyHtml: r.body_html,
    bodySource: r.body_source,
    status: r.status,
    createdAt: r.created_at,
  };
}

/** The article a comment is posted under, with what decides whether it takes comments. */
export interface DiscussionTarget {
  id: number;
  slug: string;
  headline: string;
  published: boolean;
  commentsOpen: boolean;
  /** Approved comments. */
  commentCount: number;
  /** Keys the cached fragments. */
  commentsVersion: number;
}

export async function findDiscussionTarget(
  db: DB,
  by: { id: number } | { slug: string },
): Promise<DiscussionTarget | undefined> {
  let q = db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'status', 'comments_open', 'comment_count', 'comments_version']);
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('slug', '=', by.slug);
  const r = await q.executeTakeFirst();
  return r
    ? {
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        published: r.status === 'published',
        commentsOpen: r.comments_open === 1,
        commentCount: r.comment_count,
        commentsVersion: r.comments_version,
      }
    : undefined;
}

/** Comments by one account or one address since a time, in any status (the posting rate limit). */
export async function countCommentsSince(
  db: DB,
  by: { userId: number } | { ipHash: string },
  since: string,
): Promise<number> {
  let q = db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>', since);
  q = 'userId' in by ? q.where('author_user_id', '=', by.userId) : q.where('ip_hash', '=', by.ipHash);
  const { n } = await q.executeTakeFirstOrThrow();
  return Number(n);
}

/** True when the comment has replies readers can see (its author may then no longer delete it). */
export async function hasApprovedReplies(db: DB, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('parent_id', '=', id)
    .where('status', '=', 'approved')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The viewer's own comments on an article since a time, still shown or awaiting review. */
export async function listOwnComments(
  db: DB,
  articleId: number,
  owner: CommentOwner,
  since: string,
): Promise<OwnComment[]> {
  let q = db
    .selectFrom('comments')
    .select(['id', 'status', 'body_html', 'created_at'])
    .where('article_id', '=', articleId)
    .where('created_at', '>', since)
    .where('status', 'in', ['approved', 'pending', 'spam']);
  q =
    'userId' in owner
      ? q.where('author_user_id', '=', owner.userId)
      : q.where('edit_token_hash', '=', owner.editTokenHash);
  const rows = await q.orderBy('created_at', 'desc').limit(20).execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    excerpt: commentExcerpt(r.body_html, 80),
    createdAt: r.created_at,
  }));
}

/**
 * Articles where the account with this e-mail has an approved comment (its Supporter badge shows there).
 * Reads through users' unique e-mail and comments_author_user_status.
 */
export async function findArticlesCommentedByAccount(db: DB, email: string): Promise<number[]> {
  const account = db.selectFrom('users').select('users.id').where('users.email', '=', email.toLowerCase());
  const rows = await db
    .selectFrom('comments')
    .select('comments.article_id')
    .distinct()
    .where('comments.author_user_id', '=', account)
    .where('comments.status', '=', 'approved')
    .execute();
  return rows.map((r) => r.article_id);
}
