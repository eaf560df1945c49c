/** /admin/settings: site settings the publisher changes at run time (call-to-action placement). */
import { readSiteIdentity } from '../../platform/site-identity.js';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { flashMessage, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { loadCtaForm, saveCtaForm } from '../articles/index.js';
import { SettingsPage, type CtaValues } from './views/SettingsPage.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const CtaBody = Type.Object({
  _csrf: Str(200),
  cta_above: Type.Optional(Type.Literal('1')),
  cta_below: Type.Optional(Type.Literal('1')),
  cta_after: Str(20),
});

export async function settingsRoutes(app: AppInstance): Promise<void> {
  const { db, clock } = app.deps;
  const publisher = requireRole('publisher');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { cta?: CtaValues; error?: AppError; notice?: string },
  ) {
    const cta = o.cta ?? (await loadCtaForm(db.kysely));
    return reply.page(
      { title: request.i18n.t('admin.settings_title'), bodyClass: 'admin' },
      <SettingsPage
        role={viewerOf(request).role}
        csrf={reply.formToken()}
        siteName={(await readSiteIdentity(app.deps)).name}
        cta={cta}
        error={o.error}
        notice={o.notice}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  app.get(
    '/admin/settings',
    { schema: { querystring: Type.Object({ done: Str(20) }) }, preHandler: publisher },
    async (request, reply) => {
      const notice = flashMessage({ saved: 'admin.settings_saved' }, request.query.done);
      return render(request, reply, { notice: notice && request.i18n.t(notice) });
    },
  );

  app.post(
    '/admin/settings/cta',
    {
      schema: { body: CtaBody },
      preHandler: [publisher, app.csrfProtection],
      errorHandler: formErrors(async (request, reply, error) =>
        render(request, reply, { cta: (request.body ?? {}) as CtaValues, error }),
      ),
    },
    async (request, reply) => {
      await saveCtaForm({ db: db.kysely, now: clock.now() }, viewerOf(request), request.body);
      return reply.redirect('/admin/settings?done=saved', 303);
    },
  );
}
