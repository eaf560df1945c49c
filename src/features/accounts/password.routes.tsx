/**
 * "Forgot your password?" and the page a signed link opens (password reset, staff invitation, reader sign-up).
 * Tight rate limits: these forms send mail and check secrets.
 */
import { withSiteName } from '../../platform/site-identity.js';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { formErrors } from '../../web/forms.js';
import { hasRole } from '../../web/guards.js';
import { SESSION_COOKIE, SESSION_DAYS, signIn } from './account.service.js';
import { checkAccountLink, requestPasswordReset, safeNext, setPasswordWithLink } from './password.service.js';
import { ForgotPasswordPage, LinkProblemPage, SetPasswordPage } from './views/PasswordPages.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ForgotBody = Type.Object({ _csrf: Str(200), email: Str(400) });
const ResetBody = Type.Object({
  _csrf: Str(200),
  token: Type.String({ maxLength: 200 }),
  password: Str(1024),
  confirm: Str(1024),
  next: Str(2000),
});

export async function passwordRoutes(app: AppInstance): Promise<void> {
  const { db, clock, config } = app.deps;
  app.get(
    '/password/forgot',
    { schema: { querystring: Type.Object({ sent: Type.Optional(Type.Literal('1')) }) } },
    async (request, reply) => {
      return reply.page(
        { title: request.i18n.t('accounts.forgot_title') },
        <ForgotPasswordPage csrf={reply.formToken()} sent={request.query.sent === '1'} />,
      );
    },
  );

  app.post(
    '/password/forgot',
    {
      schema: { body: ForgotBody },
      config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
      preHandler: app.csrfProtection,
      errorHandler: formErrors(async (request, reply, error) => {
        const email = (request.body as { email?: string } | undefined)?.email;
        return reply.page(
          { title: request.i18n.t('accounts.forgot_title') },
          <ForgotPasswordPage csrf={reply.formToken()} email={email} error={error} />,
          reply.statusCode,
        );
      }),
    },
    async (request, reply) => {
      await requestPasswordReset(await withSiteName(app.deps), request.body.email ?? '');
      return reply.redirect('/password/forgot?sent=1', 303);
    },
  );

  app.get(
    '/password/reset',
    { schema: { querystring: Type.Object({ token: Str(200), next: Str(2000) }) } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        const { account, purpose } = await checkAccountLink(app.deps, request.query.token ?? '');
        return reply.page(
          { title: request.i18n.t('accounts.set_page_title') },
          <SetPasswordPage
            csrf={reply.formToken()}
            token={request.query.token!}
            purpose={purpose}
            name={account.name}
            next={safeNext(request.query.next)}
          />,
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'PASSWORD_LINK_EXPIRED') throw err;
        return reply.page(
          { title: request.i18n.t('accounts.link_problem_title') },
          <LinkProblemPage error={err} />,
          410,
        );
      }
    },
  );

  app.post(
    '/password/reset',
    {
      schema: { body: ResetBody },
      config: { rateLimit: { max: 10, timeWindow: '15 minutes' } },
      preHandler: app.csrfProtection,
      errorHandler: formErrors(async (request, reply, error) => {
        const { token = '', next } = (request.body ?? {}) as { token?: string; next?: string };
        const link = await checkAccountLink(app.deps, token).catch(() => undefined);
        if (!link)
          return reply.page(
            { title: request.i18n.t('accounts.link_problem_title') },
            <LinkProblemPage error={error} />,
            reply.statusCode,
          );
        return reply.page(
          { title: request.i18n.t('accounts.set_page_title') },
          <SetPasswordPage
            csrf={reply.formToken()}
            token={token}
            purpose={link.purpose}
            name={link.account.name}
            next={safeNext(next)}
            error={error}
          />,
          reply.statusCode,
        );
      }),
    },
    async (request, reply) => {
      const { password = '', confirm = '', token, next } = request.body;
      const { email } = await setPasswordWithLink(app.deps, token, password, confirm);
      const { token: session, viewer } = await signIn(db.kysely, { email, password, now: clock.now() });
      reply.setCookie(SESSION_COOKIE, session, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        signed: true,
        maxAge: SESSION_DAYS * 86400,
      });
      // Staff land in the admin; a reader goes back to where they signed up (an article, usually).
      return reply.redirect(hasRole(viewer.role, 'author', 'moderator') ? '/admin' : safeNext(next), 303);
    },
  );
}
