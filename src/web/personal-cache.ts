/**
 * The one place that decides which answers no cache may keep. A personal answer gets
 * `Cache-Control: private, no-store`, whatever the route set: neither a shared proxy nor the browser's
 * back/forward cache stores donor e-mails from /admin/donations or a reader's /account after sign-out.
 *
 * Personal means any of:
 * - the address is under a private prefix (/admin, /account), whoever asks and whatever the type
 *   (a CSV export of donors included; a guest's redirect to sign-in too, harmlessly);
 * - the answer sets a cookie (a session, a guest id, a CSRF secret): a shared cache would hand it to
 *   everyone who asks next;
 * - a signed-in account asked for a page or an API answer (HTML or JSON show their name, their votes,
 *   their drafts), or a guest who holds a guest cookie (their votes, their own comments' edit links). Static files, images and feeds say nothing about the viewer and keep their caching.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const PERSONAL_CACHE_CONTROL = 'private, no-store';

/** A signed-in account's session. */
export const SESSION_COOKIE = 'bs_session';
/** A guest reader's random id, set on their first comment or vote (src/features/comments/reader-identity.ts). */
export const GUEST_COOKIE = 'bs_guest';

/** Address prefixes whose every answer is personal. */
export const PRIVATE_PREFIXES = ['/admin', '/account'] as const;

export const underPrivatePrefix = (url: string): boolean => {
  const path = url.split('?')[0] ?? '';
  return PRIVATE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
};

const rendersForViewer = (contentType: unknown): boolean =>
  typeof contentType === 'string' && /^(text\/html|application\/([\w.+-]+\+)?json)\b/i.test(contentType);

/** True when the answer is personal (see above). Run after @fastify/cookie has written Set-Cookie. */
export function isPersonal(request: FastifyRequest, reply: FastifyReply): boolean {
  if (underPrivatePrefix(request.url)) return true;
  if (reply.getHeader('set-cookie') !== undefined) return true;
  const forReader = request.viewer != null || request.cookies?.[GUEST_COOKIE] !== undefined;
  return forReader && rendersForViewer(reply.getHeader('content-type'));
}

/** The onSend hook: register it after @fastify/cookie, whose own onSend hook writes the Set-Cookie header. */
export async function markPersonalAnswers(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (isPersonal(request, reply)) reply.header('cache-control', PERSONAL_CACHE_CONTROL);
}
