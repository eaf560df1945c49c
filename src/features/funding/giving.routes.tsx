/**
 * Reader-facing giving pages: the donation form, thanks, managing a monthly gift, the Supporter badge
 * (/supporter: from a receipt link, or for the signed-in reader's own account).
 */
import { readSiteIdentity } from '../../platform/site-identity.js';
import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { randomToken } from '../../lib/crypto.js';
import { msg } from '../../lib/message.js';
import { loadDonatePage, startCheckout, type DonateForm } from './donation.service.js';
import {
  findThanksGift,
  openPortal,
  pledgeForLink,
  sendManageLinks,
  setSupporterBadge,
  supporterState,
  type SupporterKey,
} from './donor.service.js';
import { DonatePage } from './views/DonatePage.js';
import {
  ManagePledgePage,
  ManageRequestPage,
  SupporterPage,
  SupporterSignInPage,
  ThanksPage,
} from './views/DonorPages.js';
import { formErrors } from '../../web/forms.js';
import { formErrorsOf, formValues } from './funding-forms.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const DonateBody = Type.Object({
  _csrf: Str(200),
  nonce: Type.String({ minLength: 8, maxLength: 64 }),
  frequency: Type.String({ maxLength: 20 }),
  amount: Str(20),
  customAmount: Str(40),
  email: Type.String({ maxLength: 400 }),
  publicName: Str(400),
  publicMessage: Str(2000),
  wallConsent: Str(5),
  badge: Str(5),
});
const DONATE_OPTIONAL = ['nonce', 'amount', 'customAmount', 'publicName', 'publicMessage', 'wallConsent', 'badge'];
const Id = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,10}$' }) });
const Token = Type.String({ minLength: 8, maxLength: 600 });

/**
 * Lets this page's forms redirect to the payment service: Chromium applies CSP `form-action` to the
 * redirect after a form POST, so the site-wide `form-action 'self'` would block the 303 to Checkout.
 */
function allowPaymentRedirects(reply: FastifyReply, origins: readonly string[]): void {
  const csp = reply.raw.getHeader('content-security-policy');
  if (typeof csp === 'string' && origins.length > 0)
    reply.header(
      'content-security-policy',
      csp.replace(/form-action ([^;]*)/, (_m, v: string) => `form-action ${v} ${origins.join(' ')}`),
    );
}

