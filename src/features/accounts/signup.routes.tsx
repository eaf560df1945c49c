/**
 * Readers' own accounts: /signup (create one, confirmed by a mailed link) and /account (name, password,
 * links to subscriptions and the Supporter badge, deleting the account). Every change is a CSRF-protected POST with a tight
 * rate limit that redirects back (303), so the pages work without JavaScript.
 */
import { withSiteName } from '../../platform/site-identity.js';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { formErrors } from '../../web/forms.js';
import { requireViewer, viewerOf } from '../../web/guards.js';
import { SESSION_COOKIE, SESSION_DAYS, signIn } from './account.service.js';
import { changeOwnPassword, deleteOwnAccount, loadOwnAccount, renameOwnAccount } from './account-settings.service.js';
import { safeNext } from './password.service.js';
import { requestSignup } from './signup.service.js';
import { AccountDeletedPage, AccountPage, SignupPage, type AccountForm } from './views/AccountPages.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const SignupBody = Type.Object({
  _csrf: Str(200),
  name: Str(400),
  email: Str(400),
  next: Str(2000),
  website: Str(400),
});
const NameBody = Type.Object({ _csrf: Str(200), name: Str(400) });
const DeleteBody = Type.Object({
  _csrf: Str(200),
  delete_password: Str(1024),
  remove_comments: Type.Optional(Type.Literal('1')),
});
const PasswordBody = Type.Object({
  _csrf: Str(200),
  username: Str(400),
  current: Str(1024),
  password: Str(1024),
  confirm: Str(1024),
});

/** Where the account page links for the Supporter badge of a signed-in reader. */
export const SUPPORTER_BADGE_HREF = '/supporter';

export async function signupRoutes(app: AppInstance): Promise<void> {
  const { db, clock, config } = app.deps;
  app.get(
    '/signup',
    {
      schema: { querystring: Type.Object({ next: Str(2000), sent: Type.Optional(Type.Literal('1')) }) },
    },
    async (request, reply) => {
      const next = safeNext(request.query.next);
      if (request.viewer) return reply.redirect(next, 303);
      return reply.page(
        { title: request.i18n.t('accounts.signup_title') },
        <SignupPage csrf={reply.formToken()} form={{ next }} sent={request.query.sent === '1'} />,
      );
    },
  );

  app.post(
    '/signup',
    {
      schema: { body: SignupBody },
      config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
      preHandler: app.csrfProtection,
      errorHandler: formErrors(async (request, reply, error) => {
        const b = (request.body ?? {}) as { name?: string; email?: string; next?: string };
        const form = { name: b.name, email: b.email, next: safeNext(b.next) };
        return reply.page(
          { title: request.i18n.t('accounts.signup_title') },
          <SignupPage csrf={reply.formToken()} form={form} error={error} />,
          reply.statusCode,
        );
      }),
    },
    async (request, reply) => {
      const { name = '', email = '', next, website } = request.body;
      // A filled honeypot gets the same answer as everyone, and nothing is created or sent.
      if (!website) await requestSignup(await withSiteName(app.deps), { name, email, next });
      return reply.redirect(`/signup?sent=1&next=${encodeURIComponent(safeNext(next))}`, 303);
    },
  );

  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: { saved?: string; error?: AppError; errorForm?: AccountForm } = {},
  ) => {
    reply.header('cache-control', 'no-store');
    const account = await loadOwnAccount(db.kysely, viewerOf(request).id);
    return reply.page(
      { title: request.i18n.t('accounts.account_title') },
      <AccountPage csrf={reply.formToken()} account={account} supporterHref={SUPPORTER_BADGE_HREF} {...opts} />,
      opts.error ? reply.statusCode : 200,
    );
  };

  app.get(
    '/account',
    {
      preHandler: requireViewer,
      schema: { querystring: Type.Object({ saved: Str(20) }) },
    },
    async (request, reply) => renderAccount(request, reply, { saved: request.query.saved }),
  );

  app.post(
    '/account/name',
    {
      schema: { body: NameBody },
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
      preHandler: [requireViewer, app.csrfProtection],
      errorHandler: formErrors(async (request, reply, error) =>
        renderAccount(request, reply, { error, errorForm: 'name' }),
      ),
    },
    async (request, reply) => {
      await renameOwnAccount(app.deps, viewerOf(request).id, request.body.name ?? '');
      return reply.redirect('/account?saved=name', 303);
    },
  );

  app.post(
    '/account/password',
    {
      schema: { body: PasswordBody },
      config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
      preHandler: [requireViewer, app.csrfProtection],
      errorHandler: formErrors(async (request, reply, error) =>
        renderAccount(request, reply, { error, errorForm: 'password' }),
      ),
    },
    async (request, reply) => {
      const { current = '', password = '', confirm = '' } = request.body;
      const { email } = await changeOwnPassword(app.deps, viewerOf(request).id, {
        current,
        password,
        confirm,
      });
      // Every session ended with the change; this device gets a fresh one.
      const { token } = await signIn(db.kysely, { email, password, now: clock.now() });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        signed: true,
        maxAge: SESSION_DAYS * 86400,
      });
      return reply.redirect('/account?saved=password', 303);
    },
  );

  app.post(
    '/account/delete',
    {
      schema: { body: DeleteBody },
      config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
      preHandler: [requireViewer, app.csrfProtection],
      errorHandler: formErrors(async (request, reply, error) =>
        renderAccount(request, reply, { error, errorForm: 'delete' }),
      ),
    },
    async (request, reply) => {
      await deleteOwnAccount(app.deps, viewerOf(request).id, {
        password: request.body.delete_password ?? '',
        removeComments: request.body.remove_comments === '1',
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
      return reply.redirect('/account/deleted', 303);
    },
  );

  app.get('/account/deleted', async (request, reply) =>
    reply.page({ title: request.i18n.t('accounts.deleted_title') }, <AccountDeletedPage />),
  );
}
