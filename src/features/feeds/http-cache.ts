import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a machine-read document (feed, sitemap, robots.txt) with a short public cache lifetime and a
 * strong validator, so feed readers that poll every few minutes mostly get a 304 with no body.
 */
export function sendCacheable(
  request: FastifyRequest,
  reply: FastifyReply,
  contentType: string,
  body: string,
  maxAgeSeconds = 300,
): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply
    .header('cache-control', `public, max-age=${maxAgeSeconds}`)
    .header('etag', etag)
    .header('vary', 'accept-encoding');
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string' && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return reply.code(304).send();
  }
  return reply.type(contentType).send(body);
}
