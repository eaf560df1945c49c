/**
 * /admin/tokens (publisher): issue API tokens, see them with their last use, revoke them. The secret of a
 * new token is in the answer to the form post itself (no redirect, so it is never in an address or a
 * later page) and the answer is `private, no-store` like every /admin page.
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { flashMessage, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { issueApiToken, loadTokens, revokeApiToken } from './api-token.service.js';
import { TokensPage, type TokenValues } from './views/TokensPage.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const IssueBody = Type.Object({
  _csrf: Str(200),
  name: Str(500),
  scopes: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
  expires: Str(10),
});
/** The notices of `?done=…`, by key. */
const NOTICES: Record<string, string> = { revoked: 'tokens.notice_revoked' };

export async function apiTokenRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const publisher = requireRole('publisher');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values?: TokenValues; error?: AppError; notice?: string; issued?: { name: string; secret: string } },
  ) {
    return reply.page(
      { title: request.i18n.t('tokens.title'), bodyClass: 'admin' },
      <TokensPage
        role={viewerOf(request).role}
        csrf={reply.formToken()}
        tokens={await loadTokens(deps)}
        now={iso(deps.clock.now())}
        values={o.values ?? {}}
        issued={o.issued}
        error={o.error}
        notice={o.notice}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  app.get(
    '/admin/tokens',
    { preHandler: publisher, schema: { querystring: Type.Object({ done: Str(20) }) } },
    async (request, reply) => {
      const notice = flashMessage(NOTICES, request.query.done);
      return render(request, reply, { notice: notice && request.i18n.t(notice) });
    },
  );

  app.post(
    '/admin/tokens',
    {
      preHandler: [publisher, app.csrfProtection],
      schema: { body: IssueBody },
      errorHandler: formErrors(async (request, reply, error) =>
        render(request, reply, { error, values: (request.body ?? {}) as TokenValues }),
      ),
    },
    async (request, reply) => {
      const { token, secret } = await issueApiToken(deps, viewerOf(request), request.body);
      return render(request, reply, { issued: { name: token.name, secret } });
    },
  );

  app.post(
    '/admin/tokens/:id/revoke',
    {
      preHandler: [publisher, app.csrfProtection],
      schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }) },
    },
    async (request, reply) => {
      await revokeApiToken(deps, viewerOf(request), request.params.id);
      return reply.redirect('/admin/tokens?done=revoked', 303);
    },
  );
}
