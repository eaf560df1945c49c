/**
 * Authorization guards for routes. Roles: reader < author < editor; moderator keeps the discussion;
 * publisher may do everything. Use as `preHandler: [requireRole('editor'), app.csrfProtection]`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { hasRole, type Role, type Viewer } from '../platform/roles.js';

export { hasRole };

/** Requires a signed-in account with one of the roles; guests are sent to the sign-in page (HTML) or get 401. */
export function requireRole(...allowed: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const viewer = request.viewer;
    if (!viewer) {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) {
        return void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new AppError('SIGN_IN_REQUIRED', 'Please sign in first.');
    }
    if (!hasRole(viewer.role, ...allowed))
      throw new AppError('ROLE_FORBIDDEN', 'Your account is not allowed to do that.');
  };
}

/** Requires any signed-in account. */
export const requireViewer = requireRole('reader');

/**
 * The signed-in account of a request behind `requireRole`, typed as present. Should a route ever lose its
 * guard, the reader gets "Please sign in first" (401), never a crash on a missing viewer.
 */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('SIGN_IN_REQUIRED', 'Please sign in first.');
  return request.viewer;
}
