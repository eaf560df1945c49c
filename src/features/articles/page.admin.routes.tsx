/**
 * /admin/pages: the site's pages (About, Contact …), editors only. Forms answer bad input by showing the form again
 * with messages (formErrors) and never half-save; every change is audit-logged by the service.
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { flashNotice, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { EDITOR_BODY_LIMIT } from './article.input.js';
import { deletePage, loadPageList, openPage, savePage, type EditablePage, type PageForm } from './page.service.js';
import { PageDeletePage, PageEditPage, PageListPage, pageFormValues } from './views/admin/PageAdminViews.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const PageFormBody = Type.Object({
  _csrf: Str(200),
  revision: Str(20),
  headline: Str(1000),
  slug: Str(500),
  excerpt: Str(2000),
  body: Str(400_000),
  comments_open: Type.Optional(Type.Literal('1')),
  intent: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('publish'), Type.Literal('unpublish')])),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const DoneQuery = Type.Object({ done: Str(20) });
const CsrfBody = Type.Object({ _csrf: Str(200) });

const NOTICES: Record<string, string> = {
  created: 'pageadmin.notice_created',
  saved: 'pageadmin.notice_saved',
  published: 'pageadmin.notice_published',
  draft: 'pageadmin.notice_draft',
  deleted: 'pageadmin.notice_deleted',
};
/** Saving is a deliberate act; this is far above what an editor does and far below a flood. */
const WRITE_LIMIT = { rateLimit: { max: 60, timeWindow: '1 minute' } };

export async function pageAdminRoutes(app: AppInstance): Promise<void> {
  const editor = requireRole('editor');
  const pageById = (id: number): Promise<EditablePage> => openPage(app.deps, id, true);

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { page?: EditablePage; values: PageForm; error?: AppError; notice?: string },
  ) {
    return reply.page(
      {
        title: o.page
          ? request.i18n.t('pageadmin.edit_heading', { headline: o.page.headline })
          : request.i18n.t('pageadmin.new_page'),
        bodyClass: 'admin',
      },
      <PageEditPage role={viewerOf(request).role} csrf={reply.formToken()} {...o} />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  /** The form again with what was sent and the messages; the page as stored for its status and links. */
  const formAgain = formErrors(async (request, reply, error) => {
    const { id } = (request.params ?? {}) as { id?: number };
    const page = id !== undefined ? await openPage(app.deps, id) : undefined;
    return renderForm(request, reply, { page, values: (request.body ?? {}) as PageForm, error });
  });

  app.get('/admin/pages', { schema: { querystring: DoneQuery }, preHandler: editor }, async (request, reply) => {
    const pages = await loadPageList(app.deps);
    return reply.page(
      { title: request.i18n.t('pageadmin.list_heading'), bodyClass: 'admin' },
      <PageListPage
        role={viewerOf(request).role}
        pages={pages}
        notice={flashNotice(request.i18n, NOTICES, request.query.done)}
      />,
    );
  });

  app.get('/admin/pages/new', { preHandler: editor }, async (request, reply) =>
    renderForm(request, reply, { values: {} }),
  );

  app.post(
    '/admin/pages',
    {
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { body: PageFormBody },
      preHandler: [editor, app.csrfProtection],
      config: WRITE_LIMIT,
      errorHandler: formAgain,
    },
    async (request, reply) => {
      const { intent = 'save', ...form } = request.body;
      const saved = await savePage(app.deps, viewerOf(request), {
        form,
        intent: intent === 'publish' ? 'publish' : 'save',
      });
      return reply.redirect(
        `/admin/pages/${saved.id}/edit?done=${intent === 'publish' ? 'published' : 'created'}`,
        303,
      );
    },
  );

  app.get(
    '/admin/pages/:id/edit',
    { schema: { params: IdParams, querystring: DoneQuery }, preHandler: editor },
    async (request, reply) => {
      const page = await pageById(request.params.id);
      return renderForm(request, reply, {
        page,
        values: pageFormValues(page),
        notice: flashNotice(request.i18n, NOTICES, request.query.done),
      });
    },
  );

  app.post(
    '/admin/pages/:id',
    {
      bodyLimit: EDITOR_BODY_LIMIT,
      schema: { params: IdParams, body: PageFormBody },
      preHandler: [editor, app.csrfProtection],
      config: WRITE_LIMIT,
      errorHandler: formAgain,
    },
    async (request, reply) => {
      const { intent = 'save', ...form } = request.body;
      await savePage(app.deps, viewerOf(request), { id: request.params.id, form, intent });
      const done = intent === 'publish' ? 'published' : intent === 'unpublish' ? 'draft' : 'saved';
      return reply.redirect(`/admin/pages/${request.params.id}/edit?done=${done}`, 303);
    },
  );

  app.get('/admin/pages/:id/delete', { schema: { params: IdParams }, preHandler: editor }, async (request, reply) => {
    const page = await pageById(request.params.id);
    return reply.page(
      { title: request.i18n.t('pageadmin.delete_heading', { headline: page.headline }), bodyClass: 'admin' },
      <PageDeletePage role={viewerOf(request).role} csrf={reply.formToken()} page={page} />,
    );
  });

  app.post(
    '/admin/pages/:id/delete',
    {
      schema: { params: IdParams, body: CsrfBody },
      preHandler: [editor, app.csrfProtection],
      config: WRITE_LIMIT,
    },
    async (request, reply) => {
      await deletePage(app.deps, viewerOf(request), request.params.id);
      return reply.redirect('/admin/pages?done=deleted', 303);
    },
  );
}
