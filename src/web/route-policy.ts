/**
 * The route table: every route the app registers, with the policy it declares. A route declares its
 * policy by the guard it registers (`preHandler: requireRole('editor')` admits editors and publishers;
 * no guard: public) and its CSRF check by `app.csrfProtection` among its preHandlers. Nothing else to
 * fill in, so a new route is in the table the moment it is registered; test/http/route-policy.test.ts
 * walks the table with every role and checks each answer against the policy.
 *
 * A state-changing route without a CSRF check must be in CSRF_EXEMPT with the reason: the test fails for
 * any other.
 */
import type { RouteOptions } from 'fastify';
import type { Role } from '../platform/roles.js';
import { rolesOfGuard } from './guards.js';
import { BEARER_CSRF_EXEMPTION, scopeOfGuard, type ApiScope } from './token-guard.js';

/** State-changing routes that carry no CSRF token by design, and why that is safe. */
export const CSRF_EXEMPT: Readonly<Record<string, string>> = {
  'POST /webhooks/stripe': 'Stripe posts it, signed with the webhook secret; the signature is the check.',
  'POST /unsubscribe':
    'RFC 8058 one-click unsubscribe from a mail client; the secret token in the address is the check.',
};

export interface RoutePolicy {
  method: string;
  /** The route pattern (`/admin/articles/:id/edit`). */
  url: string;
  /** The roles admitted, from the route's guard; null when the route is public (it may still check ownership itself). */
  roles: readonly Role[] | null;
  /** Changes state (not GET, HEAD or OPTIONS). */
  stateChanging: boolean;
  /** Runs `app.csrfProtection`. */
  csrf: boolean;
  /** Why it has no CSRF check, when it is in CSRF_EXEMPT or is a bearer-token route. */
  csrfExempt: string | undefined;
  /** The scope a bearer-token route requires (src/web/token-guard.ts); null for cookie-session routes. */
  scope: ApiScope | null;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** The table entries of one registered route (one per method). */
export function policiesOf(route: RouteOptions, csrfProtection: unknown): RoutePolicy[] {
  const methods = [route.method].flat();
  const preHandlers = [route.preHandler ?? []].flat();
  const roles = preHandlers.map(rolesOfGuard).find((r) => r !== undefined) ?? null;
  const csrf = csrfProtection !== undefined && preHandlers.includes(csrfProtection as never);
  // A bearer-token guard runs onRequest (before the body is read); it is the route's whole policy.
  const scope =
    [route.onRequest ?? []]
      .flat()
      .map(scopeOfGuard)
      .find((x) => x !== undefined) ?? null;
  return methods.map((method) => ({
    method,
    url: route.url,
    roles,
    stateChanging: !SAFE_METHODS.includes(method),
    csrf,
    csrfExempt: CSRF_EXEMPT[`${method} ${route.url}`] ?? (scope ? BEARER_CSRF_EXEMPTION : undefined),
    scope,
  }));
}
