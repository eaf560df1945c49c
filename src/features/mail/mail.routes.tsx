/** /admin/mail: the outbox for the publisher — queued and failed mail with a retry button, and the digest window. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { loadMailAdmin, MAIL_VIEWS, retryMailNow, saveDigestWindow, type MailView } from './mail-admin.service.js';
import { mailTransportMessage } from '../../platform/mailer.js';
import { MailAdminPage } from './views/MailAdminPage.js';

const View = Type.Union((Object.keys(MAIL_VIEWS) as MailView[]).map((v) => Type.Literal(v)));
const ListQuery = Type.Object({
  view: Type.Optional(View),
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  retried: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  saved: Type.Optional(Type.Literal('1')),
});

export async function mailRoutes(app: AppInstance): Promise<void> {
  const { db, config, clock } = app.deps;
  const guard = requireRole('publisher');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    role: string,
    view: MailView,
    extra: { beforeId?: number; notice?: string; error?: AppError },
  ) {
    const data = await loadMailAdmin(db.kysely, view, extra.beforeId);
    return reply.page(
      { title: request.i18n.t('mailadmin.title'), bodyClass: 'admin' },
      <MailAdminPage
        role={role}
        view={view}
        data={data}
        transport={mailTransportMessage(config)}
        csrfToken={reply.formToken()}
        notice={extra.notice}
        error={extra.error}
      />,
      extra.error?.status ?? 200,
    );
  }
  /** A refused retry or setting: the mail page again (the retry's tab), with the message. */
  const again = formErrors(async (request: FastifyRequest, reply, error) => {
    // Also runs for a body that failed validation, before the route's guard: check who may see the page.
    await guard(request, reply);
    const { view } = (request.body ?? {}) as { view?: string };
    const shown: MailView = typeof view === 'string' && Object.hasOwn(MAIL_VIEWS, view) ? (view as MailView) : 'queued';
    return render(request, reply, viewerOf(request).role, shown, { error });
  });

  app.get('/admin/mail', { preHandler: guard, schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query;
    const view = q.view ?? 'queued';
    const notice = q.retried
      ? request.i18n.t('mailadmin.notice_retried', { id: String(q.retried) })
      : q.saved
        ? request.i18n.t('mailadmin.notice_saved')
        : undefined;
    return render(request, reply, viewerOf(request).role, view, { beforeId: q.before, notice });
  });

  app.post(
    '/admin/mail/:id/retry',
    {
      preHandler: [guard, app.csrfProtection],
      errorHandler: again,
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        body: Type.Object({ view: Type.Optional(View), _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      const view = request.body.view ?? 'queued';
      await retryMailNow(
        { db: db.kysely, now: clock.now() },
        { id: request.params.id, actorUserId: viewerOf(request).id },
      );
      return reply.redirect(`/admin/mail?view=${view}&retried=${request.params.id}`, 303);
    },
  );

  app.post(
    '/admin/mail/settings',
    {
      preHandler: [guard, app.csrfProtection],
      errorHandler: again,
      schema: {
        body: Type.Object({ digestWindowMinutes: Type.String({ maxLength: 10 }), _csrf: Type.Optional(Type.String()) }),
      },
    },
    async (request, reply) => {
      await saveDigestWindow(
        { db: db.kysely, now: clock.now() },
        { raw: request.body.digestWindowMinutes, actorUserId: viewerOf(request).id },
      );
      return reply.redirect('/admin/mail?saved=1', 303);
    },
  );
}
