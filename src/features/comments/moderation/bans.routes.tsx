/** /admin/moderation/bans: bans in force and recently ended, lifting, and banning an address by hand. */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../../web/app-instance.js';
import type { AppError } from '../../../errors.js';
import { formErrors } from '../../../web/forms.js';
import { requireRole, viewerOf } from '../../../web/guards.js';
import { BAN_DAYS, createBan, liftBan, loadBanPage, type BanDays } from './ban.service.js';
import { BansPage, type ManualBanValues } from './views/BanPages.js';

const DaysLiteral = Type.Union(BAN_DAYS.map((d) => Type.Literal(d === null ? 'permanent' : String(d))));
const ManualBanBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  kind: Type.Union([Type.Literal('email'), Type.Literal('ip')]),
  value: Type.String({ maxLength: 320 }),
  days: DaysLiteral,
  reason: Type.String({ maxLength: 500 }),
});

/** The notice after creating or lifting a ban, by the `done` query parameter. */
const NOTICES: Record<string, string> = {
  created: 'moderation.notice_ban_created',
  lifted: 'moderation.notice_ban_lifted',
};

export async function banRoutes(app: AppInstance): Promise<void> {
  const { clock } = app.deps;
  const mod = requireRole('moderator');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { notice?: string | null; error?: AppError; values?: ManualBanValues; status?: number } = {},
  ) {
    const { active, ended } = await loadBanPage(app.deps);
    return reply.page(
      { title: request.i18n.t('moderation.bans_title'), bodyClass: 'admin' },
      <BansPage
        role={viewerOf(request).role}
        active={active}
        ended={ended}
        csrfToken={reply.formToken()}
        notice={opts.notice ?? null}
        error={opts.error}
        values={opts.values ?? { kind: 'email', value: '', days: 30, reason: '' }}
      />,
      opts.status,
    );
  }

  app.get(
    '/admin/moderation/bans',
    {
      preHandler: mod,
      schema: { querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }) },
    },
    async (request, reply) => {
      const notice = NOTICES[request.query.done ?? ''];
      return render(request, reply, { notice: notice ? request.i18n.t(notice) : null });
    },
  );

  // A refused ban shows the page again with what was typed (input errors answer 422, as they always have).
  const banAgain = formErrors(async (request, reply, error) =>
    render(request, reply, {
      error,
      values: manualBanValues(request.body),
      status: error.status === 400 ? 422 : error.status,
    }),
  );

  app.post(
    '/admin/moderation/bans',
    { preHandler: [mod, app.csrfProtection], schema: { body: ManualBanBody }, errorHandler: banAgain },
    async (request, reply) => {
      const b = request.body;
      await createBan(app.deps, {
        actorId: viewerOf(request).id,
        kind: b.kind,
        value: b.value,
        reason: b.reason,
        days: daysOf(b.days),
        now: clock.now(),
      });
      return reply.redirect('/admin/moderation/bans?done=created', 303);
    },
  );

  app.post(
    '/admin/moderation/bans/:id/lift',
    {
      preHandler: [mod, app.csrfProtection],
      schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }) },
    },
    async (request, reply) => {
      await liftBan(app.deps, { actorId: viewerOf(request).id, banId: request.params.id, now: clock.now() });
      return reply.redirect('/admin/moderation/bans?done=lifted', 303);
    },
  );
}

const daysOf = (days: unknown): BanDays => BAN_DAYS.find((d) => (d === null ? 'permanent' : String(d)) === days) ?? 30;

/** The manual ban form as sent, or what is left of it when the schema refused it. */
function manualBanValues(body: unknown): ManualBanValues {
  const b = (body && typeof body === 'object' ? body : {}) as Partial<Record<string, unknown>>;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { kind: b.kind === 'ip' ? 'ip' : 'email', value: text(b.value), days: daysOf(b.days), reason: text(b.reason) };
}
