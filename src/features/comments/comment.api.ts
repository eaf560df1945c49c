/**
 * The discussion's JSON API (documented in OpenAPI under the `comments` tag). The site's own script
 * uses it to post and vote in place. Responses are serialized through their schemas, so a field that
 * is not in the schema (an e-mail, an IP hash) cannot leave, even by mistake.
 */
import { msg } from '../../lib/message.js';
import { Type, type Static } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { problemResponses } from '../../web/problem.js';
import { loadDiscussion } from './discussion.service.js';
import { findShownComment, getDiscussionPage, renderCommentFragment } from './comment.service.js';
import { COMMENT_SORTS, type CommentNode, type PublicComment } from './comment.types.js';
import { submitComment } from './comment-write.service.js';
import { authorFrom, setRetryAfter, voterFrom } from './comment-http.js';
import { CURSOR_PATTERN, decodeCursor, encodeCursor } from './cursor.js';
import { getDiscussionSettings } from './discussion-settings.js';
import { castVote, type VoteValue } from './vote.service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const CommentJson = Type.Object({
  id: Type.Integer(),
  articleId: Type.Integer(),
  parentId: Nullable(Type.Integer({ description: 'The comment this one answers; null for a top-level comment.' })),
  threadId: Type.Integer({ description: 'Id of the top-level comment of the thread.' }),
  depth: Type.Integer({ description: '0 for top-level comments; capped by the reply depth.' }),
  replyToName: Nullable(
    Type.String({ description: 'Set when a reply was attached above its real depth: whom it answers.' }),
  ),
  authorName: Type.String(),
  isAccount: Type.Boolean({ description: 'Written by a signed-in account.' }),
  isSupporter: Type.Boolean({
    description:
      'The author shows the Supporter badge: a signed-in account whose e-mail gave a confirmed gift and chose to show it. Always false for guest comments.',
  }),
  bodyHtml: Type.String({ description: 'Sanitized HTML (p, br, strong, em, a, blockquote, code, pre).' }),
  score: Type.Integer(),
  upvotes: Type.Integer(),
  downvotes: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  editedAt: Nullable(Type.String({ format: 'date-time' })),
  removed: Type.Boolean({
    description:
      'A placeholder for a top-level comment no longer shown while replies to it are: author and text are empty; do not offer voting or replying.',
  }),
});
type CommentJsonT = Static<typeof CommentJson>;

const ThreadJson = Type.Object({
  comment: CommentJson,
  replies: Type.Array(CommentJson, {
    description: 'Approved replies in display order (depth-first); nest them by parentId and depth.',
  }),
});

const ListResponse = Type.Object({
  articleId: Type.Integer(),
  commentCount: Type.Integer({ description: 'Approved comments on the article.' }),
  threads: Type.Array(ThreadJson),
  next: Nullable(Type.String({ description: 'Cursor for the next page (pass as `after`); null on the last page.' })),
});

const PostBody = Type.Object({
  body: Type.String({
    maxLength: 20_000,
    description: 'What the reader typed: a little Markdown (**bold**, *italic*, [links](…), > quotes, `code`).',
  }),
  name: Type.Optional(Type.String({ maxLength: 500, description: 'Guests only: the name shown.' })),
  email: Type.Optional(Type.String({ maxLength: 500, description: 'Guests only: never shown, used for moderation.' })),
  parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }))),
  website: Type.Optional(Type.String({ maxLength: 500, description: 'Honeypot: must be empty.' })),
  notify: Type.Optional(
    Nullable(
      Type.Union([Type.Literal('all'), Type.Literal('replies')], {
        description:
          '"Notify of": e-mail me about all new comments on this article, or only replies to my comments. A confirmation mail comes first (double opt-in).',
      }),
    ),
  ),
  passage: Type.Optional(
    Nullable(
      Type.Object(
        {
          paragraphId: Type.String({ pattern: '^p\\d{1,4}$', description: 'The paragraph (`p3`) the comment is on.' }),
          exact: Type.String({
            maxLength: 2000,
            description: 'The quoted passage in that paragraph; empty for the whole paragraph.',
          }),
        },
        { description: 'Inline feedback: the passage a top-level comment is on. Ignored on replies.' },
      ),
    ),
  ),
});
const PostResponse = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('approved'), Type.Literal('pending')], {
    description: 'pending: held for a moderator.',
  }),
  message: Type.String(),
  comment: Nullable(CommentJson),
  html: Nullable(Type.String({ description: 'The comment rendered as the page shows it (approved comments only).' })),
});

const VoteBody = Type.Object({
  value: Type.Union([Type.Literal(1), Type.Literal(0), Type.Literal(-1)], {
    description: '1 up, -1 down, 0 takes the vote back.',
  }),
});
const VoteResponse = Type.Object({
  id: Type.Integer(),
  score: Type.Integer(),
  upvotes: Type.Integer(),
  downvotes: Type.Integer(),
  myVote: Type.Integer(),
});

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const ListQuery = Type.Object({
  sort: Type.Optional(Type.Union(COMMENT_SORTS.map((s) => Type.Literal(s)))),
  after: Type.Optional(Type.String({ pattern: CURSOR_PATTERN })),
});
const CSRF_NOTE =
  'State changes need the `x-csrf-token` header with the token of a page of this site (data-csrf on the discussion) and its cookies.';

const toJson = (c: PublicComment): CommentJsonT => ({
  id: c.id,
  articleId: c.articleId,
  parentId: c.parentId,
  threadId: c.threadId,
  depth: c.depth,
  replyToName: c.replyToName,
  authorName: c.authorName,
  isAccount: c.isAccount,
  isSupporter: c.isSupporter,
  bodyHtml: c.bodyHtml,
  score: c.score,
  upvotes: c.upvotes,
  downvotes: c.downvotes,
  createdAt: c.createdAt,
  editedAt: c.editedAt,
  removed: c.removed === true,
});

