/**
 * The route table, walked: every route the app registers (collected by an onRoute hook, so a new route is
 * in here the moment it exists) × every role, anonymous to publisher. A route's policy is the guard it
 * registers (src/web/route-policy.ts); each answer must be the one that policy says, no answer is ever a
 * 500, and every state-changing route refuses a missing or forged CSRF token without changing anything.
 * Bearer-token routes (the Admin API) refuse every session, whatever its role, with 401 API_TOKEN_MISSING.
 *
 * SQLite only and one app: the policy is decided before any query, so the dialect does not change it, and
 * the whole walk (about 1,500 requests) stays within a few seconds.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, ROLES, type Role } from '../../src/platform/roles.js';
import type { RoutePolicy } from '../../src/web/route-policy.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, multipart, signedIn } from '../helpers/editorial.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { errorCodeOf, formSession } from '../helpers/forms.js';

type Who = 'anonymous' | Role;
const WHO: Who[] = ['anonymous', ...ROLES];

/** Routes under a private prefix that are public by design, and why. */
const PUBLIC_BY_DESIGN: Record<string, string> = {
  'GET /account/deleted': 'the goodbye page after an account is deleted: its reader is signed out by then',
};

/** Tables a refused request may still write to, and why. */
const WRITTEN_WHEN_REFUSED: Record<string, string> = {
  stripe_webhook_failures:
    'an unsigned Stripe delivery is refused and counted for the publisher (/admin/donations/webhooks)',
};

/** Path parameters filled in with values that pass every route's schema. */
function fill(url: string, slug: string, articleId: number): string {
  return url
    .replace(':slug', slug)
    .replace(':year', '2026')
    .replace(':month', '06')
    .replace(':file', 'articles-1.xml')
    .replace(':id', String(articleId))
    .replace(':qid', '1')
    .replace(/:\w+/g, '1')
    .replace('*', 'nothing-here');
}

/** The error code an answer carries (problem+json `code`, or the page's `data-error-code`). */
function codeOf(res: LightMyRequestResponse): string | undefined {
  if (String(res.headers['content-type']).includes('json')) {
    try {
      return (JSON.parse(res.body) as { code?: string }).code;
    } catch {
      return undefined;
    }
  }
  return errorCodeOf(res.body);
}

const describeRoute = (p: RoutePolicy) => `${p.method} ${p.url}`;

/**
 * The codes of the errors each request logged, in order, by request id. The first is why it was refused:
 * a form that is refused shows itself again, and that page may fail in turn (a made-up id) or show the
 * message without its code.
 */
function errorLog(): { log: pino.Logger; codes: Map<string, string[]> } {
  const codes = new Map<string, string[]>();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { reqId?: string; code?: string };
        if (entry.reqId && entry.code) codes.set(entry.reqId, [...(codes.get(entry.reqId) ?? []), entry.code]);
      }
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), codes };
}

