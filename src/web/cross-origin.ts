/**
 * Cross-site request forgery protection without a per-visitor token in the page, the approach of Go 1.25's
 * `CrossOriginProtection`: a browser tells us where a request comes from, and a state change is accepted
 * only from this site.
 *
 * 1. `Sec-Fetch-Site` (every current browser sends it): `same-origin`, or `none` (typed into the address
 *    bar, a bookmark), passes; `same-site` and `cross-site` are refused.
 * 2. Otherwise `Origin` (older browsers send it on every POST): it passes when it is this site's own origin
 *    (SITE_URL's, or the address the request was made to as the trusted proxy reports it); `null` or any
 *    other origin is refused.
 * 3. A request with neither header (a browser too old for both, a script) falls back to the double-submit
 *    token of @fastify/csrf-protection: signed-in pages and the admin still carry one in their forms, so
 *    they work from any browser. A public page carries none (it is the same for every reader and is
 *    cached), so an anonymous form posted from such a browser is refused with the usual "did not come from
 *    this site" error.
 *
 * A refused request gets CSRF_INVALID (403) on its form or as problem+json, and changes nothing.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { msg } from '../lib/message.js';

type Done = (err?: Error) => void;
export type CsrfCheck = (request: FastifyRequest, reply: FastifyReply, done: Done) => void;

const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

const refused = (why: string): AppError =>
  new AppError('CSRF_INVALID', msg('errors.csrf_invalid'), { internal: { why } });

/** The origins this site answers at: SITE_URL's and the one the request itself was addressed to. */
function isOwnOrigin(origin: string, request: FastifyRequest, siteOrigin: string): boolean {
  if (origin === siteOrigin) return true;
  try {
    // Through URL on both sides, so a default port written or left out compares equal.
    return new URL(origin).origin === new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return false;
  }
}

/** Wraps the token check of @fastify/csrf-protection: headers first, the token only when a browser sent neither. */
export function crossOriginProtection(siteUrl: string, tokenCheck: CsrfCheck): CsrfCheck {
  const siteOrigin = new URL(siteUrl).origin;
  return function csrfProtection(this: unknown, request, reply, done) {
    const fetchSite = request.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string') {
      return ALLOWED_FETCH_SITES.has(fetchSite) ? done() : done(refused(`Sec-Fetch-Site: ${fetchSite}`));
    }
    const origin = request.headers.origin;
    if (typeof origin === 'string') {
      return isOwnOrigin(origin, request, siteOrigin) ? done() : done(refused(`Origin: ${origin}`));
    }
    return tokenCheck.call(this, request, reply, done);
  };
}
