import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { formErrors } from '../../web/forms.js';
import { SESSION_COOKIE, SESSION_DAYS, signIn, signOut, viewerForToken } from './account.service.js';
import { safeNext } from './password.service.js';
import { LoginPage } from './views/LoginPage.js';

const LoginBody = Type.Object({
  email: Type.String({ maxLength: 320 }),
  password: Type.String({ maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
});

export async function accountRoutes(app: AppInstance): Promise<void> {
  const { db, config, clock } = app.deps;

  // Who is asking: one indexed lookup, only for requests that carry a session cookie.
  app.addHook('onRequest', async (request) => {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value) request.viewer = await viewerForToken(db.kysely, unsigned.value, clock.now());
  });

  app.get(
    '/login',
    { schema: { querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) }) } },
    async (request, reply) => {
      if (request.viewer) return reply.redirect(safeNext(request.query.next), 303);
      const csrfToken = reply.formToken();
      return reply.page(
        { title: request.i18n.t('accounts.login_title') },
        <LoginPage csrfToken={csrfToken} next={safeNext(request.query.next)} />,
      );
    },
  );

  app.post(
    '/login',
    {
      schema: { body: LoginBody },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      preHandler: app.csrfProtection,
      // A refused sign-in (or an expired form): the form again, with the address typed.
      errorHandler: formErrors(async (request, reply, error) => {
        const { email, next } = (request.body ?? {}) as { email?: unknown; next?: unknown };
        return reply.page(
          { title: request.i18n.t('accounts.login_title') },
          <LoginPage
            csrfToken={reply.formToken()}
            next={safeNext(typeof next === 'string' ? next : undefined)}
            error={error}
            email={typeof email === 'string' ? email : undefined}
          />,
          error.status,
        );
      }),
    },
    async (request, reply) => {
      const { email, password, next } = request.body;
      const { token } = await signIn(db.kysely, { email, password, now: clock.now() });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        signed: true,
        maxAge: SESSION_DAYS * 86400,
      });
      return reply.redirect(safeNext(next), 303);
    },
  );

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    const raw = request.cookies[SESSION_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    if (unsigned?.valid && unsigned.value) await signOut(db.kysely, unsigned.value);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
    return reply.redirect('/', 303);
  });
}
