/** /admin/donations: every gift, offline gifts by hand, the CSV ledger, and the Stripe webhook's health. */
import { MAX_ID } from '../../lib/ids.js';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { notFound } from '../../errors.js';
import { iso, monthOf } from '../../lib/clock.js';
import { requireRole } from '../../web/guards.js';
import { findCampaignByMonth } from './campaign.repo.js';
import { findDonationById, listDonations, type DonationFilter } from './donation.repo.js';
import {
  addOfflineGift,
  editOfflineGift,
  offlineToForm,
  removeFromWall,
  removeOfflineGift,
  type OfflineForm,
} from './donation.service.js';
import { isMonth } from './goal.js';
import { loadGivingSettings } from './giving-settings.js';
import { ledgerCsv } from './ledger.service.js';
import type { PaymentProvider } from './payment-provider.js';
import { webhookHealth } from './stripe-event.repo.js';
import { DonationListPage, OfflineGiftPage, WebhookHealthPage } from './views/admin/DonationAdmin.js';
import { formError } from '../../web/forms.js';

const Str = (max: number) => Type.String({ maxLength: max });
const Opt = (max: number) => Type.Optional(Str(max));
const OfflineBody = Type.Object({
  _csrf: Opt(200),
  date: Str(20),
  amount: Str(40),
  currency: Str(10),
  method: Str(20),
  note: Opt(2000),
  publicName: Opt(400),
  publicMessage: Opt(2000),
  wallConsent: Opt(5),
});
const ListQuery = Type.Object({
  month: Opt(10),
  source: Opt(10),
  status: Opt(12),
  email: Opt(320),
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID })),
  done: Opt(20),
});
const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: MAX_ID }) });
const PAGE = 50;
const NOTICES: Record<string, string> = {
  added: 'Offline gift added.',
  saved: 'Gift saved.',
  deleted: 'Gift deleted.',
  unwalled: 'The gift is no longer on the donor wall.',
};

/** The form's field messages of an error shown on the form; anything else goes to the error handler. */
const formFields = (err: unknown, request: FastifyRequest): Record<string, string> => {
  const e = formError(err, request);
  return e.options.fields ?? { form: e.message };
};

export async function donationAdminRoutes(app: AppInstance, opts: { provider: PaymentProvider }): Promise<void> {
  const deps = app.deps;
  const guard = { preHandler: requireRole('publisher') };
  const write = { preHandler: [requireRole('publisher'), app.csrfProtection] };

  const renderForm = async (
    reply: FastifyReply,
    values: OfflineForm,
    errors: Record<string, string>,
    giftId: number | null,
    status = 200,
  ) => {
    const month = /^\d{4}-\d{2}/.test(values.date) ? values.date.slice(0, 7) : monthOf(deps.clock.now());
    const campaign = await findCampaignByMonth(deps.db.kysely, month);
    return reply.page(
      { title: giftId ? 'Edit offline gift' : 'Add an offline gift', bodyClass: 'admin' },
      <OfflineGiftPage
        role={reply.request.viewer!.role}
        csrfToken={reply.generateCsrf()}
        values={values}
        errors={errors}
        giftId={giftId}
        campaignCurrency={campaign?.currency ?? null}
      />,
      status,
    );
  };

  app.get('/admin/donations', { ...guard, schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query;
    const filter: DonationFilter = {
      month: q.month && isMonth(q.month) ? q.month : undefined,
      source: q.source === 'stripe' || q.source === 'offline' ? q.source : undefined,
      status: (['confirmed', 'refunded', 'pending', 'cancelled'] as const).find((s) => s === q.status),
      email: q.email?.trim() || undefined,
    };
    const rows = await listDonations(deps.db.kysely, filter, PAGE + 1, q.before ? Number(q.before) : undefined);
    const page = rows.slice(0, PAGE);
    return reply.page(
      { title: 'Donations', bodyClass: 'admin' },
      <DonationListPage
        role={request.viewer!.role}
        donations={page}
        filter={filter}
        nextBefore={rows.length > PAGE ? page[page.length - 1]!.id : null}
        csrfToken={reply.generateCsrf()}
        notice={NOTICES[q.done ?? ''] ?? null}
      />,
    );
  });

  app.get('/admin/donations/new', guard, async (_request, reply) => {
    const now = deps.clock.now();
    const campaign = await findCampaignByMonth(deps.db.kysely, monthOf(now));
    const currency = campaign?.currency ?? (await loadGivingSettings(deps.db.kysely)).defaultCurrency;
    return renderForm(reply, { date: iso(now).slice(0, 10), amount: '', currency, method: 'bank' }, {}, null);
  });

  app.post('/admin/donations', { ...write, schema: { body: OfflineBody } }, async (request, reply) => {
    try {
      await addOfflineGift(deps, request.body, request.viewer!.id);
      return reply.redirect('/admin/donations?done=added', 303);
    } catch (err) {
      return renderForm(reply, request.body, formFields(err, request), null, 400);
    }
  });

  app.get('/admin/donations/:id/edit', { ...guard, schema: { params: Id } }, async (request, reply) => {
    const d = await findDonationById(deps.db.kysely, Number(request.params.id));
    if (!d || d.source !== 'offline') throw notFound('GIFT_NOT_FOUND', 'offline gift');
    return renderForm(reply, offlineToForm(d), {}, d.id);
  });

  app.post('/admin/donations/:id', { ...write, schema: { params: Id, body: OfflineBody } }, async (request, reply) => {
    const id = Number(request.params.id);
    try {
      await editOfflineGift(deps, id, request.body, request.viewer!.id);
      return reply.redirect('/admin/donations?done=saved', 303);
    } catch (err) {
      return renderForm(reply, request.body, formFields(err, request), id, 400);
    }
  });

  app.post('/admin/donations/:id/delete', { ...write, schema: { params: Id } }, async (request, reply) => {
    await removeOfflineGift(deps, Number(request.params.id), request.viewer!.id);
    return reply.redirect('/admin/donations?done=deleted', 303);
  });

  app.post('/admin/donations/:id/unwall', { ...write, schema: { params: Id } }, async (request, reply) => {
    await removeFromWall(deps, Number(request.params.id), request.viewer!.id);
    return reply.redirect('/admin/donations?done=unwalled', 303);
  });

  app.get('/admin/donations/ledger.csv', guard, async (_request, reply) => {
    const name = `ledger-${iso(deps.clock.now()).slice(0, 10)}.csv`;
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store');
    return reply.send(Readable.from(ledgerCsv(deps.db.kysely)));
  });

  app.get('/admin/donations/webhooks', guard, async (request, reply) => {
    const since = iso(new Date(deps.clock.now().getTime() - 86_400_000));
    return reply.page(
      { title: 'Stripe webhook health', bodyClass: 'admin' },
      <WebhookHealthPage
        role={request.viewer!.role}
        health={await webhookHealth(deps.db.kysely, since)}
        endpoint={`${deps.config.siteUrl}/webhooks/stripe`}
        configured={{ key: opts.provider.canCharge, secret: opts.provider.canVerify }}
      />,
    );
  });
}
