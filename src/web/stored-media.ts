/**
 * /media/ served from an object store (MEDIA_STORAGE=s3): the app streams each file from the bucket, so
 * pages keep their same-origin image addresses and any app process serves any image, whoever uploaded it.
 * It answers as the local disk's static route does: the type from the name, Content-Length, the store's
 * ETag (304 on If-None-Match), one byte range (206, or 416 past the end), and the same 30-day immutable
 * Cache-Control, since a variant's address never changes content (a new upload gets a new storage key).
 * Only media/ is reachable: originals/ (which may carry a camera's GPS position) never is.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  keySegments,
  RangeNotSatisfiable,
  type ByteRange,
  type MediaStore,
  type StoredInfo,
} from '../platform/media-store.js';
import type { AppInstance } from './app-instance.js';

export const MEDIA_CACHE_CONTROL = 'public, max-age=2592000, immutable';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` (one range; several, or anything else, means the whole file). */
export function parseRange(header: string | undefined): ByteRange | { suffix: number } | undefined {
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') return { suffix: Number(m[2]) };
  const start = Number(m[1]);
  const end = m[2] === '' ? undefined : Number(m[2]);
  return end !== undefined && end < start ? undefined : { start, end };
}

/** If-None-Match holds the ETag (weak comparison, as RFC 9110 asks for it), or `*`. */
function matches(ifNoneMatch: string, etag: string): boolean {
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

function describe(reply: FastifyReply, info: StoredInfo): void {
  reply
    .header('content-type', info.contentType)
    .header('etag', info.etag)
    .header('last-modified', info.lastModified.toUTCString())
    .header('cache-control', MEDIA_CACHE_CONTROL)
    .header('accept-ranges', 'bytes');
}

export function serveStoredMedia(app: AppInstance, store: MediaStore): void {
  const notFound = (reply: FastifyReply) => reply.callNotFound();

  async function serve(request: FastifyRequest, reply: FastifyReply) {
    const key = `media/${(request.params as { '*': string })['*']}`;
    try {
      keySegments(key);
    } catch {
      return notFound(reply);
    }
    const ifNoneMatch = request.headers['if-none-match'];
    // A revalidation or a HEAD needs no bytes: one HEAD to the store.
    if (ifNoneMatch || request.method === 'HEAD') {
      const info = await store.head(key);
      if (!info) return notFound(reply);
      describe(reply, info);
      if (ifNoneMatch && matches(ifNoneMatch, info.etag)) return reply.code(304).send();
      if (request.method === 'HEAD') return reply.header('content-length', info.size).send();
    }
    let asked = parseRange(request.headers.range);
    if (asked && 'suffix' in asked) {
      const info = await store.head(key);
      if (!info) return notFound(reply);
      asked = { start: Math.max(0, info.size - asked.suffix) };
    }
    let object;
    try {
      object = await store.get(key, asked);
    } catch (err) {
      if (!(err instanceof RangeNotSatisfiable)) throw err;
      return reply.code(416).header('content-range', `bytes */${err.size}`).send();
    }
    if (!object) return notFound(reply);
    describe(reply, object);
    if (object.range) {
      const { start, end } = object.range;
      reply
        .code(206)
        .header('content-range', `bytes ${start}-${end}/${object.size}`)
        .header('content-length', end - start + 1);
    } else reply.header('content-length', object.size);
    return reply.send(object.body);
  }

  app.route({ method: ['GET', 'HEAD'], url: '/media/*', handler: serve });
}