describe('the route table', () => {
  let t: TestApp;
  const { log, codes } = errorLog();
  let table: RoutePolicy[];
  const cookies: Record<Who, string> = {} as Record<Who, string>;
  /** Each signed-in role's token; a guest's pages carry none (src/web/cross-origin.ts). */
  const csrfTokens: Partial<Record<Who, string>> = {};
  let slug: string;
  let articleId: number;
  let client = 0;

  /** One request as `who`, each from its own address so that per-client rate limits never answer instead of the policy. */
  async function ask(
    who: Who,
    method: string,
    url: string,
    form?: Record<string, string>,
    as: 'urlencoded' | 'multipart' = 'urlencoded',
    extraHeaders: Record<string, string> = {},
  ): Promise<LightMyRequestResponse & { firstCode: string | undefined; logged: string[] }> {
    client++;
    const remoteAddress = `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`;
    const requestId = `route-table-${client}`;
    const body = !form
      ? undefined
      : as === 'multipart'
        ? multipart(form, { name: 'upload.txt', type: 'text/plain', data: Buffer.from('not read before the token') })
        : { payload: new URLSearchParams(form).toString(), contentType: 'application/x-www-form-urlencoded' };
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      remoteAddress,
      headers: {
        cookie: cookies[who],
        'x-request-id': requestId,
        ...(body ? { 'content-type': body.contentType } : {}),
        ...extraHeaders,
      },
      payload: body?.payload,
    });
    const logged = codes.get(requestId) ?? [];
    return Object.assign(res, { firstCode: logged[0] ?? codeOf(res), logged });
  }

  /** A fingerprint of every row of every table. */
  async function snapshot(): Promise<Map<string, string>> {
    const db = t.deps.db.kysely;
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
    const out = new Map<string, string>();
    for (const { name } of tables.rows) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(db);
      out.set(name, createHash('sha256').update(JSON.stringify(rows.rows)).digest('hex'));
    }
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp('sqlite', { log, config: { stripeWebhookSecret: 'whsec_route_table' } });
    table = t.app.routePolicies.filter((p) => p.method !== 'HEAD' && p.method !== 'OPTIONS');
    ({ slug, id: articleId } = await makeArticle(t.deps.db.kysely, { headline: 'The route table' }));
    const anonymous = await formSession(t.app, '/login');
    cookies.anonymous = anonymous.cookieHeader();
    expect(anonymous.csrf).toBeUndefined();
    for (const role of ROLES) {
      const user = role === 'reader' ? await makeUser(t.deps.db.kysely, { role }) : await makeStaff(t, role);
      const s = await signedIn(t.app, user, '/account');
      cookies[role] = s.cookieHeader();
      csrfTokens[role] = s.csrf!;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('has a guard on every admin and account route, and a CSRF check (or a stated exemption) on every state change', () => {
    expect(table.length).toBeGreaterThan(100);
    const unguarded = table.filter(
      (p) => /^\/(admin|account)(\/|$)/.test(p.url) && p.roles === null && !PUBLIC_BY_DESIGN[describeRoute(p)],
    );
    expect(unguarded.map(describeRoute)).toEqual([]);
    const unprotected = table.filter((p) => p.stateChanging && !p.csrf && !p.csrfExempt);
    expect(unprotected.map(describeRoute)).toEqual([]);
    // An exemption is for a route that has no CSRF check; one that has both is a stale table entry.
    expect(table.filter((p) => p.csrf && p.csrfExempt).map(describeRoute)).toEqual([]);
    // The Admin API is behind bearer tokens, every route of it (the one CSRF exemption that covers many routes).
    const untokened = table.filter((p) => p.url.startsWith('/api/v1/admin') && p.scope === null);
    expect(untokened.map(describeRoute)).toEqual([]);
    expect(table.filter((p) => p.scope !== null && p.roles !== null).map(describeRoute)).toEqual([]);
  });

  it('answers every page and API read as its policy says, for every role, never with a 500', async () => {
    const wrong: string[] = [];
    for (const p of table.filter((r) => !r.stateChanging)) {
      const url = fill(p.url, slug, articleId);
      for (const who of WHO) {
        const res = await ask(who, p.method, url);
        const code = codeOf(res);
        const says = `${who} ${p.method} ${url}: ${res.statusCode} ${code ?? ''} ${res.headers.location ?? ''}`;
        if (res.statusCode >= 500) wrong.push(`${says} (a server error)`);
        if (res.headers['content-security-policy'] === undefined) wrong.push(`${says} (no security headers)`);
        const rendered = /html|json/.test(String(res.headers['content-type']));
        if (who !== 'anonymous' && rendered && res.headers['cache-control'] !== 'private, no-store')
          wrong.push(`${says} (a signed-in answer without private, no-store)`);
        if (p.scope !== null) {
          // A bearer-token route: a session cookie, whatever its role, is no substitute for the token.
          if (res.statusCode !== 401 || code !== 'API_TOKEN_MISSING') wrong.push(`${says} (must ask for a token)`);
          continue;
        }
        if (p.roles === null) {
          if (code === 'SIGN_IN_REQUIRED' || code === 'ROLE_FORBIDDEN') wrong.push(`${says} (public, yet refused)`);
          continue;
        }
        if (who === 'anonymous') {
          const toLogin = res.statusCode === 303 && String(res.headers.location).startsWith('/login?next=');
          const expected = url.startsWith('/api/') ? code === 'SIGN_IN_REQUIRED' && res.statusCode === 401 : toLogin;
          if (!expected) wrong.push(`${says} (a guest must be sent to sign in)`);
          // The redirect ends the request: a handler that ran anyway would log its own refusal.
          if (toLogin && res.logged.length > 0)
            wrong.push(`${says} (the handler ran after the redirect: ${res.logged})`);
        } else if (!hasRole(who, ...p.roles)) {
          if (res.statusCode !== 403 || code !== 'ROLE_FORBIDDEN') wrong.push(`${says} (must be ROLE_FORBIDDEN)`);
        } else if (code === 'SIGN_IN_REQUIRED' || code === 'ROLE_FORBIDDEN' || res.statusCode === 401) {
          wrong.push(`${says} (admitted by the policy, yet refused)`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses every state change from another site, or with a missing or forged CSRF token, or without the role, and changes nothing', async () => {
    const before = await snapshot();
    const wrong: string[] = [];
    for (const p of table.filter((r) => r.stateChanging)) {
      const url = fill(p.url, slug, articleId);
      for (const who of WHO) {
        const own: Record<string, string> = csrfTokens[who] ? { _csrf: csrfTokens[who] } : {};
        const cases: Array<[string, Record<string, string>, Record<string, string>]> = [
          // A browser that sends neither Origin nor Sec-Fetch-Site: the token is the check.
          ['a missing token', {}, {}],
          ['a forged token', { _csrf: `${(csrfTokens[who] ?? 'A'.repeat(40)).slice(0, -4)}AAAA` }, {}],
          ['another reader’s token', { _csrf: csrfTokens[who === 'reader' ? 'editor' : 'reader']! }, {}],
          // A browser's word that the request comes from elsewhere refuses it, whatever token it carries.
          ['its own token, sent from another site', own, { 'sec-fetch-site': 'cross-site' }],
          ['its own token, sent from a sibling site', own, { 'sec-fetch-site': 'same-site' }],
          ['its own token, sent from another origin', own, { origin: 'https://evil.example' }],
        ];
        for (const [how, form, headers] of cases) {
          let res = await ask(who, p.method, url, form, 'urlencoded', headers);
          // An upload route reads its token from the multipart body: ask again as the upload form would.
          if (res.firstCode === 'UPLOAD_NOT_MULTIPART') res = await ask(who, p.method, url, form, 'multipart', headers);
          const code = res.firstCode;
          const says = `${who} ${p.method} ${url} with ${how}: ${res.statusCode} ${code ?? ''}`;
          if (res.statusCode >= 500) wrong.push(`${says} (a server error)`);
          if (res.statusCode < 400) wrong.push(`${says} (accepted)`);
          if (p.scope !== null && code !== 'API_TOKEN_MISSING') wrong.push(`${says} (must ask for a token)`);
          if (p.csrfExempt) continue;
          const admitted = p.roles === null || (who !== 'anonymous' && hasRole(who, ...p.roles));
          // The schema is checked before the guards, so an empty form may be refused as invalid first.
          const allowed = admitted
            ? ['CSRF_INVALID', 'INVALID_INPUT']
            : ['SIGN_IN_REQUIRED', 'ROLE_FORBIDDEN', 'INVALID_INPUT'];
          if (!allowed.includes(code ?? '')) wrong.push(`${says} (expected ${allowed.join(' or ')})`);
        }
      }
    }
    expect(wrong).toEqual([]);
    const after = await snapshot();
    const changed = [...before]
      .filter(([name, hash]) => after.get(name) !== hash && !WRITTEN_WHEN_REFUSED[name])
      .map(([name]) => name);
    expect(changed).toEqual([]);
    // Every state change × every role × six cases: on a machine shared by several test runs this outgrows 30 s.
  }, 120_000);
});
