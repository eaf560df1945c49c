/**
 * Managing subscriptions: the signed link in every mail (/subscriptions/manage?token=…), a form to get a
 * fresh link by mail, and /account/subscriptions for signed-in readers. Every change is a CSRF-protected
 * POST that redirects back (303), so the pages work without JavaScript.
 */
import { hashNetwork } from '../../lib/ip-address.js';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { requireViewer, viewerOf } from '../../web/guards.js';
import { clientAddress } from '../../web/client-address.js';
import {
  listAccountSubscriptions,
  loadManageView,
  manageByToken,
  manageForAccount,
  requestManageLink,
} from './subscription-manage.service.js';
import { AccountSubscriptionsPage, ManageLinkPage, ManagePage } from './views/ManagePages.js';
import { formErrors } from '../../web/forms.js';

const Action = Type.Union([Type.Literal('remove'), Type.Literal('all'), Type.Literal('replies')]);
const Done = Type.Optional(
  Type.Union([Type.Literal('confirmed'), Type.Literal('remove'), Type.Literal('all'), Type.Literal('replies')]),
);
const ManageQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), done: Done });
const ManageBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  subscriptionId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  action: Action,
  _csrf: Type.Optional(Type.String()),
});
const AccountBody = Type.Object({
  subscriptionId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  action: Action,
  _csrf: Type.Optional(Type.String()),
});
const LinkBody = Type.Object({ email: Type.String({ maxLength: 320 }), _csrf: Type.Optional(Type.String()) });

export async function manageRoutes(app: AppInstance): Promise<void> {
  const { db, config, clock } = app.deps;

  app.get('/subscriptions/manage', { schema: { querystring: ManageQuery } }, async (request, reply) => {
    const csrfToken = reply.formToken();
    try {
      const view = await loadManageView(db.kysely, config.secretKey, request.query.token, clock.now());
      return reply.page(
        { title: request.i18n.t('subscriptions.your_subscriptions') },
        <ManagePage
          subscriptions={view.subscriptions}
          csrfToken={csrfToken}
          action="/subscriptions/manage"
          hidden={{ token: request.query.token }}
          done={request.query.done}
        />,
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 410) throw err;
      return reply.page(
        { title: request.i18n.t('subscriptions.manage_link_heading') },
        <ManageLinkPage csrfToken={csrfToken} problem={err} />,
        410,
      );
    }
  });

  app.post(
    '/subscriptions/manage',
    {
      schema: { body: ManageBody },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const { token, subscriptionId, action } = request.body;
      await db.kysely
        .transaction()
        .execute((trx) => manageByToken(trx, config.secretKey, { token, subscriptionId, action }, clock.now()));
      return reply.redirect(`/subscriptions/manage?token=${encodeURIComponent(token)}&done=${action}`, 303);
    },
  );

  app.get(
    '/subscriptions/manage/link',
    { schema: { querystring: Type.Object({ sent: Type.Optional(Type.Literal('1')) }) } },
    async (request, reply) => {
      return reply.page(
        { title: request.i18n.t('subscriptions.manage_link_heading') },
        <ManageLinkPage csrfToken={reply.formToken()} sent={request.query.sent === '1'} />,
      );
    },
  );

  app.post(
    '/subscriptions/manage/link',
    {
      schema: { body: LinkBody },
      config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
      preHandler: app.csrfProtection,
      // A refused address shows the form again with what was typed (422, as it always has).
      errorHandler: formErrors(async (request, reply, error) => {
        const b = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
        return reply.page(
          { title: request.i18n.t('subscriptions.manage_link_heading') },
          <ManageLinkPage
            csrfToken={reply.formToken()}
            email={typeof b.email === 'string' ? b.email : undefined}
            error={error}
          />,
          error.status === 400 ? 422 : error.status,
        );
      }),
    },
    async (request, reply) => {
      const outcome = await db.kysely
        .transaction()
        .execute((trx) =>
          requestManageLink(
            trx,
            config,
            { email: request.body.email, networkHash: hashNetwork(config.secretKey, clientAddress(request)) },
            clock.now(),
          ),
        );
      request.log.info({ outcome }, 'manage link requested');
      // The same answer whether or not the address is known.
      return reply.redirect('/subscriptions/manage/link?sent=1', 303);
    },
  );

  app.get(
    '/account/subscriptions',
    { preHandler: requireViewer, schema: { querystring: Type.Object({ done: Done }) } },
    async (request, reply) => {
      const subscriptions = await listAccountSubscriptions(db.kysely, viewerOf(request).id);
      return reply.page(
        { title: request.i18n.t('subscriptions.your_subscriptions') },
        <AccountSubscriptionsPage
          subscriptions={subscriptions}
          csrfToken={reply.formToken()}
          action="/account/subscriptions"
          done={request.query.done}
        />,
      );
    },
  );

  app.post(
    '/account/subscriptions',
    {
      schema: { body: AccountBody },
      preHandler: [requireViewer, app.csrfProtection],
    },
    async (request, reply) => {
      const { subscriptionId, action } = request.body;
      await db.kysely
        .transaction()
        .execute((trx) => manageForAccount(trx, viewerOf(request).id, { subscriptionId, action }, clock.now()));
      return reply.redirect(`/account/subscriptions?done=${action}`, 303);
    },
  );
}
