/**
 * Bearer-token routes in the route table. The Admin API's guard (src/features/admin-api) registers itself
 * here with the scope it requires, so src/web/route-policy.ts can read a route's policy from its guard
 * without knowing the feature, as it does for `requireRole`.
 *
 * A bearer-token route is the one kind of state change that needs no CSRF token: the credential is the
 * `Authorization` header, which a browser never adds on its own to a cross-site request (no ambient
 * credential), and the guard never falls back to the session cookie.
 */

/** The scopes the Admin API's tokens carry. */
export const API_SCOPES = ['read_drafts', 'publish', 'moderate', 'funding'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const GUARD_SCOPES = new WeakMap<object, ApiScope>();

/** Records that `guard` admits a request only with a bearer token carrying `scope`. */
export function markTokenGuard<F extends object>(guard: F, scope: ApiScope): F {
  GUARD_SCOPES.set(guard, scope);
  return guard;
}

/** The scope a hook requires when it is a bearer-token guard; undefined for any other function. */
export const scopeOfGuard = (fn: unknown): ApiScope | undefined =>
  typeof fn === 'function' ? GUARD_SCOPES.get(fn) : undefined;

/** Why a bearer-token route carries no CSRF token (the route table's exemption for all of them). */
export const BEARER_CSRF_EXEMPTION =
  'authenticated by an Authorization: Bearer token, never by a cookie: a browser sends no such credential on its own.';
