/**
 * /admin/articles: the list, the edit form, previews, and the status changes. Every route is for staff
 * who write (requireRole('author')); finer rules (own drafts, editors publish) are the services' job.
 * Forms answer bad input by showing the form again with messages (formErrors) and never half-save.
 */
import { readSiteIdentity } from '../../platform/site-identity.js';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { flashNotice } from '../../web/forms.js';
import {
  loadArticleList,
  loadDeletePage,
  loadSavedPreview,
  loadUnsavedPreview,
  openArticleEditor,
} from './article.admin.service.js';
import { EDITOR_BODY_LIMIT, saveCommandOf } from './article.input.js';
import { unpublishArticle } from './article.publishing.service.js';
import { addCorrection, deleteArticle, saveArticle } from './article.service.js';
import { ArticleDeletePage } from './views/admin/ArticleDeletePage.js';
import { formValuesOf } from './views/admin/ArticleEditPage.js';
import { ArticleListPage } from './views/admin/ArticleListPage.js';
import { editorScreens } from './article.admin.screens.js';
import { articleHistoryRoutes } from './article.history.routes.js';
import { textValuesOf } from './article.revision.service.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ArticleFormBody = Type.Object({
  _csrf: Str(200),
  id: Str(20),
  revision: Str(20),
  headline: Str(1000),
  slug: Str(500),
  excerpt: Str(2000),
  dateline: Str(500),
  body: Str(400_000),
  section: Str(20),
  tags: Str(2000),
  bylines: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 50 })),
  lead_image: Str(20),
  publish_at: Str(40),
  intent: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('publish'), Type.Literal('schedule')])),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published')])),
  q: Str(200),
  mine: Type.Optional(Type.Literal('1')),
  after: Type.Optional(Type.String({ maxLength: 60, pattern: '^[0-9T:.Z-]+~[0-9]+$' })),
  done: Str(20),
});
const DoneQuery = Type.Object({ done: Str(20) });
const CsrfBody = Type.Object({ _csrf: Str(200) });
const CorrectionBody = Type.Object({ _csrf: Str(200), correction: Str(5000) });

const NOTICES: Record<string, string> = {
  created: 'editor.notice_created',
  saved: 'editor.notice_saved',
  published: 'editor.notice_published',
  scheduled: 'editor.notice_scheduled',
  uploaded: 'editor.notice_uploaded',
  unpublished: 'editor.notice_unpublished',
  corrected: 'editor.notice_corrected',
  deleted: 'editor.notice_deleted',
  restored: 'editor.notice_restored',
  discarded: 'editor.notice_discarded',
};

/** The list, the new-article form, the edit form and saving. */
export async function articleAdminRoutes(app: AppInstance): Promise<void> {
  const writer = requireRole('author');
  const { renderEdit, editAgain } = editorScreens(app);

  app.get('/admin/articles', { schema: { querystring: ListQuery }, preHandler: writer }, async (request, reply) => {
    const viewer = viewerOf(request);
    const { status, q = '', mine } = request.query;
    const { items, counts, nextQuery } = await loadArticleList(app.deps, viewer, request.query);
    return reply.page(
      { title: request.i18n.t('editor.articles_heading'), bodyClass: 'admin' },
      <ArticleListPage
        role={viewer.role}
        items={items}
        counts={counts}
        status={status}
        q={q}
        mine={mine === '1'}
        nextQuery={nextQuery}
        notice={flashNotice(request.i18n, NOTICES, request.query.done)}
      />,
    );
  });

  app.get('/admin/articles/new', { schema: { querystring: DoneQuery }, preHandler: writer }, async (request, reply) => {
    const { done } = request.query;
    return renderEdit(request, reply, {
      values: { bylines: [String(viewerOf(request).id)] },
      notice: flashNotice(request.i18n, NOTICES, done),
      pickerOpen: done === 'uploaded',
    });
  });

  app.post(
    '/admin/articles',
    {
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { body: ArticleFormBody },
      preHandler: [writer, app.csrfProtection],
      errorHandler: editAgain,
    },
    async (request, reply) => {
      const { timeZone } = await readSiteIdentity(app.deps);
      const saved = await saveArticle(app.deps, viewerOf(request), saveCommandOf(request.body, undefined, timeZone));
      return reply.redirect(
        `/admin/articles/${saved.id}/edit?done=${saved.status === 'draft' ? 'created' : saved.status}`,
        303,
      );
    },
  );

  app.get(
    '/admin/articles/:id/edit',
    { schema: { params: IdParams, querystring: DoneQuery }, preHandler: writer },
    async (request, reply) => {
      const opened = await openArticleEditor(app.deps, viewerOf(request), request.params.id);
      // A page goes to its own editor; an article not theirs to edit is shown read-only rather than a dead end.
      if ('readOnly' in opened) return reply.redirect(opened.readOnly, 303);
      const { article, autosave } = opened;
      const { done } = request.query;
      const saved = formValuesOf(article, (await readSiteIdentity(app.deps)).timeZone);
      return renderEdit(request, reply, {
        article,
        autosave,
        // The writer comes back to their typing: the autosave typed on this revision fills the text fields.
        values: autosave.current ? { ...saved, ...textValuesOf(autosave.current) } : saved,
        notice: flashNotice(request.i18n, NOTICES, done),
        pickerOpen: done === 'uploaded',
      });
    },
  );

  app.post(
    '/admin/articles/:id',
    {
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { params: IdParams, body: ArticleFormBody },
      preHandler: [writer, app.csrfProtection],
      errorHandler: editAgain,
    },
    async (request, reply) => {
      const { timeZone } = await readSiteIdentity(app.deps);
      const saved = await saveArticle(
        app.deps,
        viewerOf(request),
        saveCommandOf(request.body, request.params.id, timeZone),
      );
      const done =
        request.body.intent === 'publish' ? 'published' : request.body.intent === 'schedule' ? 'scheduled' : 'saved';
      return reply.redirect(`/admin/articles/${saved.id}/edit?done=${done}`, 303);
    },
  );
}

