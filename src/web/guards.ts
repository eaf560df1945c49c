/**
 * Authorization guards for routes. Roles: reader < author < editor; moderator keeps the discussion;
 * publisher may do everything. Use as `preHandler: [requireRole('editor'), app.csrfProtection]`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { msg } from '../lib/message.js';
import { AppError } from '../errors.js';
import { hasRole, type Role, type Viewer } from '../platform/roles.js';

export { hasRole };

/** A route guard made by `requireRole`. */
export type RoleGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/** The roles each guard admits: the route table (src/web/route-policy.ts) reads a route's policy from its guard. */
const GUARD_ROLES = new WeakMap<object, readonly Role[]>();

/** The roles a preHandler admits when it is a `requireRole` guard; undefined for any other function. */
export const rolesOfGuard = (fn: unknown): readonly Role[] | undefined =>
  typeof fn === 'function' ? GUARD_ROLES.get(fn) : undefined;

/** Requires a signed-in account with one of the roles; guests are sent to the sign-in page (HTML) or get 401. */
export function requireRole(...allowed: Role[]): RoleGuard {
  const guard: RoleGuard = async (request, reply) => {
    const viewer = request.viewer;
    if (!viewer) {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) {
        // Returning the reply ends the request here: the promise settles once the redirect is sent,
        // so neither a later preHandler nor the handler runs (an undefined return would let them).
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new AppError('SIGN_IN_REQUIRED', msg('errors.sign_in_required'));
    }
    if (!hasRole(viewer.role, ...allowed)) throw new AppError('ROLE_FORBIDDEN', msg('errors.role_forbidden'));
    return undefined;
  };
  GUARD_ROLES.set(guard, Object.freeze([...allowed]));
  return guard;
}

/** Requires any signed-in account. */
export const requireViewer = requireRole('reader');

/**
 * The signed-in account of a request behind `requireRole`, typed as present. Should a route ever lose its
 * guard, the reader gets "Please sign in first" (401), never a crash on a missing viewer.
 */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('SIGN_IN_REQUIRED', msg('errors.sign_in_required'));
  return request.viewer;
}
