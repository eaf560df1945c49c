/**
 * Routes of "Notify of": subscribe, confirm (double opt-in), one-click unsubscribe. Manage pages are in
 * subscription-manage.routes.tsx and registered from here, so app.ts needs one line.
 *
 * Confirmation is GET → page with a button → POST, never a state change on GET: mail security scanners
 * (Outlook Safe Links, Mimecast, …) open links in mail by themselves, and a GET that confirmed would
 * subscribe people who never asked — exactly the abuse double opt-in exists to prevent.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { clientAddress } from '../../web/client-address.js';
import { AppError } from '../../errors.js';
import { hashIp, hashNetwork } from '../../lib/ip-address.js';
import { managePath } from './subscription-links.js';
import { findByUnsubscribeToken, unsubscribeByToken } from './subscription-manage.service.js';
import { manageRoutes } from './subscription-manage.routes.js';
import {
  confirmSubscription,
  findPendingConfirmation,
  loadSubscriptionPage,
  subscribeReader,
  SUBSCRIPTION_KINDS,
  type SubscriptionKind,
} from './subscription.service.js';
import {
  ConfirmPage,
  LinkProblemPage,
  SubscribePage,
  SubscribeSentPage,
  UnsubscribedPage,
  UnsubscribePage,
} from './views/SubscriptionPages.js';
import { fieldErrors, formErrors } from '../../web/forms.js';
import { handleError } from '../../web/error-handler.js';

const Kind = Type.Union(SUBSCRIPTION_KINDS.map((k) => Type.Literal(k)));
const ArticleQuery = Type.Object({ article: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const SubscribeBody = Type.Object({
  articleId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  email: Type.Optional(Type.String({ maxLength: 320 })),
  kind: Kind,
  _csrf: Type.Optional(Type.String()),
});
const TokenQuery = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const ConfirmBody = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  _csrf: Type.Optional(Type.String()),
});

/** Per-IP limits in this process (bursts); the daily limits per address and IP live in the database. */
const LIMITS = {
  subscribe: { max: 10, timeWindow: '10 minutes' },
  confirm: { max: 20, timeWindow: '1 minute' },
  unsubscribe: { max: 30, timeWindow: '1 minute' },
};

