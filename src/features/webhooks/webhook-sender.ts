/**
 * One HTTP POST of a signed webhook. A 2xx answer is a delivery; anything else (another status, a timeout,
 * a refused connection) is a failed attempt the outbox retries. Redirects are not followed (a redirect
 * could lead to an internal address). Only the first bytes of the answer are kept for the delivery log.
 */
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, refuseTarget, TargetRefused } from './webhook-target.js';
import { english } from '../../platform/i18n.js';

/** Characters of the answer's body kept for the delivery log. */
export const EXCERPT_CHARS = 500;

export interface SendOutcome {
  /** HTTP status, or null when no answer came. */
  status: number | null;
  /** The start of the answer's body, or the network error. */
  excerpt: string;
  ok: boolean;
  /** Retrying cannot help (the target is refused). */
  permanent: boolean;
}

export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { production: boolean; timeoutMs: number },
): Promise<SendOutcome> {
  const refused = refuseTarget(url, opts.production);
  if (refused) return { status: null, excerpt: english(refused), ok: false, permanent: true };
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = transport.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Broadsheet-Webhooks/1',
        },
        timeout: opts.timeoutMs,
        ...(opts.production ? { lookup: guardedLookup as never } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < EXCERPT_CHARS * 4) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
          resolve({ status, excerpt, ok: status >= 200 && status < 300, permanent: false });
        });
        res.on('error', (err) =>
          resolve({ status: res.statusCode ?? null, excerpt: err.message, ok: false, permanent: false }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (err) =>
      resolve({
        status: null,
        excerpt: err.message.slice(0, EXCERPT_CHARS),
        ok: false,
        permanent: err instanceof TargetRefused,
      }),
    );
    req.end(body);
  });
}
