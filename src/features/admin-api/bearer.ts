/**
 * The Admin API's guard: `Authorization: Bearer <token>` with the route's scope, checked onRequest (before
 * the body is read or validated, so a request without a good token costs no parsing), then a rate limit
 * per token across the whole API. A session cookie is never a substitute, and no CSRF token is asked for: a browser sends no
 * bearer token on its own (src/web/token-guard.ts says so in the route table).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { markTokenGuard, type ApiScope } from '../../web/token-guard.js';
import { assertScope, authenticateToken, type TokenAuth } from './api-token.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The accepted API token, set by the Admin API's guard; null elsewhere. */
    apiToken: TokenAuth | null;
  }
}

/** The RFC 6750 challenge of a refusal: what the client should fix. */
function challenge(err: AppError, scope: ApiScope): string {
  if (err.code === 'API_SCOPE_MISSING') return `Bearer error="insufficient_scope", scope="${scope}"`;
  return err.code === 'API_TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"';
}

/** The guard of one scope. */
export function requireScope(deps: Pick<Deps, 'db' | 'clock'>, scope: ApiScope) {
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      const auth = await authenticateToken(deps, request.headers.authorization);
      assertScope(auth, scope);
      request.apiToken = auth;
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403))
        reply.header('www-authenticate', challenge(err, scope));
      throw err;
    }
  };
  return markTokenGuard(guard, scope);
}

/** The accepted token of a request behind `requireScope`, typed as present. */
export function tokenOf(request: FastifyRequest): TokenAuth {
  if (!request.apiToken) throw new AppError('API_TOKEN_MISSING', msg('api.token_missing'));
  return request.apiToken;
}

/** The hooks and config of an Admin API route that requires `scope`. */
export type TokenRoute = (scope: ApiScope) => {
  onRequest: Array<(request: FastifyRequest, reply: FastifyReply) => Promise<void>>;
  config: { rateLimit: false };
};

/**
 * The guard and rate limit of the Admin API's routes. One limiter (one counter store) serves every route,
 * so a token's budget, `API_TOKEN_RATE_LIMIT` a minute, is for the whole API, not per route; it runs after
 * the guard, so its key is the accepted token's id, never a client address a whole newsroom shares. The
 * route-level limiter is switched off (`rateLimit: false`) so that no per-address default applies too.
 */
export function tokenRoutes(app: AppInstance): TokenRoute {
  const deps = app.deps;
  const limit = app.rateLimit({
    max: deps.config.apiTokenRateLimit,
    timeWindow: '1 minute',
    keyGenerator: (request) => `api-token:${request.apiToken?.tokenId ?? 'none'}`,
  }) as unknown as (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  return (scope) => ({ onRequest: [requireScope(deps, scope), limit], config: { rateLimit: false } });
}
