/** /admin/staff: the publisher invites staff, changes roles, disables accounts. */
import { withSiteName } from '../../platform/site-identity.js';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { flashMessage, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { changeStaffRole, inviteStaff, loadStaffPage, resendInvite, setStaffDisabled } from './staff.service.js';
import { StaffPage, type StaffPageProps } from './views/StaffPage.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const InviteBody = Type.Object({ _csrf: Str(200), email: Str(400), name: Str(400), role: Str(40) });
const RoleBody = Type.Object({ _csrf: Str(200), role: Str(40) });
const CsrfBody = Type.Object({ _csrf: Str(200) });

/** The notice after each action: its key in the catalogue. */
const NOTICES: Record<string, string> = {
  invited: 'accounts.staff_notice_invited',
  promoted: 'accounts.staff_notice_promoted',
  role: 'accounts.staff_notice_role',
  resent: 'accounts.staff_notice_resent',
  disabled: 'accounts.staff_notice_disabled',
  enabled: 'accounts.staff_notice_enabled',
};

export async function staffRoutes(app: AppInstance): Promise<void> {
  const publisher = requireRole('publisher');
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values?: StaffPageProps['values']; error?: AppError; notice?: string } = {},
  ) {
    const viewer = viewerOf(request);
    const { staff } = await loadStaffPage(app.deps);
    return reply.page(
      { title: request.i18n.t('accounts.staff_title'), bodyClass: 'admin' },
      <StaffPage
        role={viewer.role}
        viewerId={viewer.id}
        csrf={reply.formToken()}
        staff={staff}
        values={o.values ?? {}}
        error={o.error}
        notice={o.notice}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }
  const again = formErrors(async (request, reply, error) => {
    const body = (request.body ?? {}) as StaffPageProps['values'];
    return render(request, reply, { values: request.url.endsWith('/invite') ? body : {}, error });
  });

  app.get(
    '/admin/staff',
    { schema: { querystring: Type.Object({ done: Str(20) }) }, preHandler: publisher },
    async (request, reply) => {
      const notice = flashMessage(NOTICES, request.query.done);
      return render(request, reply, { notice: notice && request.i18n.t(notice) });
    },
  );

  app.post(
    '/admin/staff/invite',
    {
      schema: { body: InviteBody },
      preHandler: [publisher, app.csrfProtection],
      errorHandler: again,
      config: { rateLimit: { max: 20, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      const b = request.body;
      const { invited } = await inviteStaff(await withSiteName(app.deps), viewerOf(request), {
        email: b.email ?? '',
        name: b.name ?? '',
        role: b.role ?? '',
      });
      return reply.redirect(`/admin/staff?done=${invited ? 'invited' : 'promoted'}`, 303);
    },
  );

  app.post(
    '/admin/staff/:id/role',
    { schema: { params: IdParams, body: RoleBody }, preHandler: [publisher, app.csrfProtection], errorHandler: again },
    async (request, reply) => {
      await changeStaffRole(
        await withSiteName(app.deps),
        viewerOf(request),
        request.params.id,
        request.body.role ?? '',
      );
      return reply.redirect(`/admin/staff?done=role#staff-${request.params.id}`, 303);
    },
  );

  app.post(
    '/admin/staff/:id/resend',
    {
      schema: { params: IdParams, body: CsrfBody },
      preHandler: [publisher, app.csrfProtection],
      errorHandler: again,
      config: { rateLimit: { max: 20, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      await resendInvite(await withSiteName(app.deps), viewerOf(request), request.params.id);
      return reply.redirect('/admin/staff?done=resent', 303);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/admin/staff/:id/${action}`,
      {
        schema: { params: IdParams, body: CsrfBody },
        preHandler: [publisher, app.csrfProtection],
        errorHandler: again,
      },
      async (request, reply) => {
        const { id } = request.params as { id: number };
        await setStaffDisabled(app.deps, viewerOf(request), id, action === 'disable');
        return reply.redirect(`/admin/staff?done=${action}d#staff-${id}`, 303);
      },
    );
  }
}
