/**
 * The discussion's page routes: forms that work without JavaScript (post, reply, vote, edit, delete;
 * each answers with a 303 back to the comment's anchor), permalinks, and the small JSON reads that
 * discussion.js and live.js use to update a page in place.
 */
import { msg } from '../../lib/message.js';
import type { FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { NotifyOfBody, notifyChoice } from '../subscriptions/index.js';
import type { AppInstance } from '../../web/app-instance.js';
import { handleError } from '../../web/error-handler.js';
import { AppError, notFound } from '../../errors.js';
import { fieldErrors, formError, formErrors } from '../../web/forms.js';
import { renderCommentFragment } from './comment.service.js';
import { COMMENT_SORTS } from './comment.types.js';
import { commentForEditing, deleteOwnComment, editComment } from './comment-edit.service.js';
import { submitComment } from './comment-write.service.js';
import { isRowId } from '../../lib/ids.js';
import { authorFrom, castFormVote, ownerFrom, safeBack, setRetryAfter } from './comment-http.js';
import { CURSOR_PATTERN } from './cursor.js';
import { getDiscussionSettings } from './discussion-settings.js';
import {
  commentPermalink,
  loadCommentArticle,
  landingAfterEdit,
  landingAfterPost,
  loadDiscussion,
  loadEditPage,
  loadMoreThreads,
} from './discussion.service.js';
import { replyTarget } from './discussion-section.js';
import { commentOwner, readReader, voterKey } from './reader-identity.js';
import { passageChoiceFor, passageOf } from './inline/inline-form.js';
import { CommentFormPage, EditCommentPage } from './views/CommentPages.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const CommentFormBody = Type.Object({
  body: Type.String({ maxLength: 20_000 }),
  name: Type.Optional(Type.String({ maxLength: 500 })),
  email: Type.Optional(Type.String({ maxLength: 500 })),
  // Ids are 32-bit on PostgreSQL: ten digits at most, and the value is checked where it is used.
  parentId: Type.Optional(Type.String({ pattern: '^\\d{0,10}$' })),
  website: Type.Optional(Type.String({ maxLength: 500 })),
  back: Type.Optional(Type.String({ maxLength: 2000 })),
  /** Inline feedback: the paragraph (`p3`, or empty for the whole article) and the quoted passage. */
  anchor_paragraph: Type.Optional(Type.String({ pattern: '^(p\\d{1,4})?$' })),
  anchor_exact: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
  ...NotifyOfBody,
});
type CommentForm = Static<typeof CommentFormBody>;
export const VoteFormBody = Type.Object({
  vote: Type.String({ pattern: '^\\d{1,10}:(up|down)$' }),
  back: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
});
const EditFormBody = Type.Object({ body: Type.String({ maxLength: 20_000 }), _csrf: Type.Optional(Type.String()) });
const MoreQuery = Type.Object({
  sort: Type.Optional(Type.Union(COMMENT_SORTS.map((s) => Type.Literal(s)))),
  after: Type.String({ pattern: CURSOR_PATTERN }),
});

