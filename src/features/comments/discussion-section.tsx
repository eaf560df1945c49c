/**
 * The discussion section of a page (the article, or the embedded discussion): the shared, cached list
 * plus what belongs to this viewer. Pages call `discussionSection` and place the result.
 */
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.js';
import { findApprovedComment } from './comment.repo.js';
import { getDiscussionPage, loadViewerState, MAX_THREADS_ALL } from './comment.service.js';
import { COMMENT_SORTS, type CommentSort } from './comment.types.js';
import { commentExcerpt } from './comment-format.js';
import { CURSOR_PATTERN, decodeCursor, encodeCursor } from './cursor.js';
import { getDiscussionSettings } from './discussion-settings.js';
import { commentOwner, readReader, voterKey } from './reader-identity.js';
import { Discussion } from './views/Discussion.js';
import type { ReplyTarget } from './views/CommentForm.js';
import type { PassageChoiceProps } from './inline/views/PassageViews.js';

/** Query parameters of a page that shows a discussion; pages spread these into their querystring schema. */
export const DISCUSSION_QUERY = {
  sort: Type.Optional(Type.Union(COMMENT_SORTS.map((s) => Type.Literal(s)))),
  /** "View all comments". */
  comments: Type.Optional(Type.Literal('all')),
  /** "Load more": the cursor of the last thread shown. */
  after: Type.Optional(Type.String({ pattern: CURSOR_PATTERN })),
  /** One conversation alone (where a link to a comment lands when it is beyond the first page). */
  thread: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  /** Reply to this comment (the form without JavaScript). */
  reply: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  /** Inline feedback: one passage's comments, and the form set to that passage. */
  passage: Type.Optional(Type.String({ pattern: '^p\\d{1,4}$' })),
};

export interface DiscussionQueryParams {
  sort?: CommentSort;
  comments?: 'all';
  after?: string;
  thread?: number;
  reply?: number;
  passage?: string;
}

export interface DiscussionArticle {
  id: number;
  slug: string;
  commentCount: number;
  commentsVersion: number;
  commentsOpen: boolean;
}

export async function discussionSection(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'caches' | 'bus'>,
  request: FastifyRequest,
  reply: FastifyReply,
  article: DiscussionArticle,
  query: DiscussionQueryParams,
  basePath: string,
  opts: {
    /** The embedded discussion, and the guest its frame token names (null before their first write there). */
    embed?: { guestId: string | null };
    inline?: { choice: PassageChoiceProps; panel: VNode | null };
  } = {},
): Promise<VNode> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const settings = await getDiscussionSettings(db);
  const sort = query.sort ?? 'newest';
  const showingAll = query.comments === 'all';
  const page = await getDiscussionPage(db, deps.caches.discussionPages, {
    articleId: article.id,
    version: article.commentsVersion,
    sort,
    downvotes: settings.downvotes,
    i18n: request.i18n,
    thread: query.thread,
    limit: showingAll ? MAX_THREADS_ALL : settings.threadsPerPage,
    cursor: query.after ? decodeCursor(query.after) : undefined,
  });
  const reader = readReader(request, deps.config, opts.embed);
  const owner = commentOwner(reader);
  const vk = voterKey(reader, deps.config.secretKey);
  const viewer =
    owner || vk
      ? await loadViewerState(db, {
          articleId: article.id,
          owner,
          voterKey: vk,
          commentIds: page.commentIds,
          settings,
          now,
        })
      : { myVotes: {}, own: [] };
  const replyTo = query.reply ? await replyTarget(deps, article.id, query.reply) : null;
  // The embed's forms are posted by its own document (Sec-Fetch-Site: same-origin, src/web/cross-origin.ts)
  // and it sets no cookie: a third-party frame would not get it back.
  const csrfToken = opts.embed ? '' : reply.formToken();
  const embed = opts.embed
    ? { articleUrl: `${deps.config.siteUrl}/articles/${article.slug}`, siteName: (await readSiteIdentity(deps)).name }
    : undefined;
  return (
    <Discussion
      articleId={article.id}
      slug={article.slug}
      basePath={basePath}
      currentUrl={withoutReply(request.url)}
      commentCount={article.commentCount}
      sort={sort}
      listHtml={page.html}
      showingAll={showingAll}
      nextCursor={page.next ? encodeCursor(page.next) : null}
      continued={query.after !== undefined}
      thread={query.thread ?? null}
      commentsOpen={article.commentsOpen}
      csrfToken={csrfToken}
      viewer={viewer}
      now={now}
      embed={embed}
      form={{
        action: opts.embed ? basePath : `/articles/${article.slug}/comments`,
        back: basePath,
        csrfToken,
        viewerName: request.viewer?.name ?? null,
        replyTo,
        cancelReplyHref: `${basePath}#comment-form`,
        passage: replyTo ? undefined : opts.inline?.choice,
        guestOnly: opts.embed !== undefined,
      }}
      passagePanel={opts.inline?.panel}
    />
  );
}

/** This page's path and query, minus `reply` (a vote should not reopen the reply form). */
function withoutReply(url: string): string {
  const u = new URL(url, 'http://local');
  u.searchParams.delete('reply');
  return u.pathname + u.search;
}

/** The comment a reply answers, if it is shown under this article. */
export async function replyTarget(deps: Pick<Deps, 'db'>, articleId: number, id: number): Promise<ReplyTarget | null> {
  const c = await findApprovedComment(deps.db.kysely, id);
  return c && c.articleId === articleId
    ? { id: c.id, authorName: c.authorName, excerpt: commentExcerpt(c.bodyHtml) }
    : null;
}
