/**
 * Authorization guards for routes. Roles: reader < author < editor; moderator keeps the discussion;
 * publisher may do everything. Use as `preHandler: [requireRole('editor'), app.csrfProtection]`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Role } from '../features/accounts/user.table.js';

/** Which roles each role includes. */
const INCLUDES: Record<Role, Role[]> = {
  reader: ['reader'],
  author: ['reader', 'author'],
  editor: ['reader', 'author', 'editor'],
  moderator: ['reader', 'moderator'],
  publisher: ['reader', 'author', 'editor', 'moderator', 'publisher'],
};

/** True when `role` may act as any of `allowed`. */
export function hasRole(role: string | undefined, ...allowed: Role[]): boolean {
  if (!role || !(role in INCLUDES)) return false;
  return allowed.some((a) => INCLUDES[role as Role].includes(a));
}

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
