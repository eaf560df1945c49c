/** /admin/moderation/bans: bans in force and recently ended, lifting, and banning an address by hand. */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../../web/app-instance.js';
import { formError } from '../../../web/forms.js';
import { requireRole } from '../../../web/guards.js';
import { listBans } from './ban.repo.js';
import { BAN_DAYS, createBan, liftBan, type BanDays } from './ban.service.js';
import type { ModerationDeps } from './moderation.service.js';
import { BansPage, type ManualBanValues } from './views/BanPages.js';

const DaysLiteral = Type.Union(BAN_DAYS.map((d) => Type.Literal(d === null ? 'permanent' : String(d))));
const ManualBanBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  kind: Type.Union([Type.Literal('email'), Type.Literal('ip')]),
  value: Type.String({ maxLength: 320 }),
  days: DaysLiteral,
  reason: Type.String({ maxLength: 500 }),
});

const NOTICES: Record<string, string> = { created: 'Ban created.', lifted: 'Ban lifted.' };

export async function banRoutes(app: AppInstance): Promise<void> {
  const { db, config, clock, bus } = app.deps;
  const deps = (request: FastifyRequest): ModerationDeps => ({
    db: db.kysely,
    bus,
    secret: config.secretKey,
    log: request.log,
    hooks: app.deps.hooks.comments,
  });
  const mod = requireRole('moderator');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { notice?: string | null; error?: string; values?: ManualBanValues; status?: number } = {},
  ) {
    const now = clock.now().toISOString();
    const [active, ended] = await Promise.all([
      listBans(db.kysely, { active: true, now, limit: 200 }),
      listBans(db.kysely, { active: false, now, limit: 50 }),
    ]);
    return reply.page(
      { title: 'Bans', bodyClass: 'admin' },
      <BansPage
        role={request.viewer!.role}
        active={active}
        ended={ended}
        csrfToken={reply.generateCsrf()}
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
    async (request, reply) => render(request, reply, { notice: NOTICES[request.query.done ?? ''] ?? null }),
  );

  app.post(
    '/admin/moderation/bans',
    { preHandler: [mod, app.csrfProtection], schema: { body: ManualBanBody } },
    async (request, reply) => {
      const b = request.body;
      const days: BanDays = b.days === 'permanent' ? null : (Number(b.days) as BanDays);
      try {
        await createBan(deps(request), {
          actorId: request.viewer!.id,
          kind: b.kind,
          value: b.value,
          reason: b.reason,
          days,
          now: clock.now(),
        });
        return reply.redirect('/admin/moderation/bans?done=created', 303);
      } catch (err) {
        const e = formError(err, request);
        return render(request, reply, {
          error: e.message,
          values: { kind: b.kind, value: b.value, days, reason: b.reason },
          status: 422,
        });
      }
    },
  );

  app.post(
    '/admin/moderation/bans/:id/lift',
    {
      preHandler: [mod, app.csrfProtection],
      schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }) },
    },
    async (request, reply) => {
      await liftBan(deps(request), { actorId: request.viewer!.id, banId: request.params.id, now: clock.now() });
      return reply.redirect('/admin/moderation/bans?done=lifted', 303);
    },
  );
}
