/**
 * /admin/webhooks (publisher): add endpoints, enable, disable, delete them, read the delivery log and
 * redeliver. Every state change carries the CSRF token and is rate limited like every admin form.
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { flashMessage, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import {
  addWebhookEndpoint,
  loadEndpointPage,
  loadEndpoints,
  redeliverWebhook,
  removeWebhookEndpoint,
  setWebhookEnabled,
} from './webhook.service.js';
import { WebhookEndpointPage, WebhooksPage, type EndpointValues } from './views/WebhooksPage.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const AddBody = Type.Object({
  _csrf: Str(200),
  url: Str(2000),
  description: Str(500),
  events: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
/** The notice after each action: its key in the catalogue. */
const NOTICES: Record<string, string> = {
  added: 'webhooks.notice_added',
  deleted: 'webhooks.notice_deleted',
  enabled: 'webhooks.notice_enabled',
  disabled: 'webhooks.notice_disabled',
  redelivered: 'webhooks.notice_redelivered',
};
const notice = (request: FastifyRequest, done: string | undefined): string | undefined => {
  const key = flashMessage(NOTICES, done);
  return key && request.i18n.t(key);
};

export async function webhookRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const publisher = requireRole('publisher');

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values?: EndpointValues; error?: AppError; notice?: string },
  ) {
    return reply.page(
      { title: request.i18n.t('webhooks.title'), bodyClass: 'admin' },
      <WebhooksPage
        role={viewerOf(request).role}
        csrf={reply.formToken()}
        endpoints={await loadEndpoints(deps)}
        values={o.values ?? {}}
        error={o.error}
        notice={o.notice}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  app.get(
    '/admin/webhooks',
    { preHandler: publisher, schema: { querystring: Type.Object({ done: Str(20) }) } },
    async (request, reply) => renderList(request, reply, { notice: notice(request, request.query.done) }),
  );

  app.post(
    '/admin/webhooks',
    {
      preHandler: [publisher, app.csrfProtection],
      schema: { body: AddBody },
      errorHandler: formErrors(async (request, reply, error) =>
        renderList(request, reply, { error, values: (request.body ?? {}) as EndpointValues }),
      ),
    },
    async (request, reply) => {
      const endpoint = await addWebhookEndpoint(deps, viewerOf(request), request.body);
      return reply.redirect(`/admin/webhooks/${endpoint.id}?done=added`, 303);
    },
  );

  app.get(
    '/admin/webhooks/:id',
    { preHandler: publisher, schema: { params: IdParams, querystring: Type.Object({ done: Str(20) }) } },
    async (request, reply) => {
      const { endpoint, deliveries } = await loadEndpointPage(deps, request.params.id);
      return reply.page(
        { title: request.i18n.t('webhooks.endpoint_title'), bodyClass: 'admin' },
        <WebhookEndpointPage
          role={viewerOf(request).role}
          csrf={reply.formToken()}
          endpoint={endpoint}
          deliveries={deliveries}
          notice={notice(request, request.query.done)}
        />,
      );
    },
  );

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    app.post(
      `/admin/webhooks/:id/${action}`,
      { preHandler: [publisher, app.csrfProtection], schema: { params: IdParams } },
      async (request, reply) => {
        await setWebhookEnabled(deps, viewerOf(request), request.params.id, enabled);
        return reply.redirect(`/admin/webhooks/${request.params.id}?done=${action}d`, 303);
      },
    );
  }

  app.post(
    '/admin/webhooks/:id/delete',
    { preHandler: [publisher, app.csrfProtection], schema: { params: IdParams } },
    async (request, reply) => {
      await removeWebhookEndpoint(deps, viewerOf(request), request.params.id);
      return reply.redirect('/admin/webhooks?done=deleted', 303);
    },
  );

  app.post(
    '/admin/webhooks/deliveries/:id/redeliver',
    { preHandler: [publisher, app.csrfProtection], schema: { params: IdParams } },
    async (request, reply) => {
      const { endpointId } = await redeliverWebhook(deps, viewerOf(request), request.params.id);
      return reply.redirect(`/admin/webhooks/${endpointId}?done=redelivered`, 303);
    },
  );
}
