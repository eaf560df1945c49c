/**
 * The discussion on another site's page: `<script src="https://site/embed.js" data-article="slug">`
 * inserts an iframe of `/embed/articles/<slug>/comments`. Only these pages may be framed by other
 * sites: any site, or those the publisher lists (embed-settings.ts, `frame-ancestors`); every other page
 * keeps helmet's frame-ancestors 'self' and X-Frame-Options.
 *
 * Readers write, reply and vote inside the frame, as guests: the frame's own token (frame-token.ts) stands for
 * the cookie a third-party frame does not get. Until their first write the page is the same for everyone (and
 * cacheable); the write issues the token and lands on `/embed/articles/<slug>/comments/<token>`, which is
 * personal (their votes marked, their held comments listed) and never cached. The forms are posted by the
 * frame's own document, so the usual cross-origin check (Sec-Fetch-Site: same-origin) protects them.
 */
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { notifyChoice } from '../subscriptions/index.js';
import { withI18n } from '../../web/i18n-context.js';
import type { AppInstance } from '../../web/app-instance.js';
import { handleError } from '../../web/error-handler.js';
import { fieldErrors, formErrors } from '../../web/forms.js';
import { notFound } from '../../errors.js';
import { isRowId } from '../../lib/ids.js';
import { authorFrom, castFormVote, safeBack, setRetryAfter } from './comment-http.js';
import { CommentFormBody, VoteFormBody } from './comment.routes.js';
import { submitComment } from './comment-write.service.js';
import { landingAfterPost, loadDiscussion } from './discussion.service.js';
import { DISCUSSION_QUERY, discussionSection, replyTarget, type DiscussionQueryParams } from './discussion-section.js';
import { FRAME_TOKEN_PATTERN, guestOfFrameToken, issueFrameToken } from './frame-token.js';
import { frameAncestorsOf, getEmbedSettings } from './embed-settings.js';
import { CommentFormPage } from './views/CommentPages.js';
import { REPORT_REASONS } from './moderation/moderation.table.js';
import { findReportableComment, reportComment } from './moderation/report.service.js';
import { REPORT_LIMIT } from './moderation/report.routes.js';
import { ReportPage, ReportThanksPage } from './moderation/views/ReportPage.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { commentOwner, readReader } from './reader-identity.js';
import { EmbedPage } from './views/EmbedPage.js';
import { passageLinksToArticle } from './inline/views/passage-tools.js';

const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const TokenParams = Type.Object({
  slug: Type.String({ minLength: 1, maxLength: 200 }),
  token: Type.String({ pattern: FRAME_TOKEN_PATTERN }),
});
const EmbedQuery = Type.Object({ ...DISCUSSION_QUERY });

/** The embed's address for an article, with the guest's token once they have one. */
export const embedPath = (slug: string, token?: string | null): string =>
  `/embed/articles/${slug}/comments${token ? `/${token}` : ''}`;