function flatten(nodes: CommentNode[], out: CommentJsonT[] = []): CommentJsonT[] {
  for (const n of nodes) {
    out.push(toJson(n.comment));
    flatten(n.replies, out);
  }
  return out;
}

export async function commentApiRoutes(
  app: AppInstance,
  voteLimiter: ReturnType<AppInstance['rateLimit']>,
): Promise<void> {
  const { db, clock, caches } = app.deps;

  app.get(
    '/api/articles/:slug/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'A page of top-level threads with their replies',
        params: SlugParams,
        querystring: ListQuery,
        response: {
          200: ListResponse,
          ...problemResponses({
            400: 'A bad sort or cursor (INVALID_INPUT, COMMENT_PAGE_INVALID).',
            404: 'No published article at that slug (ARTICLE_NOT_FOUND).',
          }),
        },
      },
    },
    async (request) => {
      const article = await loadDiscussion(app.deps, request.params.slug);
      const settings = await getDiscussionSettings(db.kysely);
      const page = await getDiscussionPage(db.kysely, caches.discussionPages, {
        articleId: article.id,
        version: article.commentsVersion,
        sort: request.query.sort ?? 'newest',
        limit: settings.threadsPerPage,
        cursor: request.query.after ? decodeCursor(request.query.after) : undefined,
        downvotes: settings.downvotes,
        i18n: request.i18n,
      });
      return {
        articleId: article.id,
        commentCount: article.commentCount,
        next: page.next ? encodeCursor(page.next) : null,
        threads: page.threads.map((t) => ({ comment: toJson(t.comment), replies: flatten(t.replies) })),
      };
    },
  );

  app.get(
    '/api/comments/:id',
    {
      schema: {
        tags: ['comments'],
        summary: 'One approved comment',
        params: IdParams,
        response: {
          200: CommentJson,
          ...problemResponses({ 404: 'The comment is not (or no longer) shown (COMMENT_NOT_SHOWN).' }),
        },
      },
    },
    async (request) => {
      const c = await findShownComment(db.kysely, request.params.id);
      if (!c) throw new AppError('COMMENT_NOT_SHOWN', msg('discussion.error_not_shown'));
      return toJson(c);
    },
  );

  app.post(
    '/api/articles/:slug/comments',
    {
      schema: {
        tags: ['comments'],
        summary: 'Post a comment or a reply',
        description: `Guests give a name and an e-mail; signed-in readers post as their account. ${CSRF_NOTE}`,
        params: SlugParams,
        body: PostBody,
        response: {
          201: PostResponse,
          ...problemResponses({
            400: 'The comment needs attention (COMMENT_INVALID, COMMENT_EMPTY, COMMENT_TOO_LONG, COMMENT_PARENT_GONE, PASSAGE_…); `fields` says which.',
            401: 'The session’s account is gone (COMMENT_SESSION_EXPIRED).',
            403: 'CSRF_INVALID, COMMENTS_CLOSED or COMMENT_REJECTED.',
            404: 'No published article at that slug (ARTICLE_NOT_FOUND).',
            429: 'Too many comments (COMMENT_RATE_LIMITED, RATE_LIMITED); Retry-After says when to try again.',
          }),
        },
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const article = await loadDiscussion(app.deps, request.params.slug);
      const { author, reader } = authorFrom(request, reply, app, request.body);
      const result = await submitComment(
        app.deps,
        {
          articleId: article.id,
          parentId: request.body.parentId ?? null,
          source: request.body.body,
          author,
          ipHash: reader.ipHash,
          networkHash: reader.networkHash,
          passage: request.body.passage ?? null,
          notify: request.body.notify ?? null,
        },
        clock.now(),
      ).catch((err: unknown) => {
        setRetryAfter(reply, err);
        throw err;
      });
      const shown =
        result.status === 'approved'
          ? await renderCommentFragment(db.kysely, result.id, {
              downvotes: (await getDiscussionSettings(db.kysely)).downvotes,
              i18n: request.i18n,
            })
          : null;
      return reply.code(201).send({
        id: result.id,
        status: shown ? 'approved' : 'pending',
        message:
          (shown
            ? 'Your comment is published.'
            : 'Thank you. Your comment is awaiting moderation and will appear once approved.') +
          (request.body.notify
            ? ' To get e-mails about this discussion, follow the link in the confirmation mail we are sending you.'
            : ''),
        comment: shown ? toJson(shown.comment) : null,
        html: shown?.html ?? null,
      });
    },
  );

  app.post(
    '/api/comments/:id/vote',
    {
      schema: {
        tags: ['comments'],
        summary: 'Vote a comment up or down, or take the vote back',
        description: `One vote per reader. ${CSRF_NOTE}`,
        params: IdParams,
        body: VoteBody,
        response: {
          200: VoteResponse,
          ...problemResponses({
            400: 'INVALID_INPUT or VOTE_DOWN_DISABLED.',
            403: 'CSRF_INVALID, VOTE_BANNED, VOTE_OWN_COMMENT or VOTE_GUEST_ALREADY.',
            404: 'The comment is not shown (VOTE_COMMENT_UNAVAILABLE).',
            429: 'Too many votes (VOTE_RATE_LIMITED); Retry-After says when to try again.',
          }),
        },
      },
      config: { rateLimit: false },
      onRequest: voteLimiter,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const voter = voterFrom(request, reply, app);
      return castVote(
        app.deps,
        {
          commentId: request.params.id,
          voterKey: voter.key,
          owner: voter.owner,
          ipHash: voter.ipHash,
          networkHash: voter.networkHash,
          value: request.body.value as VoteValue,
        },
        clock.now(),
      );
    },
  );
}
