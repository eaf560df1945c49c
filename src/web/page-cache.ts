/**
 * Public pages that a CDN, a proxy cache and this process can keep.
 *
 * A page is public when it is the same for every reader: a GET that answered 200 with HTML, to a request
 * without a session or guest cookie, at an address outside /admin and /account, setting no cookie and not
 * choosing its own Cache-Control. Such a page carries nothing per visitor (no CSRF token: see
 * src/web/cross-origin.ts) and gets:
 * - `Cache-Control: public, max-age=0, s-maxage=<PAGE_CACHE_SECONDS>, stale-while-revalidate=<…>`: shared
 *   caches keep it for the configured freshness and may serve it stale while they refetch; browsers revalidate;
 * - a strong `ETag` (a hash of the page's bytes; `-br` / `-gz` appended for a compressed body, since each
 *   encoding is another representation), and `304 Not Modified` for a matching `If-None-Match`;
 * - brotli or gzip by `Accept-Encoding`, compressed once per page and kept;
 * - `Vary: Accept-Encoding, Cookie`: a reader who signs in or votes (and so holds a cookie) gets their own page.
 *
 * This process keeps the last pages it built (PAGE_CACHE_ENTRIES, PAGE_CACHE_MB) and answers repeats from
 * memory without touching the database. An entry is dropped when it is older than the freshness, or at once
 * when any process announces a change on the event bus: every successful state change made through the
 * site (an article saved, a comment posted, a vote, a moderation decision, a setting) announces
 * `pages.changed`, and the live events (the goal after a Stripe webhook) count too, as does the bus
 * reconnecting (changes may have been missed). Changes made outside a request (a scheduled article going
 * live, a background import) reach readers within the freshness, as they do through a CDN.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_TOPIC, type EventBus } from '../platform/event-bus.js';
import { GUEST_COOKIE, isPersonal, SESSION_COOKIE, underPrivatePrefix } from './personal-cache.js';

export interface PageCacheOptions {
  /** Freshness for shared caches and this process, in seconds (0 turns both off). */
  seconds: number;
  /** How long a shared cache may serve a stale copy while it refetches. */
  staleSeconds: number;
  maxEntries: number;
  maxBytes: number;
}

type Encoding = 'br' | 'gzip';

interface Entry {
  /** The strong validator of the uncompressed page, quoted. */
  etag: string;
  body: Buffer;
  encoded: Partial<Record<Encoding, Buffer>>;
  /** The answer's own headers (content type, security headers, Link …), replayed on a hit. */
  headers: Record<string, string>;
  storedAt: number;
  epoch: number;
  bytes: number;
}

export interface PageCache {
  entries: Map<string, Entry>;
  bytes: number;
  /** Bumped by any change announced on the bus: entries of an older epoch are never served. */
  epoch: number;
  hits: number;
  misses: number;
}

export const createPageCache = (): PageCache => ({ entries: new Map(), bytes: 0, epoch: 0, hits: 0, misses: 0 });

/** Drops every page on any announced change (the subscription ends when the bus closes). */
export function watchChanges(bus: EventBus, cache: PageCache): void {
  bus.subscribe(ANY_TOPIC, () => dropPages(cache));
}

/** Forgets every stored page; answers built before this moment are not stored either (the epoch moved). */
function dropPages(cache: PageCache): void {
  cache.epoch += 1;
  cache.entries.clear();
  cache.bytes = 0;
}

/** The topic of `pages.changed`, announced after every successful state change made through the site. */
export const PAGES_TOPIC = 'pages';

/**
 * onResponse: a request that changed something (a write method answered below 400) drops this process's
 * pages at once and tells every other process to drop theirs.
 */
export function announceWrites(bus: EventBus, cache: PageCache) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400) return;
    dropPages(cache);
    await bus
      .publish({ topic: PAGES_TOPIC, type: 'pages.changed', data: {} })
      .catch((err: unknown) => request.log.warn({ err }, 'could not announce a change to other processes'));
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Headers never replayed from a stored page: they belong to the answer that built it, or are set again. */
const NOT_REPLAYED = new Set([
  'content-length',
  'content-encoding',
  'set-cookie',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'etag',
  'cache-control',
  'vary',
]);

const ENCODED_SUFFIX: Record<Encoding, string> = { br: '-br', gzip: '-gz' };

/** @fastify/cookie has parsed the header by the time any hook of this module runs (registered after it). */
const hasReaderCookie = (request: FastifyRequest): boolean =>
  request.cookies[SESSION_COOKIE] !== undefined || request.cookies[GUEST_COOKIE] !== undefined;