/** Lets other sites frame this response: frame-ancestors widened, X-Frame-Options dropped. */
export function allowFraming(reply: FastifyReply, ancestors: string): void {
  const csp = reply.raw.getHeader('content-security-policy');
  if (typeof csp === 'string')
    reply.raw.setHeader(
      'content-security-policy',
      csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`),
    );
  reply.raw.removeHeader('x-frame-options');
}

/**
 * The shared comment list links "Report" to the site's report page, which no frame may show; in the embed it
 * goes to the embed's own report page, inside the frame.
 */
function reportLinksInFrame(pageHtml: string, base: string): string {
  return pageHtml.replace(
    /<a class="report-link" href="\/comments\/(\d+)\/report"/g,
    `<a class="report-link" href="${base}/report/$1"`,
  );
}

/** The query string of a same-embed address (`back`), to land on the same sort and page after a vote. */
function queryOf(back: string | undefined, slug: string): string {
  const safe = safeBack(back, '');
  if (!safe.startsWith(`/embed/articles/${slug}/comments`)) return '';
  const at = safe.indexOf('?');
  return at < 0
    ? ''
    : safe
        .slice(at)
        .replace(/([?&])reply=\d+&?/, '$1')
        .replace(/[?&]$/, '');
}

export async function embedRoutes(app: AppInstance, voteLimiter: ReturnType<AppInstance['rateLimit']>): Promise<void> {
  const { config, clock } = app.deps;

  app.get('/embed.js', async (_request, reply) => {
    // Other sites load this script: helmet's Cross-Origin-Resource-Policy (same-origin) would block it.
    reply.raw.setHeader('cross-origin-resource-policy', 'cross-origin');
    reply.header('cache-control', 'public, max-age=3600');
    return reply.type('text/javascript; charset=utf-8').sendFile('js/embed.js');
  });

  /** The framed document around `body` (the discussion, or the form again with what was refused). */
  async function sendEmbed(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { slug: string; headline: string },
    token: string | null,
    body: VNode,
    status = 200,
  ) {
    allowFraming(reply, frameAncestorsOf(await getEmbedSettings(app.deps.db.kysely)));
    // A guest's page (their votes, their held comments) is theirs alone: no cache may keep or share it.
    if (token) reply.header('cache-control', 'private, no-store');
    const articleUrl = `${config.siteUrl}/articles/${target.slug}`;
    const site = await readSiteIdentity(app.deps);
    const html = reportLinksInFrame(
      passageLinksToArticle(
        renderToString(
          withI18n(
            request.i18n,
            <EmbedPage
              headline={target.headline}
              articleUrl={articleUrl}
              siteName={site.name}
              token={token}
              siteStyleVersion={site.accent || site.typePairing !== 'system' ? site.version : null}
            >
              {body}
            </EmbedPage>,
          ),
        ),
        articleUrl,
        request.i18n,
      ),
      embedPath(target.slug, token),
    );
    return reply.code(status).type('text/html; charset=utf-8').send(`<!doctype html>${html}`);
  }

  async function showDiscussion(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    query: DiscussionQueryParams,
    frame: { token: string; guestId: string } | null,
  ) {
    const target = await loadDiscussion(app.deps, slug);
    const section = await discussionSection(
      app.deps,
      request,
      reply,
      target,
      query,
      embedPath(target.slug, frame?.token),
      { embed: { guestId: frame?.guestId ?? null } },
    );
    return sendEmbed(request, reply, target, frame?.token ?? null, section);
  }

  /** The frame's guest: the one its token names, or a new one (their first write here). */
  const frameOf = (token: string | undefined): { token: string; guestId: string } => {
    const guestId = guestOfFrameToken(config.secretKey, token);
    return guestId && token ? { token, guestId } : issueFrameToken(config.secretKey);
  };

  app.get(
    '/embed/articles/:slug/comments',
    { schema: { params: SlugParams, querystring: EmbedQuery } },
    async (request, reply) => showDiscussion(request, reply, request.params.slug, request.query, null),
  );

  app.get(
    '/embed/articles/:slug/comments/:token',
    { schema: { params: TokenParams, querystring: EmbedQuery } },
    async (request, reply) => {
      const { slug, token } = request.params;
      const guestId = guestOfFrameToken(config.secretKey, token);
      if (!guestId) {
        // Not a token this site issued (or the site's secret changed): the shared page, as before any write.
        const at = request.url.indexOf('?');
        return reply.redirect(`${embedPath(slug)}${at < 0 ? '' : request.url.slice(at)}`, 303);
      }
      return showDiscussion(request, reply, slug, request.query, { token, guestId });
    },
  );

  // A refused comment comes back in the frame: the form with what was typed and why.
  const commentAgain = formErrors(async (request, reply, e) => {
    const { slug, token } = request.params as { slug?: unknown; token?: unknown };
    if (typeof slug !== 'string' || slug === '' || slug.length > 200) return handleError(e, request, reply);
    const frameToken = typeof token === 'string' && guestOfFrameToken(config.secretKey, token) ? token : null;
    const f = (request.body && typeof request.body === 'object' ? request.body : { body: '' }) as {
      body?: string;
      parentId?: string;
    };
    const target = await loadDiscussion(app.deps, slug);
    const path = embedPath(target.slug, frameToken);
    const parentId = f.parentId && isRowId(Number(f.parentId)) ? Number(f.parentId) : null;
    setRetryAfter(reply, e);
    const replyTo = parentId ? await replyTarget(app.deps, target.id, parentId) : null;
    return sendEmbed(
      request,
      reply,
      target,
      frameToken,
      <CommentFormPage
        headline={target.headline}
        articlePath={path}
        form={{
          action: path,
          back: path,
          csrfToken: '',
          viewerName: null,
          replyTo,
          cancelReplyHref: `${path}#comment-form`,
          values: f,
          error: e.message,
          errorCode: e.code,
          fieldErrors: fieldErrors(e),
          guestOnly: true,
        }}
      />,
      e.status,
    );
  });

  async function postComment(
    request: FastifyRequest,
    reply: FastifyReply,
    params: { slug: string; token?: string },
    f: Static<typeof CommentFormBody>,
  ) {
    const target = await loadDiscussion(app.deps, params.slug);
    const parentId = f.parentId ? Number(f.parentId) : null;
    if (parentId !== null && !isRowId(parentId)) throw notFound('COMMENT_NOT_FOUND', 'comment');
    const frame = frameOf(params.token);
    const { author, reader } = authorFrom(request, reply, app, f, frame);
    const result = await submitComment(
      app.deps,
      {
        articleId: target.id,
        parentId,
        source: f.body,
        author,
        ipHash: reader.ipHash,
        networkHash: reader.networkHash,
        notify: notifyChoice(f),
        // Passages are chosen on the article page, where the paragraphs are.
        passage: undefined,
      },
      clock.now(),
    );
    return reply.redirect(await landingAfterPost(app.deps, result, embedPath(target.slug, frame.token)), 303);
  }

  async function postVote(
    request: FastifyRequest,
    reply: FastifyReply,
    params: { slug: string; token?: string },
    body: Static<typeof VoteFormBody>,
  ) {
    const target = await loadDiscussion(app.deps, params.slug);
    const frame = frameOf(params.token);
    const id = await castFormVote(request, reply, app, body.vote, frame);
    const back = `${embedPath(target.slug, frame.token)}${queryOf(body.back, target.slug)}`;
    return reply.redirect(`${back}#comment-${id}`, 303);
  }

  const commentRoute = { preHandler: app.csrfProtection, errorHandler: commentAgain };
  app.post(
    '/embed/articles/:slug/comments',
    { ...commentRoute, schema: { params: SlugParams, body: CommentFormBody } },
    (request, reply) => postComment(request, reply, request.params, request.body),
  );
  app.post(
    '/embed/articles/:slug/comments/:token',
    { ...commentRoute, schema: { params: TokenParams, body: CommentFormBody } },
    (request, reply) => postComment(request, reply, request.params, request.body),
  );
  const voteRoute = { config: { rateLimit: false as const }, onRequest: voteLimiter, preHandler: app.csrfProtection };
  app.post(
    '/embed/articles/:slug/comments/vote',
    { ...voteRoute, schema: { params: SlugParams, body: VoteFormBody } },
    (request, reply) => postVote(request, reply, request.params, request.body),
  );
  app.post(
    '/embed/articles/:slug/comments/:token/vote',
    { ...voteRoute, schema: { params: TokenParams, body: VoteFormBody } },
    (request, reply) => postVote(request, reply, request.params, request.body),
  );

  // Reporting a comment inside the frame: the site's report form, posted by the frame's own document. Guests
  // report by their hashed address, as on the site (clearing storage does not make a second reader); the frame's
  // token says whether the comment is their own.
  const ReportParams = Type.Object({
    slug: Type.String({ minLength: 1, maxLength: 200 }),
    token: Type.Optional(Type.String({ pattern: FRAME_TOKEN_PATTERN })),
    id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  });
  const ReportQuery = Type.Object({
    done: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('already')])),
  });
  const ReportBody = Type.Object({
    reason: Type.Optional(Type.Union(REPORT_REASONS.map((r) => Type.Literal(r)))),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    _csrf: Type.Optional(Type.String()),
  });
  type ReportAt = { slug: string; token?: string; id: number };

  /** The comment, when it is under this article; the frame's own token, when the site issued it. */
  async function reportTarget(at: ReportAt, alsoPending = false) {
    const target = await loadDiscussion(app.deps, at.slug);
    const comment = await findReportableComment(app.deps, at.id, { alsoPending });
    if (comment.articleId !== target.id) throw notFound('COMMENT_NOT_FOUND', 'comment');
    const guestId = guestOfFrameToken(config.secretKey, at.token);
    const token = guestId ? at.token! : null;
    const base = embedPath(target.slug, token);
    return { target, comment, guestId, token, base, action: `${base}/report/${comment.id}` };
  }

  async function showReport(request: FastifyRequest, reply: FastifyReply, at: ReportAt, done?: 'sent' | 'already') {
    const r = await reportTarget(at, done !== undefined);
    const back = `${r.base}#comment-${r.comment.id}`;
    return sendEmbed(
      request,
      reply,
      r.target,
      r.token,
      done ? (
        <ReportThanksPage comment={r.comment} already={done === 'already'} back={`${r.base}#comments`} />
      ) : (
        <ReportPage comment={r.comment} csrfToken="" action={r.action} back={back} />
      ),
    );
  }

  const reportAgain = formErrors(async (request, reply, error) => {
    const at = request.params as Partial<ReportAt>;
    if (typeof at.slug !== 'string' || typeof at.id !== 'number') return handleError(error, request, reply);
    const r = await reportTarget(at as ReportAt);
    const b = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    return sendEmbed(
      request,
      reply,
      r.target,
      r.token,
      <ReportPage
        comment={r.comment}
        csrfToken=""
        action={r.action}
        back={`${r.base}#comment-${r.comment.id}`}
        reason={REPORT_REASONS.find((x) => x === b.reason)}
        note={typeof b.note === 'string' ? b.note.trim() : ''}
        error={error}
      />,
      error.code === 'REPORT_REASON_REQUIRED' ? 422 : error.status,
    );
  });

  async function postReport(
    request: FastifyRequest,
    reply: FastifyReply,
    at: ReportAt,
    body: Static<typeof ReportBody>,
  ) {
    const r = await reportTarget(at);
    if (!body.reason)
      throw new AppError('REPORT_REASON_REQUIRED', msg('moderation.report_reason_required'), {
        fields: { reason: msg('moderation.report_reason_required_field') },
      });
    const reader = readReader(request, config, { guestId: r.guestId });
    const outcome = await reportComment(app.deps, {
      commentId: r.comment.id,
      reporter: {
        key: `g:${reader.ipHash}`,
        userId: null,
        emailHash: null,
        ipHash: reader.ipHash,
        owner: commentOwner(reader),
      },
      reason: body.reason,
      note: body.note?.trim() || null,
      now: clock.now(),
    });
    return reply.redirect(`${r.action}?done=${outcome.recorded ? 'sent' : 'already'}`, 303);
  }

  for (const path of [
    '/embed/articles/:slug/comments/report/:id',
    '/embed/articles/:slug/comments/:token/report/:id',
  ]) {
    app.get(path, { schema: { params: ReportParams, querystring: ReportQuery } }, (request, reply) =>
      showReport(request, reply, request.params, request.query.done),
    );
    app.post(
      path,
      {
        config: { rateLimit: REPORT_LIMIT },
        preHandler: app.csrfProtection,
        schema: { params: ReportParams, body: ReportBody },
        errorHandler: reportAgain,
      },
      (request, reply) => postReport(request, reply, request.params, request.body),
    );
  }
}
