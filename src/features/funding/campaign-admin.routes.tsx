/** /admin/campaigns: the publisher's monthly goals and giving settings. */
import { isRowId, MAX_ID } from '../../lib/ids.js';
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { handleError } from '../../web/error-handler.js';
import { formErrors } from '../../web/forms.js';
import { createCampaign, editCampaign, removeCampaign, type CampaignForm } from './campaign.service.js';
import { loadCampaignAdmin, loadCampaignForm, loadNewCampaign } from './funding-admin.service.js';
import { updateGivingSettings, type GivingForm } from './giving-settings.js';
import { formErrorsOf, formValues } from './funding-forms.js';
import { CampaignFormPage, CampaignListPage } from './views/admin/CampaignAdmin.js';

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
/** `?done=…` after a change, by the catalogue key of its notice. */
const NOTICES: Record<string, string> = {
  created: 'funding.campaign_notice_created',
  saved: 'funding.campaign_notice_saved',
  deleted: 'funding.campaign_notice_deleted',
  settings: 'funding.settings_notice_saved',
};

export async function campaignAdminRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const guard = { preHandler: requireRole('publisher') };
  const write = { preHandler: [requireRole('publisher'), app.csrfProtection] };

  const renderList = async (reply: FastifyReply, notice: string | null, error?: AppError, typed?: GivingForm) => {
    const data = await loadCampaignAdmin(deps, typed?.currency);
    return reply.page(
      { title: reply.request.i18n.t('funding.campaigns_heading'), bodyClass: 'admin' },
      <CampaignListPage
        role={viewerOf(reply.request).role}
        {...data}
        csrfToken={reply.formToken()}
        notice={notice}
        settingsErrors={formErrorsOf(error)}
        errorCode={error?.code}
      />,
      error?.status ?? 200,
    );
  };
  const renderForm = (reply: FastifyReply, values: CampaignForm, campaignId: number | null, error?: AppError) =>
    reply.page(
      {
        title: reply.request.i18n.t(campaignId ? 'funding.campaign_edit' : 'funding.campaign_new'),
        bodyClass: 'admin',
      },
      <CampaignFormPage
        role={viewerOf(reply.request).role}
        csrfToken={reply.formToken()}
        values={values}
        errors={formErrorsOf(error)}
        errorCode={error?.code}
        campaignId={campaignId}
      />,
      error?.status ?? 200,
    );
  // A refused form comes back with what was typed and its errors.
  const campaignAgain = formErrors(async (request, reply, error) => {
    const { id } = (request.params ?? {}) as { id?: unknown };
    // An address the schema refused names no form to show again.
    if (id !== undefined && !isRowId(Number(id))) return handleError(error, request, reply);
    const values = formValues<CampaignForm>(request.body, ['month', 'goal', 'currency', 'ticks', 'message']);
    return renderForm(reply, values, id ? Number(id) : null, error);
  });
  const settingsAgain = formErrors(async (request, reply, error) => {
    const typed = formValues<GivingForm>(
      request.body,
      ['defaultCurrency', 'currency', 'presets', 'min', 'max'],
      ['carryOver', 'offlineInstructions'],
    );
    return renderList(reply, null, error, typed);
  });

  app.get(
    '/admin/campaigns',
    { ...guard, schema: { querystring: Type.Object({ done: Type.Optional(Str(20)) }) } },
    async (request, reply) => {
      const notice = NOTICES[request.query.done ?? ''];
      return renderList(reply, notice ? request.i18n.t(notice) : null);
    },
  );

  app.get('/admin/campaigns/new', guard, async (_request, reply) =>
    renderForm(reply, await loadNewCampaign(deps), null),
  );

  app.post(
    '/admin/campaigns',
    { ...write, schema: { body: CampaignBody }, errorHandler: campaignAgain },
    async (request, reply) => {
      await createCampaign(deps, request.body, viewerOf(request).id);
      return reply.redirect('/admin/campaigns?done=created', 303);
    },
  );

  app.get('/admin/campaigns/:id/edit', { ...guard, schema: { params: Id } }, async (request, reply) => {
    const { id, form } = await loadCampaignForm(deps, Number(request.params.id));
    return renderForm(reply, form, id);
  });

  app.post(
    '/admin/campaigns/:id',
    { ...write, schema: { params: Id, body: CampaignBody }, errorHandler: campaignAgain },
    async (request, reply) => {
      await editCampaign(deps, Number(request.params.id), request.body, viewerOf(request).id);
      return reply.redirect('/admin/campaigns?done=saved', 303);
    },
  );

  app.post('/admin/campaigns/:id/delete', { ...write, schema: { params: Id } }, async (request, reply) => {
    await removeCampaign(deps, Number(request.params.id), viewerOf(request).id);
    return reply.redirect('/admin/campaigns?done=deleted', 303);
  });

  app.post(
    '/admin/campaigns/settings',
    { ...write, schema: { body: GivingBody }, errorHandler: settingsAgain },
    async (request, reply) => {
      await updateGivingSettings(deps, request.body, viewerOf(request).id);
      return reply.redirect('/admin/campaigns?done=settings', 303);
    },
  );
}
