/** /admin/donations: every gift, offline gifts by hand, the CSV ledger, and the Stripe webhook's health. */
import { isRowId, MAX_ID } from '../../lib/ids.js';
import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { handleError } from '../../web/error-handler.js';
import { formErrors } from '../../web/forms.js';
import {
  addOfflineGift,
  editOfflineGift,
  removeFromWall,
  removeOfflineGift,
  type OfflineForm,
} from './donation.service.js';
import {
  loadDonationAdmin,
  loadNewOfflineGift,
  loadOfflineGift,
  loadWebhookHealth,
  offlineGiftCurrency,
} from './funding-admin.service.js';
import { formErrorsOf, formValues } from './funding-forms.js';
import { ledgerCsv } from './ledger.service.js';
import { DonationListPage, OfflineGiftPage, WebhookHealthPage } from './views/admin/DonationAdmin.js';

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
/** `?done=…` after a change, by the catalogue key of its notice. */
const NOTICES: Record<string, string> = {
  added: 'funding.offline_notice_added',
  saved: 'funding.offline_notice_saved',
  deleted: 'funding.offline_notice_deleted',
  unwalled: 'funding.offline_notice_unwalled',
};

export async function donationAdminRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const guard = { preHandler: requireRole('publisher') };
  const write = { preHandler: [requireRole('publisher'), app.csrfProtection] };

  const renderForm = async (reply: FastifyReply, values: OfflineForm, giftId: number | null, error?: AppError) =>
    reply.page(
      {
        title: reply.request.i18n.t(giftId ? 'funding.offline_edit_heading' : 'funding.offline_add_heading'),
        bodyClass: 'admin',
      },
      <OfflineGiftPage
        role={viewerOf(reply.request).role}
        csrfToken={reply.formToken()}
        values={values}
        errors={formErrorsOf(error)}
        errorCode={error?.code}
        giftId={giftId}
        campaignCurrency={await offlineGiftCurrency(deps, values.date)}
      />,
      error?.status ?? 200,
    );
  // A refused gift comes back with what was typed and its errors.
  const giftAgain = formErrors(async (request, reply, error) => {
    const { id } = (request.params ?? {}) as { id?: unknown };
    // An address the schema refused names no form to show again.
    if (id !== undefined && !isRowId(Number(id))) return handleError(error, request, reply);
    const values = formValues<OfflineForm>(
      request.body,
      ['date', 'amount', 'currency', 'method'],
      ['note', 'publicName', 'publicMessage', 'wallConsent'],
    );
    return renderForm(reply, values, id ? Number(id) : null, error);
  });

  app.get('/admin/donations', { ...guard, schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query;
    const data = await loadDonationAdmin(deps, { ...q, before: q.before ? Number(q.before) : undefined });
    const notice = NOTICES[q.done ?? ''];
    return reply.page(
      { title: request.i18n.t('funding.donations_heading'), bodyClass: 'admin' },
      <DonationListPage
        role={viewerOf(request).role}
        {...data}
        csrfToken={reply.formToken()}
        notice={notice ? request.i18n.t(notice) : null}
      />,
    );
  });

  app.get('/admin/donations/new', guard, async (_request, reply) =>
    renderForm(reply, await loadNewOfflineGift(deps), null),
  );

  app.post(
    '/admin/donations',
    { ...write, schema: { body: OfflineBody }, errorHandler: giftAgain },
    async (request, reply) => {
      await addOfflineGift(deps, request.body, viewerOf(request).id);
      return reply.redirect('/admin/donations?done=added', 303);
    },
  );

  app.get('/admin/donations/:id/edit', { ...guard, schema: { params: Id } }, async (request, reply) => {
    const { id, form } = await loadOfflineGift(deps, Number(request.params.id));
    return renderForm(reply, form, id);
  });

  app.post(
    '/admin/donations/:id',
    { ...write, schema: { params: Id, body: OfflineBody }, errorHandler: giftAgain },
    async (request, reply) => {
      await editOfflineGift(deps, Number(request.params.id), request.body, viewerOf(request).id);
      return reply.redirect('/admin/donations?done=saved', 303);
    },
  );

  app.post('/admin/donations/:id/delete', { ...write, schema: { params: Id } }, async (request, reply) => {
    await removeOfflineGift(deps, Number(request.params.id), viewerOf(request).id);
    return reply.redirect('/admin/donations?done=deleted', 303);
  });

  app.post('/admin/donations/:id/unwall', { ...write, schema: { params: Id } }, async (request, reply) => {
    await removeFromWall(deps, Number(request.params.id), viewerOf(request).id);
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
    const health = await loadWebhookHealth(deps);
    return reply.page(
      { title: request.i18n.t('funding.webhooks_heading'), bodyClass: 'admin' },
      <WebhookHealthPage
        role={viewerOf(request).role}
        health={health}
        endpoint={`${deps.config.siteUrl}/webhooks/stripe`}
        configured={{ key: app.deps.payments.canCharge, secret: app.deps.payments.canVerify }}
      />,
    );
  });
}