/** Previews, status changes, corrections and deletion. */
export async function articleReviewRoutes(app: AppInstance): Promise<void> {
  const writer = requireRole('author');
  const { renderPreview, editAgain, sideAgain } = editorScreens(app);

  app.post(
    '/admin/articles/preview',
    {
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { body: ArticleFormBody },
      preHandler: [writer, app.csrfProtection],
      errorHandler: editAgain,
    },
    async (request, reply) => {
      return renderPreview(reply, await loadUnsavedPreview(app.deps, viewerOf(request), request.body), true);
    },
  );

  app.get(
    '/admin/articles/:id/preview',
    { schema: { params: IdParams }, preHandler: writer },
    async (request, reply) => {
      return renderPreview(reply, await loadSavedPreview(app.deps, viewerOf(request), request.params.id), false);
    },
  );

  app.post(
    '/admin/articles/:id/unpublish',
    { schema: { params: IdParams, body: CsrfBody }, preHandler: [writer, app.csrfProtection], errorHandler: sideAgain },
    async (request, reply) => {
      await unpublishArticle(app.deps, viewerOf(request), request.params.id);
      return reply.redirect(`/admin/articles/${request.params.id}/edit?done=unpublished`, 303);
    },
  );

  app.post(
    '/admin/articles/:id/corrections',
    {
      schema: { params: IdParams, body: CorrectionBody },
      preHandler: [writer, app.csrfProtection],
      errorHandler: sideAgain,
    },
    async (request, reply) => {
      await addCorrection(app.deps, viewerOf(request), request.params.id, request.body.correction ?? '');
      return reply.redirect(`/admin/articles/${request.params.id}/edit?done=corrected#corrections-heading`, 303);
    },
  );

  app.get(
    '/admin/articles/:id/delete',
    { schema: { params: IdParams }, preHandler: writer },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const { article, canUnpublish } = await loadDeletePage(app.deps, viewer, request.params.id);
      return reply.page(
        { title: request.i18n.t('editor.delete_heading', { headline: article.headline }), bodyClass: 'admin' },
        <ArticleDeletePage role={viewer.role} csrf={reply.formToken()} article={article} canUnpublish={canUnpublish} />,
      );
    },
  );

  app.post(
    '/admin/articles/:id/delete',
    { schema: { params: IdParams, body: CsrfBody }, preHandler: [writer, app.csrfProtection] },
    async (request, reply) => {
      await deleteArticle(app.deps, viewerOf(request), request.params.id);
      return reply.redirect('/admin/articles?done=deleted', 303);
    },
  );

  await articleHistoryRoutes(app);
}