/** May this request be answered with, and build, a public page? */
const eligible = (request: FastifyRequest): boolean =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  !hasReaderCookie(request) &&
  !underPrivatePrefix(request.url) &&
  request.headers.authorization === undefined;

/** The encoding to send: brotli, else gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name, qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const accepts = (name: Encoding) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

function encode(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, {
        params: {
          // Quality 5: about as fast as gzip -6 and 10–20% smaller; done once per stored page.
          [zlibConstants.BROTLI_PARAM_QUALITY]: 5,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
          [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        },
      })
    : gzipSync(body, { level: 6 });
}

/** True when `If-None-Match` names this page in any of its encodings (or `*`). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const inm = request.headers['if-none-match'];
  if (typeof inm !== 'string') return false;
  const bare = etag.slice(1, -1);
  return inm.split(',').some((raw) => {
    const t = raw.trim();
    if (t === '*') return true;
    const tag = t.replace(/^W\//, '').slice(1, -1);
    return tag === bare || Object.values(ENCODED_SUFFIX).some((s) => tag === `${bare}${s}`);
  });
}

export function pageCaching(cache: PageCache, opts: PageCacheOptions, now: () => number = Date.now) {
  const cacheControl = `public, max-age=0, s-maxage=${opts.seconds}, stale-while-revalidate=${opts.staleSeconds}`;
  const fresh = (e: Entry) => e.epoch === cache.epoch && now() - e.storedAt < opts.seconds * 1000;
  /** The epoch each page request began in: a page built from data read before a change is never served. */
  const begunIn = new WeakMap<FastifyRequest, number>();

  /** Sets the public headers and picks the body: 304, an encoded body, or the page itself. */
  function answer(request: FastifyRequest, reply: FastifyReply, entry: Entry): Buffer | string {
    reply.header('cache-control', cacheControl);
    reply.header('vary', 'Accept-Encoding, Cookie');
    if (notModified(request, entry.etag)) {
      reply.code(304);
      reply.header('etag', entry.etag);
      reply.removeHeader('content-type');
      return '';
    }
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) {
      reply.header('etag', entry.etag);
      return entry.body;
    }
    let encoded = entry.encoded[encoding];
    if (!encoded) {
      encoded = entry.encoded[encoding] = encode(entry.body, encoding);
      entry.bytes += encoded.length;
      if (cache.entries.get(request.url) === entry) cache.bytes += encoded.length;
    }
    reply.header('etag', `"${entry.etag.slice(1, -1)}${ENCODED_SUFFIX[encoding]}"`);
    reply.header('content-encoding', encoding);
    return encoded;
  }

  function store(key: string, entry: Entry): void {
    if (entry.bytes > opts.maxBytes / 4) return;
    const old = cache.entries.get(key);
    if (old) {
      cache.bytes -= old.bytes;
      cache.entries.delete(key);
    }
    cache.entries.set(key, entry);
    cache.bytes += entry.bytes;
    for (const [k, e] of cache.entries) {
      if (cache.entries.size <= opts.maxEntries && cache.bytes <= opts.maxBytes) break;
      cache.entries.delete(k);
      cache.bytes -= e.bytes;
    }
  }

  /** onRequest: a stored, fresh page answers at once. */
  const serveStored = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (opts.seconds <= 0 || request.method !== 'GET' || !eligible(request)) return undefined;
    const entry = cache.entries.get(request.url);
    if (!entry || !fresh(entry)) {
      begunIn.set(request, cache.epoch);
      cache.misses += 1;
      return undefined;
    }
    cache.hits += 1;
    // Most recently used last, so eviction drops the least used first.
    cache.entries.delete(request.url);
    cache.entries.set(request.url, entry);
    for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
    reply.header('x-page-cache', 'hit');
    return reply.send(answer(request, reply, entry));
  };

  /** onSend: a public page gets its headers, is stored, and is answered 304 or compressed. */
  const publishPage = async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (opts.seconds <= 0 || reply.getHeader('x-page-cache') === 'hit') return payload;
    if (!eligible(request) || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return payload;
    if (reply.getHeader('cache-control') !== undefined || isPersonal(request, reply)) return payload;
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined && !NOT_REPLAYED.has(name.toLowerCase())) headers[name] = String(value);
    }
    const entry: Entry = {
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      body,
      encoded: {},
      headers,
      storedAt: now(),
      epoch: begunIn.get(request) ?? cache.epoch,
      bytes: body.length,
    };
    // A page read before a change that has since been announced answers its own request and no other.
    if (request.method === 'GET' && entry.epoch === cache.epoch) store(request.url, entry);
    return answer(request, reply, entry);
  };

  return { serveStored, publishPage };
}