export async function givingRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const provider = deps.payments;

  const renderDonate = async (
    reply: FastifyReply,
    values: Partial<DonateForm>,
    extra: { error?: AppError; cancelled?: boolean } = {},
  ) => {
    const { options, campaign } = await loadDonatePage(deps);
    // The payment service out of reach is not the reader's input: one notice, no field marked.
    const problem = extra.error && extra.error.status >= 500 ? extra.error : undefined;
    allowPaymentRedirects(reply, provider.redirectOrigins);
    const siteName = (await readSiteIdentity(deps)).name;
    const { t } = reply.request.i18n;
    return reply.page(
      {
        title: t('funding.donate_heading', { site: siteName }),
        description: t('funding.donate_description', { site: siteName }),
        canonical: `${deps.config.siteUrl}/donate`,
        scripts: ['donate.js'],
      },
      <DonatePage
        siteName={siteName}
        campaign={campaign}
        options={options}
        canCharge={provider.canCharge}
        csrfToken={reply.formToken()}
        values={{ ...values, nonce: values.nonce ?? randomToken(16) }}
        errors={problem ? {} : formErrorsOf(extra.error)}
        errorCode={extra.error?.code}
        cancelled={extra.cancelled ?? false}
        problem={problem?.message}
      />,
      extra.error?.status,
    );
  };

  app.get('/donate', { schema: { querystring: Type.Object({ cancelled: Str(5) }) } }, async (request, reply) =>
    renderDonate(reply, {}, { cancelled: request.query.cancelled === '1' }),
  );

  app.post(
    '/donate',
    {
      schema: { body: DonateBody },
      // Each attempt opens a Stripe session: generous for a person correcting a form, tight for card testers.
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      preHandler: app.csrfProtection,
      errorHandler: formErrors(async (request, reply, error) => {
        const values = formValues<DonateForm>(request.body, ['frequency', 'email'], DONATE_OPTIONAL);
        // A nonce the schema refused would be refused again: the form gets a fresh one.
        const nonce = /^.{8,64}$/.test(values.nonce ?? '') ? values.nonce : undefined;
        return renderDonate(reply, { ...values, nonce }, { error });
      }),
    },
    async (request, reply) => {
      const url = await startCheckout(deps, request.body);
      return reply.redirect(url, 303);
    },
  );

  app.get(
    '/donate/thanks',
    { schema: { querystring: Type.Object({ session_id: Str(255) }) } },
    async (request, reply) => {
      const gift = await findThanksGift(deps, request.query.session_id);
      reply.header('cache-control', 'no-store');
      const siteName = (await readSiteIdentity(deps)).name;
      return reply.page(
        { title: request.i18n.t('funding.thanks_heading') },
        <ThanksPage siteName={siteName} gift={gift} />,
      );
    },
  );

  app.get('/donate/manage', { schema: { querystring: Type.Object({ sent: Str(5) }) } }, async (request, reply) =>
    reply.page(
      { title: request.i18n.t('funding.manage_heading') },
      <ManageRequestPage csrfToken={reply.formToken()} email="" errors={{}} sent={request.query.sent === '1'} />,
    ),
  );

  app.post(
    '/donate/manage',
    {
      schema: { body: Type.Object({ _csrf: Str(200), email: Type.String({ maxLength: 400 }) }) },
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const email = request.body.email.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
        return reply.page(
          { title: request.i18n.t('funding.manage_heading') },
          <ManageRequestPage
            csrfToken={reply.formToken()}
            email={email}
            errors={{ email: request.i18n.t('funding.manage_error_email') }}
            sent={false}
          />,
          400,
        );
      }
      await sendManageLinks(deps, email);
      return reply.redirect('/donate/manage?sent=1', 303);
    },
  );

  app.get(
    '/donate/manage/:id',
    { schema: { params: Id, querystring: Type.Object({ t: Token }) } },
    async (request, reply) => {
      const pledge = await pledgeForLink(deps, Number(request.params.id), request.query.t);
      reply.header('cache-control', 'no-store');
      allowPaymentRedirects(reply, provider.redirectOrigins);
      return reply.page(
        { title: request.i18n.t('funding.pledge_heading') },
        <ManagePledgePage pledge={pledge} token={request.query.t} csrfToken={reply.formToken()} />,
      );
    },
  );

  app.post(
    '/donate/manage/:id',
    {
      schema: { params: Id, body: Type.Object({ _csrf: Str(200), t: Token }) },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => reply.redirect(await openPortal(deps, Number(request.params.id), request.body.t), 303),
  );

  // The badge: `?t=` is the signed link from a receipt (any reader, no account needed); without it the page
  // manages the signed-in account's own e-mail. A link always wins, so it manages the address it names.
  app.get(
    '/supporter',
    { schema: { querystring: Type.Object({ t: Type.Optional(Token), saved: Str(5) }) } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const key = supporterKey(request.query.t, request.viewer);
      const title = request.i18n.t('funding.supporter_heading');
      if (!key) return reply.page({ title }, <SupporterSignInPage />);
      const state = await supporterState(deps, key);
      return reply.page(
        { title },
        <SupporterPage
          {...state}
          token={request.query.t}
          csrfToken={reply.formToken()}
          saved={request.query.saved === '1'}
        />,
      );
    },
  );

  app.post(
    '/supporter',
    {
      schema: {
        body: Type.Object({
          _csrf: Str(200),
          t: Type.Optional(Token),
          show: Type.Union([Type.Literal('yes'), Type.Literal('no')]),
        }),
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const { t } = request.body;
      const key = supporterKey(t, request.viewer);
      if (!key) throw new AppError('DONOR_SIGN_IN_REQUIRED', msg('funding.supporter_error_sign_in'));
      await setSupporterBadge(deps, key, request.body.show === 'yes');
      return reply.redirect(t ? `/supporter?t=${encodeURIComponent(t)}&saved=1` : '/supporter?saved=1', 303);
    },
  );
}

/** Whose badge: the receipt link's address when there is one, else the signed-in account's; null for a guest without a link. */
function supporterKey(token: string | undefined, viewer: { id: number } | null): SupporterKey | null {
  if (token) return { token };
  return viewer ? { userId: viewer.id } : null;
}
