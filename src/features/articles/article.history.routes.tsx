/**
 * The editor's history, autosave and live preview routes: /admin/articles/:id/history (the revisions), one
 * revision against the current text, restoring it, and the JSON endpoints the editor's script posts to
 * (autosave, the body's live preview). Staff who write only (requireRole('author')); who may see or change
 * which article is the services' job.
 */
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { formErrors, flashMessage } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import {
  autosaveArticle,
  discardAutosave,
  loadHistory,
  loadRevisionDiff,
  restoreRevision,
} from './article.revision.service.js';
import { LIMITS } from './article.input.js';
import { ArticleHistoryPage, RevisionDiffPage } from './views/admin/ArticleHistoryPage.js';
import { render } from 'preact-render-to-string';
import { loadLivePreview } from './article.admin.service.js';
import { LiveBodyPreview, SharePreviewCard } from './views/admin/LivePreview.js';
import { formId } from './article.input.js';
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { I18n } from '../../platform/i18n.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const IdParams = Type.Object({ id: Id });
const RevisionParams = Type.Object({ id: Id, rev: Id });
const RestoreBody = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  revision: Type.String({ pattern: '^[0-9]{1,9}$' }),
});
const CsrfBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
const AutosaveBody = Type.Object(
  {
    headline: Type.String({ maxLength: LIMITS.headline + 50 }),
    excerpt: Type.String({ maxLength: LIMITS.excerpt + 100 }),
    dateline: Type.String({ maxLength: LIMITS.dateline + 20 }),
    body: Type.String({ maxLength: LIMITS.body }),
    revision: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
    draft: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
  },
  { additionalProperties: false },
);
const LivePreviewBody = Type.Object(
  {
    body: Type.String({ maxLength: LIMITS.body }),
    headline: Type.Optional(Type.String({ maxLength: LIMITS.headline + 50 })),
    excerpt: Type.Optional(Type.String({ maxLength: LIMITS.excerpt + 100 })),
    lead_image: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) });

/** Autosave: a tab sends at most one request every few seconds while its writer types. */
const AUTOSAVE_LIMIT = { max: 60, timeWindow: '1 minute' };
/** Autosave bodies are JSON: 200,000 characters of CJK text are up to 600 kB in UTF-8, plus escapes. */
const AUTOSAVE_BODY_LIMIT = 2 * 1024 * 1024;

const NOTICES: Record<string, string> = { discarded: 'history.notice_discarded' };

export async function articleHistoryRoutes(app: AppInstance): Promise<void> {
  const writer = requireRole('author');

  app.get(
    '/admin/articles/:id/history',
    { schema: { params: IdParams, querystring: DoneQuery }, preHandler: writer },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const history = await loadHistory(app.deps, viewer, request.params.id);
      const notice = flashMessage(NOTICES, request.query.done);
      return reply.page(
        { title: request.i18n.t('history.title', { headline: history.article.headline }), bodyClass: 'admin' },
        <ArticleHistoryPage role={viewer.role} history={history} notice={notice && request.i18n.t(notice)} />,
      );
    },
  );

  const renderDiff = async (
    request: { params: unknown; i18n: I18n },
    reply: Parameters<Parameters<typeof formErrors>[0]>[1],
    viewer: ReturnType<typeof viewerOf>,
    error?: Parameters<Parameters<typeof formErrors>[0]>[2],
  ) => {
    const { id, rev } = request.params as { id: number; rev: number };
    const diff = await loadRevisionDiff(app.deps, viewer, Number(id), Number(rev));
    return reply.page(
      { title: request.i18n.t('history.compare_title', { headline: diff.article.headline }), bodyClass: 'admin' },
      <RevisionDiffPage role={viewer.role} csrf={reply.formToken()} diff={diff} error={error} />,
      error ? error.status : 200,
    );
  };

  app.get(
    '/admin/articles/:id/history/:rev',
    { schema: { params: RevisionParams }, preHandler: writer },
    async (request, reply) => renderDiff(request, reply, viewerOf(request)),
  );

  app.post(
    '/admin/articles/:id/history/:rev/restore',
    {
      schema: { params: RevisionParams, body: RestoreBody },
      preHandler: [writer, app.csrfProtection],
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      // A conflict (saved since the page was opened) shows the comparison again, against the newest text.
      errorHandler: formErrors(async (request, reply, error) => {
        await writer(request, reply);
        return renderDiff(request, reply, viewerOf(request), error);
      }),
    },
    async (request, reply) => {
      const { id, rev } = request.params;
      await restoreRevision(app.deps, viewerOf(request), id, rev, Number(request.body.revision));
      return reply.redirect(`/admin/articles/${id}/edit?done=restored`, 303);
    },
  );

  app.post(
    '/admin/articles/:id/autosave',
    {
      bodyLimit: AUTOSAVE_BODY_LIMIT,
      schema: { params: IdParams, body: AutosaveBody },
      preHandler: [writer, app.csrfProtection],
      config: { rateLimit: AUTOSAVE_LIMIT },
    },
    async (request, reply) => {
      const saved = await autosaveArticle(app.deps, viewerOf(request), request.params.id, request.body);
      return reply.send(saved);
    },
  );

  app.post(
    '/admin/articles/preview/live',
    {
      bodyLimit: AUTOSAVE_BODY_LIMIT,
      schema: { body: LivePreviewBody },
      preHandler: [writer, app.csrfProtection],
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const b = request.body;
      const { bodyHtml, images, card } = await loadLivePreview(app.deps, viewerOf(request), {
        bodyMd: b.body,
        headline: b.headline ?? '',
        excerpt: b.excerpt ?? '',
        leadImageId: formId(b.lead_image),
      });
      const { name } = await readSiteIdentity(app.deps);
      const siteUrl = app.deps.config.siteUrl;
      return reply.send({
        html: render(<LiveBodyPreview bodyHtml={bodyHtml} images={images} />),
        card: render(<SharePreviewCard card={card} siteName={name} siteUrl={siteUrl} />),
      });
    },
  );

  app.post(
    '/admin/articles/:id/autosave/discard',
    { schema: { params: IdParams, body: CsrfBody }, preHandler: [writer, app.csrfProtection] },
    async (request, reply) => {
      await discardAutosave(app.deps, viewerOf(request), request.params.id);
      return reply.redirect(`/admin/articles/${request.params.id}/edit?done=discarded`, 303);
    },
  );
}
