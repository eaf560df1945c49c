/**
 * API tokens and the Admin API (/api/v1/admin): a token's life (issued, shown once, hashed, last use,
 * revoked, expired), every route refused without its scope (walked from the route table, so a new route is
 * covered the moment it exists), the rate limit per token, each action's effect on the public site, and
 * every answer valid against the served OpenAPI document.
 */
import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { API_SCOPES, type ApiScope } from '../../src/web/token-guard.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeSection, makeStaff, multipart, photoJpeg, signedIn } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import type { FormSession } from '../helpers/forms.js';
import { makeCampaign } from '../helpers/funding.js';
import { addComment } from '../helpers/moderation.js';
import { openApiChecker, type ApiAnswer } from '../helpers/openapi-check.js';
import { DIALECTS } from '../helpers/test-db.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Seen = ApiAnswer;

for (const dialect of DIALECTS) {
  describe(`Admin API on ${dialect}`, () => {
    let t: TestApp;
    let admin: FormSession;
    let all: string;
    const clock = fixedClock('2026-06-15T12:00:00.000Z');
    const seen: Seen[] = [];

    /** One API request with a bearer token (or none), recorded for the OpenAPI validation at the end. */
    async function api(
      method: string,
      url: string,
      o: { token?: string; body?: unknown; headers?: Record<string, string>; app?: TestApp } = {},
    ): Promise<LightMyRequestResponse> {
      const res = await (o.app ?? t).app.inject({
        method: method as 'GET',
        url,
        headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
        ...(o.body !== undefined && !Buffer.isBuffer(o.body) ? { payload: o.body as object } : {}),
        ...(Buffer.isBuffer(o.body) ? { payload: o.body } : {}),
      });
      const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
      seen.push({
        method: method.toLowerCase(),
        url,
        status: res.statusCode,
        type,
        body: type.endsWith('json') ? res.json() : res.body,
      });
      return res;
    }

    /** Issues a token on /admin/tokens as the publisher; returns the secret the page shows once. */
    async function issue(scopes: readonly ApiScope[], name = 'Test token', expires = ''): Promise<string> {
      await admin.get('/admin/tokens');
      const res = await admin.post('/admin/tokens', { name, scopes: [...scopes], expires });
      expect(res.statusCode).toBe(200);
      const secret = /value="(bs_[A-Za-z0-9_-]{43})"/.exec(res.body)?.[1];
      expect(secret).toBeDefined();
      return secret!;
    }

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock, config: { apiTokenRateLimit: 1000 } });
      const publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
      admin = await signedIn(t.app, publisher, '/admin/tokens');
      all = await issue(API_SCOPES, 'Everything');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('shows a new token once, keeps only its hash, and records its last use at most once a minute', async () => {
      const secret = await issue(['read_drafts'], 'Newsletter sync', '30');
      const row = await t.deps.db.kysely
        .selectFrom('api_tokens')
        .selectAll()
        .where('name', '=', 'Newsletter sync')
        .executeTakeFirstOrThrow();
      expect(row.secret_hash).toBe(sha256(secret));
      expect(row.scopes).toBe('read_drafts');
      expect(row.expires_at).toBe('2026-07-15T12:00:00.000Z');
      expect(JSON.stringify(row)).not.toContain(secret);
      const audit = await t.deps.db.kysely.selectFrom('audit_log').selectAll().execute();
      expect(audit.map((a) => a.action)).toContain('api_token.issue');
      expect(JSON.stringify(audit)).not.toContain(secret);
      const page = await admin.get('/admin/tokens');
      expect(page.body).toContain('Newsletter sync');
      expect(page.body).toContain(secret.slice(0, 10));
      expect(page.body).not.toContain(secret);
      expect(page.headers['cache-control']).toBe('private, no-store');

      expect(row.last_used_at).toBeNull();
      expect((await api('GET', '/api/v1/admin/articles', { token: secret })).statusCode).toBe(200);
      const lastUsed = async () =>
        (
          await t.deps.db.kysely
            .selectFrom('api_tokens')
            .select('last_used_at')
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow()
        ).last_used_at;
      expect(await lastUsed()).toBe('2026-06-15T12:00:00.000Z');
      clock.advance(30_000);
      await api('GET', '/api/v1/admin/articles', { token: secret });
      expect(await lastUsed()).toBe('2026-06-15T12:00:00.000Z');
      clock.advance(31_000);
      await api('GET', '/api/v1/admin/articles', { token: secret });
      expect(await lastUsed()).toBe('2026-06-15T12:01:01.000Z');
      clock.set('2026-06-15T12:00:00.000Z');
    });

    it('refuses a missing, malformed, unknown, revoked or expired token with 401, and a session is no substitute', async () => {
      const revoked = await issue(['read_drafts'], 'To revoke');
      const expiring = await issue(['read_drafts'], 'Short-lived', '7');
      const id = (
        await t.deps.db.kysely
          .selectFrom('api_tokens')
          .select('id')
          .where('name', '=', 'To revoke')
          .executeTakeFirstOrThrow()
      ).id;
      expect((await api('GET', '/api/v1/admin/articles', { token: revoked })).statusCode).toBe(200);
      await admin.get('/admin/tokens');
      expect((await admin.post(`/admin/tokens/${id}/revoke`, {})).statusCode).toBe(303);
      const cases: Array<[string, Record<string, string>, string]> = [
        ['no token', {}, 'API_TOKEN_MISSING'],
        ['a Basic header', { authorization: 'Basic YWRtaW46YWRtaW4=' }, 'API_TOKEN_MISSING'],
        ['a malformed token', { authorization: 'Bearer nope' }, 'API_TOKEN_INVALID'],
        ['an unknown token', { authorization: `Bearer bs_${'A'.repeat(43)}` }, 'API_TOKEN_INVALID'],
        ['a revoked token', { authorization: `Bearer ${revoked}` }, 'API_TOKEN_REVOKED'],
        ['the publisher’s session cookie', { cookie: admin.cookieHeader() }, 'API_TOKEN_MISSING'],
      ];
      for (const [what, headers, code] of cases) {
        const res = await api('GET', '/api/v1/admin/articles', { headers });
        expect(res.statusCode, what).toBe(401);
        expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
        expect(res.json(), what).toMatchObject({ code, status: 401 });
        expect(res.headers['www-authenticate'], what).toBe(
          code === 'API_TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"',
        );
      }
      clock.advance(7 * 86_400_000 + 1000);
      const expired = await api('GET', '/api/v1/admin/articles', { token: expiring });
      expect(expired.json()).toMatchObject({ code: 'API_TOKEN_EXPIRED', status: 401 });
      clock.set('2026-06-15T12:00:00.000Z');
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('subject_type', '=', 'api_token')
        .execute();
      expect(audit.map((a) => a.action)).toContain('api_token.revoke');
    });

    it('refuses every Admin API route without its scope, and admits it with the scope alone', async () => {
      const routes = t.app.routePolicies.filter((p) => p.url.startsWith('/api/v1/admin') && p.method !== 'HEAD');
      expect(routes.length).toBeGreaterThanOrEqual(13);
      expect(routes.filter((p) => p.scope === null).map((p) => `${p.method} ${p.url}`)).toEqual([]);
      const only = Object.fromEntries(
        await Promise.all(API_SCOPES.map(async (s) => [s, await issue([s], `only ${s}`)])),
      );
      const allBut = Object.fromEntries(
        await Promise.all(
          API_SCOPES.map(async (s) => [
            s,
            await issue(
              API_SCOPES.filter((x) => x !== s),
              `all but ${s}`,
            ),
          ]),
        ),
      );
      const before = await t.deps.db.kysely.selectFrom('audit_log').select('id').execute();
      const wrong: string[] = [];
      for (const p of routes) {
        const url = p.url.replace(':action', 'approve').replace(/:\w+/g, '999999');
        const body = p.stateChanging ? {} : undefined;
        const refused = await api(p.method, url, { token: allBut[p.scope!], body });
        if (
          refused.statusCode !== 403 ||
          refused.json().code !== 'API_SCOPE_MISSING' ||
          refused.headers['www-authenticate'] !== `Bearer error="insufficient_scope", scope="${p.scope}"`
        )
          wrong.push(`${p.method} ${url} without ${p.scope}: ${refused.statusCode}`);
        const admitted = await api(p.method, url, { token: only[p.scope!], body });
        if ([401, 403].includes(admitted.statusCode) || admitted.statusCode >= 500)
          wrong.push(`${p.method} ${url} with ${p.scope}: ${admitted.statusCode} ${admitted.body}`);
        const anonymous = await api(p.method, url, { body });
        if (anonymous.statusCode !== 401) wrong.push(`${p.method} ${url} without a token: ${anonymous.statusCode}`);
      }
      expect(wrong).toEqual([]);
      // Refused, missing or made-up: nothing was done.
      expect(await t.deps.db.kysely.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
    });

    it('limits each token on its own, across the whole API', async () => {
      const limited = await createTestApp(dialect, { testDb: t.testDb, clock, config: { apiTokenRateLimit: 3 } });
      try {
        const other = await issue(['read_drafts'], 'Other client');
        // One budget for the whole API: three requests to three routes spend it.
        const statuses: number[] = [];
        for (const url of [
          '/api/v1/admin/articles',
          '/api/v1/admin/comments',
          '/api/v1/admin/bans',
          '/api/v1/admin/bans',
        ])
          statuses.push((await api('GET', url, { token: all, app: limited })).statusCode);
        expect(statuses).toEqual([200, 200, 200, 429]);
        const res = await api('GET', '/api/v1/admin/articles', { token: all, app: limited });
        expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
        // Another token from the same address has its own budget.
        expect((await api('GET', '/api/v1/admin/articles', { token: other, app: limited })).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('creates, edits and publishes an article that readers then find, and unpublishes it', async () => {
      await makeSection(t, 'city', 'City');
      const created = await api('POST', '/api/v1/admin/articles', {
        token: all,
        body: { headline: 'Night buses return', body_md: 'The **zeppelinfahrt** timetable is back.', section: 'city' },
      });
      expect(created.statusCode).toBe(201);
      const a = created.json();
      expect(a).toMatchObject({
        status: 'draft',
        slug: 'night-buses-return',
        section: 'city',
        byline_ids: [expect.any(Number)],
      });
      expect((await t.app.inject(`/articles/${a.slug}`)).statusCode).toBe(404);
      const drafts = (await api('GET', '/api/v1/admin/articles?status=draft', { token: all })).json();
      expect(drafts.items.map((i: { id: number }) => i.id)).toContain(a.id);

      const stale = await api('PATCH', `/api/v1/admin/articles/${a.id}`, {
        token: all,
        body: { revision: a.revision + 5, headline: 'Too late' },
      });
      expect(stale.json()).toMatchObject({ code: 'ARTICLE_EDIT_CONFLICT', status: 409 });
      const edited = await api('PATCH', `/api/v1/admin/articles/${a.id}`, {
        token: all,
        body: { revision: a.revision, excerpt: 'From Monday.', tags: ['Transport'] },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json()).toMatchObject({
        excerpt: 'From Monday.',
        tags: ['Transport'],
        headline: 'Night buses return',
      });
      const bad = await api('PATCH', `/api/v1/admin/articles/${a.id}`, {
        token: all,
        body: { revision: edited.json().revision, section: 'nowhere' },
      });
      expect(bad.json()).toMatchObject({ code: 'ARTICLE_INVALID', fields: { section: expect.any(String) } });

      const published = await api('POST', `/api/v1/admin/articles/${a.id}/publish`, { token: all });
      expect(published.json()).toMatchObject({ status: 'published', published_at: '2026-06-15T12:00:00.000Z' });
      const page = await t.app.inject(`/articles/${a.slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<strong>zeppelinfahrt</strong>');
      const listed = (await api('GET', '/api/v1/articles?limit=100')).json();
      expect(listed.items.map((i: { id: number }) => i.id)).toContain(a.id);
      const found = (await api('GET', '/api/v1/search?q=zeppelinfahrt')).json();
      expect(found.items.map((h: { article: { id: number } }) => h.article.id)).toContain(a.id);
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('subject_type', '=', 'article')
        .where('subject_id', '=', String(a.id))
        .execute();
      expect(audit.map((x) => x.action)).toEqual(['article.create', 'article.update', 'article.publish']);

      const back = await api('POST', `/api/v1/admin/articles/${a.id}/unpublish`, { token: all });
      expect(back.json()).toMatchObject({ status: 'draft' });
      expect((await t.app.inject(`/articles/${a.slug}`)).statusCode).toBe(404);
      expect((await api('GET', `/api/v1/admin/articles/${a.id}`, { token: all })).json().status).toBe('draft');
    });

    it('uploads an image through the image pipeline, alt text required', async () => {
      const jpeg = await photoJpeg(800, 600, 1);
      const noAlt = multipart({}, { name: 'p.jpg', type: 'image/jpeg', data: jpeg });
      const refused = await api('POST', '/api/v1/admin/images', {
        token: all,
        body: noAlt.payload,
        headers: { 'content-type': noAlt.contentType },
      });
      expect(refused.statusCode).toBe(400);
      const form = multipart({ alt: 'A night bus at the depot' }, { name: 'p.jpg', type: 'image/jpeg', data: jpeg });
      const res = await api('POST', '/api/v1/admin/images', {
        token: all,
        body: form.payload,
        headers: { 'content-type': form.contentType },
      });
      expect(res.statusCode).toBe(201);
      const img = res.json();
      expect(img).toMatchObject({
        alt: 'A night bus at the depot',
        snippet: `![A night bus at the depot](image:${img.id})`,
      });
      const row = await t.deps.db.kysely.selectFrom('images').selectAll().where('id', '=', img.id).executeTakeFirst();
      expect(row).toBeDefined();
    });

    it('approves a held comment, which readers then see, and bans its author', async () => {
      const article = await makeArticle(t.deps.db.kysely, { headline: 'A discussed story' });
      const held = await addComment(t.deps.db.kysely, {
        articleId: article.id,
        text: 'A held remark about buses.',
        authorEmail: 'held@example.test',
      });
      const thread = async () => (await api('GET', `/api/articles/${article.slug}/comments`)).body;
      expect(await thread()).not.toContain('A held remark');
      const queue = (await api('GET', '/api/v1/admin/comments', { token: all })).json();
      const item = queue.items.find((c: { id: number }) => c.id === held);
      expect(item).toMatchObject({ status: 'pending', email_fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) });
      expect(JSON.stringify(queue)).not.toContain('held@example.test');
      const approved = await api('POST', `/api/v1/admin/comments/${held}/approve`, { token: all });
      expect(approved.json()).toEqual({ id: held, status: 'approved', changed: true });
      expect(await thread()).toContain('A held remark about buses.');
      const again = await api('POST', `/api/v1/admin/comments/${held}/approve`, { token: all });
      expect(again.json()).toEqual({ id: held, status: 'approved', changed: false });
      const trashed = await api('POST', `/api/v1/admin/comments/${held}/trash`, { token: all });
      expect(trashed.json()).toMatchObject({ status: 'trash', changed: true });
      expect(await thread()).not.toContain('A held remark about buses.');

      const ban = await api('POST', `/api/v1/admin/comments/${held}/ban`, {
        token: all,
        body: { email: true, days: 7, reason: 'Spam run' },
      });
      expect(ban.statusCode).toBe(201);
      const manual = await api('POST', '/api/v1/admin/bans', {
        token: all,
        body: { kind: 'ip', value: '203.0.113.9', days: 'permanent', reason: 'Abuse from this address' },
      });
      expect(manual.statusCode).toBe(201);
      const bans = (await api('GET', '/api/v1/admin/bans', { token: all })).json();
      expect(bans.active).toHaveLength(2);
      expect(JSON.stringify(bans)).not.toMatch(/held@example|203\.0\.113/);
      const lifted = await api('POST', `/api/v1/admin/bans/${manual.json().ban_ids[0]}/lift`, { token: all });
      expect(lifted.statusCode).toBe(204);
      const liftedAgain = await api('POST', `/api/v1/admin/bans/${manual.json().ban_ids[0]}/lift`, { token: all });
      expect(liftedAgain.json()).toMatchObject({ code: 'BAN_ALREADY_LIFTED' });
    });

    it('counts an offline gift in the goal once, even when the request is retried', async () => {
      await makeCampaign(t.deps.db.kysely, { month: '2026-06', goalMinor: 500_000, currency: 'USD' });
      const gift = { date: '2026-06-14', amount_minor: 12_550, currency: 'USD', method: 'cheque' };
      const send = (key: string, body: object = gift) =>
        api('POST', '/api/v1/admin/gifts', { token: all, body, headers: { 'idempotency-key': key } });
      const first = await send('gift-0001');
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ amount_minor: 12_550, currency: 'USD', month: '2026-06', replayed: false });
      const retry = await send('gift-0001');
      expect(retry.statusCode).toBe(200);
      expect(retry.json()).toMatchObject({ id: first.json().id, replayed: true });
      // Two copies of one request at once: still one gift.
      const [a, b] = await Promise.all([send('gift-0002'), send('gift-0002')]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
      const goal = (await api('GET', '/api/funding/goal')).json();
      expect(goal.goal).toMatchObject({ month: '2026-06', raisedMinor: 25_100 });
      const reused = await send('gift-0001', { ...gift, amount_minor: 99 });
      expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });
      const missingKey = await api('POST', '/api/v1/admin/gifts', { token: all, body: gift });
      expect(missingKey.json()).toMatchObject({ code: 'INVALID_INPUT', status: 400 });
      const future = await send('gift-0003', { ...gift, date: '2026-06-16' });
      expect(future.json()).toMatchObject({ code: 'OFFLINE_GIFT_INVALID', fields: { date: expect.any(String) } });
      expect((await api('GET', '/api/funding/goal')).json().goal.raisedMinor).toBe(25_100);
    });

    it('documents every Admin API route, and every answer is valid against the document', async () => {
      const doc = (await t.app.inject('/api/openapi.json')).json();
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
      const adminRoutes = t.app.routePolicies.filter((p) => p.url.startsWith('/api/v1/admin') && p.method !== 'HEAD');
      for (const p of adminRoutes) {
        const path = p.url.replace(/:(\w+)/g, '{$1}');
        expect(doc.paths[path]?.[p.method.toLowerCase()], `${p.method} ${path}`).toBeDefined();
      }
      // The Admin and Content APIs (/api/v1); createTestApp checks every other /api answer when the app closes.
      const check = openApiChecker(doc);
      const checked = seen.filter((s) => s.url.startsWith('/api/v1/'));
      expect(checked.length).toBeGreaterThan(60);
      expect(checked.map(check).filter(Boolean)).toEqual([]);
    });
  });
}
