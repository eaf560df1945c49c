/**
 * Reads behind the discussion's routes: the article a discussion belongs to, where a link to a comment
 * lands, the edit page's facts, and the next page of threads for "Load more".
 */
import { msg } from '../../lib/message.js';
import type { I18n } from '../../platform/i18n.js';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { findDiscussionTarget, type DiscussionTarget } from './comment.repo.js';
import { getDiscussionPage, loadViewerState, locateComment } from './comment.service.js';
import type { CommentOwner, CommentSort } from './comment.types.js';
import type { SubmitCommentResult } from './comment-write.service.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { getDiscussionSettings } from './discussion-settings.js';

export type { DiscussionTarget };

type ReadDeps = Pick<Deps, 'db'>;

/** The published article a discussion belongs to, by its address; ARTICLE_NOT_FOUND otherwise. */
export async function loadDiscussion(deps: ReadDeps, slug: string): Promise<DiscussionTarget> {
  const article = await findDiscussionTarget(deps.db.kysely, { slug });
  if (!article || !article.published) throw notFound('ARTICLE_NOT_FOUND', 'article');
  return article;
}

/** The article (in any status) a comment belongs to; ARTICLE_NOT_FOUND when it is gone. */
export async function loadCommentArticle(deps: ReadDeps, articleId: number): Promise<DiscussionTarget> {
  const article = await findDiscussionTarget(deps.db.kysely, { id: articleId });
  if (!article) throw notFound('ARTICLE_NOT_FOUND', 'article');
  return article;
}

/** Where a link to one comment lands: its thread on the article page, at its anchor. */
export async function commentPermalink(deps: ReadDeps, commentId: number): Promise<string> {
  const db = deps.db.kysely;
  const settings = await getDiscussionSettings(db);
  const at = await locateComment(db, commentId, settings.threadsPerPage);
  const article = at ? await findDiscussionTarget(db, { id: at.articleId }) : undefined;
  if (!at || !article?.published) throw new AppError('COMMENT_NOT_SHOWN', msg('discussion.error_not_shown'));
  return `/articles/${article.slug}${at.thread ? `?thread=${at.thread}` : ''}#${at.anchor}`;
}

/** Where a reader lands after posting: their comment's anchor, or their notice when it awaits review. */
export async function landingAfterPost(deps: ReadDeps, result: SubmitCommentResult, back: string): Promise<string> {
  const path = back.split('?')[0]!;
  if (result.status !== 'approved') return `${path}#your-comments`;
  const db = deps.db.kysely;
  const settings = await getDiscussionSettings(db);
  const at = await locateComment(db, result.id, settings.threadsPerPage);
  return at?.thread ? `${path}?thread=${at.thread}#comment-${result.id}` : `${path}#comment-${result.id}`;
}

/** Where a reader lands after editing: the comment, or their notice when the edit awaits review. */
export async function landingAfterEdit(
  deps: ReadDeps,
  comment: { id: number; articleId: number },
  status: string,
): Promise<string> {
  if (status === 'approved') return `/comments/${comment.id}`;
  const article = await loadCommentArticle(deps, comment.articleId);
  return `/articles/${article.slug}#your-comments`;
}

export interface EditPageProps {
  commentId: number;
  headline: string;
  articlePath: string;
  source: string;
  minutesLeft: number;
}

/** The edit page of one's own comment: the article it is under and the minutes left to edit. */
export async function loadEditPage(
  deps: ReadDeps & Pick<Deps, 'clock'>,
  c: { id: number; articleId: number; source: string; editableUntil: Date },
): Promise<EditPageProps> {
  const article = await loadCommentArticle(deps, c.articleId);
  const minutesLeft = Math.max(1, Math.ceil((c.editableUntil.getTime() - deps.clock.now().getTime()) / 60_000));
  return {
    commentId: c.id,
    headline: article.headline,
    articlePath: `/articles/${article.slug}`,
    source: c.source,
    minutesLeft,
  };
}

export interface MoreThreads {
  html: string;
  next: string | null;
  myVotes: Record<number, number>;
}

/** "Load more" in place: the next page of threads as HTML, with the viewer's votes on it. */
export async function loadMoreThreads(
  deps: Pick<Deps, 'db' | 'clock' | 'caches' | 'config' | 'bus'>,
  article: DiscussionTarget,
  q: { sort: CommentSort; after: string; owner: CommentOwner | null; voterKey: string | null; i18n: I18n },
): Promise<MoreThreads> {
  const db = deps.db.kysely;
  const settings = await getDiscussionSettings(db);
  const page = await getDiscussionPage(db, deps.caches.discussionPages, {
    articleId: article.id,
    version: article.commentsVersion,
    sort: q.sort,
    limit: settings.threadsPerPage,
    cursor: decodeCursor(q.after),
    downvotes: settings.downvotes,
    i18n: q.i18n,
  });
  const viewer = await loadViewerState(db, {
    articleId: article.id,
    owner: q.owner,
    voterKey: q.voterKey,
    commentIds: page.commentIds,
    settings,
    now: deps.clock.now(),
  });
  return { html: page.html, next: page.next ? encodeCursor(page.next) : null, myVotes: viewer.myVotes };
}