export async function subscriptionRoutes(app: AppInstance): Promise<void> {
  const { db, config, clock } = app.deps;
  const ipHash = (ip: string) => hashIp(config.secretKey, ip);

  // Pages opened with a token in the address are personal: not cached, and the address (token) is never
  // sent on as a Referer, not even to our own pages.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.includes('token='))
      reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });

  app.get('/subscriptions/new', { schema: { querystring: ArticleQuery } }, async (request, reply) => {
    const page = await loadSubscriptionPage(app.deps, request.query.article);
    return reply.page(
      { title: request.i18n.t('subscriptions.subscribe_heading') },
      <SubscribePage {...page} csrfToken={reply.formToken()} signedIn={request.viewer !== null} />,
    );
  });

  // A refused subscription shows the form again with what was typed (input errors answer 422).
  const subscribeAgain = formErrors(async (request, reply, error) => {
    const b = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const articleId = Number(b.articleId);
    if (!Number.isSafeInteger(articleId) || articleId < 1) return handleError(error, request, reply);
    const page = await loadSubscriptionPage(app.deps, articleId);
    const kind = SUBSCRIPTION_KINDS.find((k) => k === b.kind);
    return reply.page(
      { title: request.i18n.t('subscriptions.subscribe_heading') },
      <SubscribePage
        {...page}
        csrfToken={reply.formToken()}
        signedIn={request.viewer !== null}
        email={typeof b.email === 'string' ? b.email : undefined}
        kind={kind as SubscriptionKind | undefined}
        error={error}
        fieldErrors={fieldErrors(error)}
      />,
      error.status === 400 ? 422 : error.status,
    );
  });

  app.post(
    '/subscriptions',
    {
      schema: { body: SubscribeBody },
      config: { rateLimit: LIMITS.subscribe },
      preHandler: app.csrfProtection,
      errorHandler: subscribeAgain,
    },
    async (request, reply) => {
      const { articleId, kind } = request.body;
      const page = await loadSubscriptionPage(app.deps, articleId);
      const outcome = await subscribeReader(
        db.kysely,
        {
          articleId,
          email: request.body.email ?? '',
          kind,
          viewerId: request.viewer?.id ?? null,
          ipHash: ipHash(clientAddress(request)),
          networkHash: hashNetwork(config.secretKey, clientAddress(request)),
        },
        config,
        clock.now(),
      );
      request.log.info({ outcome, articleId }, 'subscription requested');
      return reply.redirect(`/subscriptions/sent?article=${page.articleId}`, 303);
    },
  );

  app.get('/subscriptions/sent', { schema: { querystring: ArticleQuery } }, async (request, reply) => {
    const page = await loadSubscriptionPage(app.deps, request.query.article);
    return reply.page(
      { title: request.i18n.t('subscriptions.sent_heading') },
      <SubscribeSentPage headline={page.headline} slug={page.slug} />,
    );
  });

  /** Runs `f`; a GONE link becomes a page that says why and where to go (410), and undefined. */
  const goneOr = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    f: () => Promise<T>,
  ): Promise<T | undefined> => {
    try {
      return await f();
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 410) throw err;
      const { t } = request.i18n;
      await reply.page(
        { title: t('subscriptions.link_problem_title') },
        <LinkProblemPage
          title={t('subscriptions.link_problem_heading')}
          message={request.i18n.text(err.text)}
          code={err.code}
          next={{ href: '/subscriptions/manage/link', label: t('subscriptions.manage_link_heading') }}
        />,
        410,
      );
      return undefined;
    }
  };

  app.get('/subscriptions/confirm', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const pending = await goneOr(request, reply, () =>
      findPendingConfirmation(db.kysely, request.query.token, clock.now()),
    );
    if (!pending) return reply;
    const s = pending.subscription;
    return reply.page(
      { title: request.i18n.t('subscriptions.confirm_heading') },
      <ConfirmPage
        token={request.query.token}
        csrfToken={reply.formToken()}
        headline={s.headline}
        slug={s.slug}
        kind={pending.kind}
        isChange={s.status === 'confirmed'}
      />,
    );
  });

  app.post(
    '/subscriptions/confirm',
    {
      schema: { body: ConfirmBody },
      config: { rateLimit: LIMITS.confirm },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const now = clock.now();
      const done = await goneOr(request, reply, () =>
        db.kysely.transaction().execute((trx) => confirmSubscription(trx, request.body.token, now)),
      );
      if (!done) return reply;
      // Post/redirect/get to the subscriber's own manage page, so a reload does not re-post a used token.
      return reply.redirect(`${managePath(config.secretKey, done.subscription.id, now)}&done=confirmed`, 303);
    },
  );

  app.get('/unsubscribe', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const sub = await findByUnsubscribeToken(db.kysely, config.secretKey, request.query.token);
    return reply.page(
      { title: request.i18n.t('subscriptions.unsubscribe_heading') },
      <UnsubscribePage token={request.query.token} subscription={sub} />,
    );
  });

  /**
   * RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` (urlencoded or multipart) to the
   * URL of the List-Unsubscribe header, with no cookies and so no CSRF token. The unguessable, signed
   * token in the URL is the credential; the body is not needed. The page's button posts here too.
   */
  app.post(
    '/unsubscribe',
    {
      schema: { querystring: TokenQuery },
      config: { rateLimit: LIMITS.unsubscribe },
    },
    async (request, reply) => {
      if (request.isMultipart()) for await (const part of request.parts()) void part;
      const sub = await db.kysely
        .transaction()
        .execute((trx) => unsubscribeByToken(trx, config.secretKey, request.query.token, clock.now()));
      request.log.info({ subscriptionId: sub?.id }, 'unsubscribed');
      return reply.page(
        { title: request.i18n.t('subscriptions.unsubscribed_title') },
        <UnsubscribedPage subscription={sub} />,
      );
    },
  );

  await app.register(manageRoutes);
}