export async function commentPageRoutes(
  app: AppInstance,
  voteLimiter: ReturnType<AppInstance['rateLimit']>,
): Promise<void> {
  const { db, clock } = app.deps;

  // A refused comment comes back on its own page: the form with what was typed and why (a rate limit
  // also says when to try again).
  const commentAgain = formErrors(async (request, reply, e) => {
    const { slug } = request.params as { slug?: unknown };
    // An address the schema refused names no article to show the form under.
    if (typeof slug !== 'string' || slug === '' || slug.length > 200) return handleError(e, request, reply);
    const f = (request.body && typeof request.body === 'object' ? request.body : { body: '' }) as CommentForm;
    const article = await loadDiscussion(app.deps, slug);
    const articlePath = `/articles/${article.slug}`;
    const back = safeBack(f.back, articlePath);
    const parentId = f.parentId && isRowId(Number(f.parentId)) ? Number(f.parentId) : null;
    setRetryAfter(reply, e);
    const csrfToken = reply.formToken();
    const replyTo = parentId ? await replyTarget(app.deps, article.id, parentId) : null;
    return reply.page(
      { title: request.i18n.t('discussion.form_page_title') },
      <CommentFormPage
        headline={article.headline}
        articlePath={articlePath}
        form={{
          action: `${articlePath}/comments`,
          back,
          csrfToken,
          viewerName: request.viewer?.name ?? null,
          replyTo,
          cancelReplyHref: `${back}#comment-form`,
          values: f,
          error: e.message,
          errorCode: e.code,
          fieldErrors: fieldErrors(e),
          passage: replyTo
            ? undefined
            : await passageChoiceFor(db.kysely, article.id, f.anchor_paragraph, f.anchor_exact, e),
        }}
      />,
      e.status,
    );
  });

  app.post(
    '/articles/:slug/comments',
    {
      schema: { params: SlugParams, body: CommentFormBody },
      preHandler: app.csrfProtection,
      errorHandler: commentAgain,
    },
    async (request, reply) => {
      const article = await loadDiscussion(app.deps, request.params.slug);
      const f = request.body;
      const back = safeBack(f.back, `/articles/${article.slug}`);
      const parentId = f.parentId ? Number(f.parentId) : null;
      if (parentId !== null && !isRowId(parentId)) throw notFound('COMMENT_NOT_FOUND', 'comment');
      const { author, reader } = authorFrom(request, reply, app, f);
      const result = await submitComment(
        app.deps,
        {
          articleId: article.id,
          parentId,
          source: f.body,
          author,
          ipHash: reader.ipHash,
          networkHash: reader.networkHash,
          notify: notifyChoice(f),
          passage: passageOf(f),
        },
        clock.now(),
      );
      return reply.redirect(await landingAfterPost(app.deps, result, back), 303);
    },
  );

  app.post(
    '/comments/vote',
    {
      schema: { body: VoteFormBody },
      config: { rateLimit: false },
      onRequest: voteLimiter,
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const id = await castFormVote(request, reply, app, request.body.vote);
      return reply.redirect(`${safeBack(request.body.back, `/comments/${id}`)}#comment-${id}`, 303);
    },
  );

  // A link to one comment: the article page, showing the comment's thread wherever it is, at its anchor.
  app.get('/comments/:id', { schema: { params: IdParams } }, async (request, reply) => {
    return reply.redirect(await commentPermalink(app.deps, request.params.id), 302);
  });

  app.get('/comments/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const { owner } = ownerFrom(request, app);
    const c = await commentForEditing(app.deps, { commentId: request.params.id, owner }, clock.now());
    return editPage(reply, c);
  });

  app.post(
    '/comments/:id/edit',
    { schema: { params: IdParams, body: EditFormBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { owner, ipHash } = ownerFrom(request, app);
      const c = await commentForEditing(app.deps, { commentId: request.params.id, owner }, clock.now());
      try {
        const result = await editComment(
          app.deps,
          { commentId: c.id, source: request.body.body, owner, ipHash },
          clock.now(),
        );
        return reply.redirect(await landingAfterEdit(app.deps, c, result.status), 303);
      } catch (err) {
        // The form is rebuilt from the comment loaded (and checked) before the edit, not from the request.
        return editPage(reply, { ...c, source: request.body.body }, formError(err, request));
      }
    },
  );

  app.post(
    '/comments/:id/delete',
    { schema: { params: IdParams }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { owner } = ownerFrom(request, app);
      const { articleId } = await deleteOwnComment(app.deps, { commentId: request.params.id, owner }, clock.now());
      const article = await loadCommentArticle(app.deps, articleId);
      return reply.redirect(`/articles/${article.slug}#comments`, 303);
    },
  );

  async function editPage(
    reply: FastifyReply,
    c: { id: number; articleId: number; source: string; editableUntil: Date },
    err?: AppError,
  ) {
    const props = await loadEditPage(app.deps, c);
    return reply.page(
      { title: reply.request.i18n.t('discussion.edit_title') },
      <EditCommentPage {...props} csrfToken={reply.formToken()} error={err?.message} errorCode={err?.code} />,
      err?.status ?? 200,
    );
  }

  // "Load more" in place: the next page of threads as HTML, with the viewer's votes on it.
  app.get(
    '/articles/:slug/comments',
    { schema: { params: SlugParams, querystring: MoreQuery } },
    async (request, reply) => {
      const article = await loadDiscussion(app.deps, request.params.slug);
      const { sort = 'newest', after } = request.query;
      if (!(request.headers.accept ?? '').includes('application/json')) {
        return reply.redirect(`/articles/${article.slug}?${new URLSearchParams({ sort, after })}#comments`, 303);
      }
      const reader = readReader(request, app.deps.config);
      return loadMoreThreads(app.deps, article, {
        sort,
        after,
        owner: commentOwner(reader),
        voterKey: voterKey(reader, app.deps.config.secretKey),
        i18n: request.i18n,
      });
    },
  );

  // One comment rendered as the list renders it (live updates insert it where it belongs).
  app.get('/comments/:id/fragment', { schema: { params: IdParams } }, async (request) => {
    const settings = await getDiscussionSettings(db.kysely);
    const f = await renderCommentFragment(db.kysely, request.params.id, {
      downvotes: settings.downvotes,
      i18n: request.i18n,
    });
    if (!f) throw new AppError('COMMENT_NOT_SHOWN', msg('discussion.error_not_shown'));
    return {
      id: f.comment.id,
      threadId: f.comment.threadId,
      parentId: f.displayParentId,
      depth: f.comment.depth,
      authorName: f.comment.authorName,
      html: f.html,
    };
  });
}
