/** /admin/campaigns: the publisher's monthly goals and giving settings. */
import { MAX_ID } from '../../lib/ids.js';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { notFound } from '../../errors.js';
import { monthOf } from '../../lib/clock.js';
import { requireRole } from '../../web/guards.js';
import { findCampaignById, listCampaigns } from './campaign.repo.js';
import { campaignToForm, createCampaign, editCampaign, removeCampaign, type CampaignForm } from './campaign.service.js';
import { amountRules, loadGivingSettings, updateGivingSettings, type GivingForm } from './giving-settings.js';
import { CampaignFormPage, CampaignListPage } from './views/admin/CampaignAdmin.js';
import { formError } from '../../web/forms.js';

const Str = (max: number) => Type.String({ maxLength: max });
const CampaignBody = Type.Object({
  _csrf: Type.Optional(Str(200)),
  month: Str(20),
  goal: Str(40),
  currency: Str(10),
  ticks: Str(400),
  message: Str(2000),
});
const GivingBody = Type.Object({
  _csrf: Type.Optional(Str(200)),
  defaultCurrency: Str(10),
  carryOver: Type.Optional(Str(5)),
  offlineInstructions: Type.Optional(Str(4000)),
  currency: Str(10),
  presets: Str(400),
  min: Str(40),
  max: Str(40),
});
const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: MAX_ID }) });
const NOTICES: Record<string, string> = {
  created: 'Campaign created.',
  saved: 'Campaign saved.',
  deleted: 'Campaign deleted. Its gifts stay in the ledger.',
  settings: 'Giving settings saved.',
};

/** The form's field messages of an error shown on the form; anything else goes to the error handler. */
const formFields = (err: unknown, request: FastifyRequest): Record<string, string> => {
  const e = formError(err, request);
  return e.options.fields ?? { form: e.message };
};

export async function campaignAdminRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const guard = { preHandler: requireRole('publisher') };
  const write = { preHandler: [requireRole('publisher'), app.csrfProtection] };

  const renderList = async (
    reply: FastifyReply,
    notice: string | null,
    settingsErrors: Record<string, string> = {},
    status = 200,
    typed?: GivingForm,
  ) => {
    const [campaigns, settings] = await Promise.all([
      listCampaigns(deps.db.kysely, 120),
      loadGivingSettings(deps.db.kysely),
    ]);
    const currency =
      typed?.currency.trim().toUpperCase() ||
      campaigns.find((c) => c.month === monthOf(deps.clock.now()))?.currency ||
      settings.defaultCurrency;
    return reply.page(
      { title: 'Campaigns', bodyClass: 'admin' },
      <CampaignListPage
        role={reply.request.viewer!.role}
        campaigns={campaigns}
        csrfToken={reply.generateCsrf()}
        notice={notice}
        settings={settings}
        rules={{
          currency,
          rules: amountRules(settings, /^[A-Z]{3}$/.test(currency) ? currency : settings.defaultCurrency),
        }}
        settingsErrors={settingsErrors}
      />,
      status,
    );
  };
  const renderForm = (
    reply: FastifyReply,
    values: CampaignForm,
    errors: Record<string, string>,
    campaignId: number | null,
    status = 200,
  ) =>
    reply.page(
      { title: campaignId ? 'Edit campaign' : 'New campaign', bodyClass: 'admin' },
      <CampaignFormPage
        role={reply.request.viewer!.role}
        csrfToken={reply.generateCsrf()}
        values={values}
        errors={errors}
        campaignId={campaignId}
      />,
      status,
    );

  app.get(
    '/admin/campaigns',
    { ...guard, schema: { querystring: Type.Object({ done: Type.Optional(Str(20)) }) } },
    async (request, reply) => renderList(reply, NOTICES[request.query.done ?? ''] ?? null),
  );

  app.get('/admin/campaigns/new', guard, async (_request, reply) => {
    const settings = await loadGivingSettings(deps.db.kysely);
    return renderForm(
      reply,
      { month: monthOf(deps.clock.now()), goal: '', currency: settings.defaultCurrency, ticks: '', message: '' },
      {},
      null,
    );
  });

  app.post('/admin/campaigns', { ...write, schema: { body: CampaignBody } }, async (request, reply) => {
    try {
      await createCampaign(deps, request.body, request.viewer!.id);
      return reply.redirect('/admin/campaigns?done=created', 303);
    } catch (err) {
      return renderForm(reply, request.body, formFields(err, request), null, 400);
    }
  });

  app.get('/admin/campaigns/:id/edit', { ...guard, schema: { params: Id } }, async (request, reply) => {
    const c = await findCampaignById(deps.db.kysely, Number(request.params.id));
    if (!c) throw notFound('CAMPAIGN_NOT_FOUND', 'campaign');
    return renderForm(reply, campaignToForm(c), {}, c.id);
  });

  app.post('/admin/campaigns/:id', { ...write, schema: { params: Id, body: CampaignBody } }, async (request, reply) => {
    const id = Number(request.params.id);
    try {
      await editCampaign(deps, id, request.body, request.viewer!.id);
      return reply.redirect('/admin/campaigns?done=saved', 303);
    } catch (err) {
      return renderForm(reply, request.body, formFields(err, request), id, 400);
    }
  });

  app.post('/admin/campaigns/:id/delete', { ...write, schema: { params: Id } }, async (request, reply) => {
    await removeCampaign(deps, Number(request.params.id), request.viewer!.id);
    return reply.redirect('/admin/campaigns?done=deleted', 303);
  });

  app.post('/admin/campaigns/settings', { ...write, schema: { body: GivingBody } }, async (request, reply) => {
    try {
      await updateGivingSettings(deps, request.body, request.viewer!.id);
      return reply.redirect('/admin/campaigns?done=settings', 303);
    } catch (err) {
      return renderList(reply, null, formFields(err, request), 400, request.body);
    }
  });
}
