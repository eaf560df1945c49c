/**
 * A cookie-keeping client for app.inject(), so HTTP tests walk forms like a browser: GET a page, read
 * its CSRF token, POST the form with the cookies.
 *
 * Posts go out as a current browser sends them, with `Sec-Fetch-Site: same-origin` (src/web/cross-origin.ts).
 * A test that sets the token itself (`_csrf` in the form, `x-csrf-token` in the headers) is testing the
 * token, so that request goes out as from a browser that sends neither header, where the token is the check;
 * one that sets `origin` is testing that header, and goes out as from a browser that sends only it.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { AppInstance } from '../../src/app.js';

export interface FormSession {
  cookies: Map<string, string>;
  /** The CSRF token of the last page fetched that had one. */
  csrf: string | undefined;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** POSTs a urlencoded form; adds `_csrf` unless given. */
  post(
    url: string,
    form: Record<string, string | string[]>,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Sends JSON with the CSRF header. */
  json(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  cookieHeader(): string;
}

/** What a current browser says of a form posted from this site's own page. */
export const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' } as const;

/** `ip`: the client address of every request (default 127.0.0.1), for tests about readers on different networks. */
export async function formSession(
  app: AppInstance,
  firstPage?: string,
  opts: { ip?: string } = {},
): Promise<FormSession> {
  const cookies = new Map<string, string>();
  const from = opts.ip ? { remoteAddress: opts.ip } : {};
  const s: FormSession = {
    cookies,
    csrf: undefined,
    cookieHeader: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    async get(url, headers = {}) {
      const res = await app.inject({ ...from, method: 'GET', url, headers: { cookie: s.cookieHeader(), ...headers } });
      remember(res);
      return res;
    },
    async post(url, form, headers = {}) {
      const fetchSite = '_csrf' in form || 'origin' in headers ? {} : SAME_ORIGIN;
      const body = new URLSearchParams();
      const fields = { _csrf: s.csrf ?? '', ...form };
      for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
      const res = await app.inject({
        ...from,
        method: 'POST',
        url,
        payload: body.toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: s.cookieHeader(),
          ...fetchSite,
          ...headers,
        },
      });
      remember(res);
      return res;
    },
    async json(method, url, body, headers = {}) {
      const res = await app.inject({
        ...from,
        method,
        url,
        payload: body === undefined ? undefined : JSON.stringify(body),
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          accept: 'application/json',
          'x-csrf-token': s.csrf ?? '',
          cookie: s.cookieHeader(),
          ...('x-csrf-token' in headers || 'origin' in headers ? {} : SAME_ORIGIN),
          ...headers,
        },
      });
      remember(res);
      return res;
    },
  };
  function remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    const m =
      /name="_csrf" value="([^"]+)"/.exec(res.body) ?? /<meta name="csrf-token" content="([^"]+)"/.exec(res.body);
    if (m) s.csrf = m[1];
  }
  if (firstPage) await s.get(firstPage);
  return s;
}

/** The error code a page's error notice carries (`data-error-code`), or undefined when it shows none. */
export const errorCodeOf = (html: string): string | undefined => /data-error-code="([A-Z0-9_]+)"/.exec(html)?.[1];
