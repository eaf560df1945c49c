/**
 * The security headers of every answer (CSP, X-Frame-Options, nosniff, Referrer-Policy, …), in one
 * place. @fastify/helmet sets them on every request that reaches the router (pages, 404s, errors from
 * handlers); `applySecurityHeaders` sets the same ones on the few answers Fastify gives before routing
 * (frameworkErrors: a malformed percent-encoding, an over-long parameter), where helmet's onRequest hook
 * never runs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The helmet options of the site; `hsts` only when cookies are secure (the site is served over HTTPS). */
export function securityHeaderOptions(opts: { hsts: boolean }): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: opts.hsts,
  };
}

/** Sets the site's security headers on an answer that bypassed helmet's hook (does nothing when they are there). */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply, options: HelmetOptions): void {
  if (reply.getHeader('content-security-policy') !== undefined) return;
  helmet(options)(request.raw, reply.raw, (err?: unknown) => {
    if (err) throw err;
  });
}
