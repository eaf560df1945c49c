/**
 * The hardening gaps found under attack (issue 11), each closed at its root: one client address behind a
 * trusted proxy, one set of security headers on every answer, `private, no-store` on every personal
 * answer, form arrays that stay arrays when a form is refused, and a role guard whose redirect ends the
 * request.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRole } from '../../src/web/guards.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { countRows, makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

/** The headers helmet sets on a page; every answer must carry them. */
function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(headers['content-security-policy']).toMatch(/default-src 'self'/);
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

for (const dialect of DIALECTS) {
  describe(`hardening on ${dialect}`, () => {
    let t: TestApp;
    let author: Staff;
    let publisher: FormSession;
    let writer: FormSession;
    let reader: FormSession;

    beforeAll(async () => {
      // As in the README's proxy set-up: nginx on this machine, TRUSTED_PROXIES=127.0.0.1.
      t = await createTestApp(dialect, { config: { trustedProxies: ['127.0.0.1'] } });
      author = await makeStaff(t, 'author', 'Avery Author');
      publisher = await signedIn(t.app, await makeStaff(t, 'publisher'), '/admin');
      writer = await signedIn(t.app, author, '/admin/articles/new');
      reader = await signedIn(t.app, await makeUser(t.deps.db.kysely, { role: 'reader' }), '/account');
    });
    afterAll(async () => {
      await t.close();
    });

    describe('/metrics behind a trusted proxy', () => {
      it('refuses a remote client whose request the local proxy forwards', async () => {
        const res = await t.app.inject({
          url: '/metrics',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': '203.0.113.5' },
        });
        expect(res.statusCode).toBe(403);
      });

      it('refuses a client that claims to be loopback in a header the proxy appends to', async () => {
        // nginx's $proxy_add_x_forwarded_for keeps what the client sent and adds the real address.
        const res = await t.app.inject({
          url: '/metrics',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': '127.0.0.1, 203.0.113.5' },
        });
        expect(res.statusCode).toBe(403);
      });

      it('serves a client on this machine, directly or through the proxy', async () => {
        expect((await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
        const viaProxy = await t.app.inject({
          url: '/metrics',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': '::1' },
        });
        expect(viaProxy.statusCode).toBe(200);
      });
    });

    describe('rate limits behind a trusted proxy', () => {
      it('count each forwarded client on its own, and a header from anyone else not at all', async () => {
        const login = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
          t.app.inject({ method: 'POST', url: '/login', remoteAddress, headers, payload: {} });
        // /login allows 10 a minute per client; the proxy forwards two clients.
        for (let i = 0; i < 10; i++)
          expect((await login({ 'x-forwarded-for': '198.51.100.1' })).statusCode).not.toBe(429);
        expect((await login({ 'x-forwarded-for': '198.51.100.1' })).statusCode).toBe(429);
        expect((await login({ 'x-forwarded-for': '198.51.100.2' })).statusCode).not.toBe(429);
        // A client that is not the proxy cannot pick a fresh address by sending the header itself.
        for (let i = 0; i < 10; i++) await login({ 'x-forwarded-for': `198.51.100.${10 + i}` }, '203.0.113.8');
        expect((await login({ 'x-forwarded-for': '198.51.100.99' }, '203.0.113.8')).statusCode).toBe(429);
      });
    });

    describe('a form with one ticked box', () => {
      it('shows the editor again with its messages when a field is too long and one byline is ticked', async () => {
        await writer.get('/admin/articles/new');
        const before = await countRows(t, 'articles');
        const res = await writer.post('/admin/articles', {
          headline: 'H'.repeat(1001),
          body: 'Body.',
          bylines: String(author.id),
        });
        expect(res.statusCode, res.body.slice(0, 500)).toBe(400);
        expect(errorCodeOf(res.body)).toBe('INVALID_INPUT');
        expect(res.body).toContain('name="headline"');
        // The ticked byline is still ticked.
        expect(res.body).toMatch(new RegExp(`name="bylines" value="${author.id}"[^>]*checked`));
        expect(await countRows(t, 'articles')).toBe(before);
      });

      it('shows the editor again when a preview has a long excerpt and one byline', async () => {
        await writer.get('/admin/articles/new');
        const res = await writer.post('/admin/articles/preview', {
          headline: 'Preview me',
          excerpt: 'E'.repeat(2001),
          body: 'Body.',
          bylines: String(author.id),
        });
        expect(res.statusCode, res.body.slice(0, 500)).toBe(400);
        expect(errorCodeOf(res.body)).toBe('INVALID_INPUT');
      });

      it('still saves a valid form with one byline', async () => {
        await writer.get('/admin/articles/new');
        const res = await writer.post('/admin/articles', {
          headline: 'One byline',
          body: 'Body.',
          bylines: String(author.id),
        });
        expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
      });
    });

    describe('security headers on every answer', () => {
      it('sends them with the 400 page for a malformed address', async () => {
        const res = await t.app.inject('/%E0%A4%A');
        expect(res.statusCode).toBe(400);
        expect(errorCodeOf(res.body)).toBe('MALFORMED_URL');
        expectSecurityHeaders(res.headers);
      });

      it('sends them with the problem+json for a malformed API address', async () => {
        const res = await t.app.inject('/api/comments/%E0%A4%A');
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expectSecurityHeaders(res.headers);
      });

      it('sends them with a 404, a validation 400 and a page', async () => {
        for (const url of ['/no-such-page', '/admin/articles/0/edit', '/']) {
          expectSecurityHeaders((await t.app.inject(url)).headers);
        }
      });
    });

    describe('personal answers are never cached', () => {
      it('marks the donations admin, its CSV and the account page private, no-store', async () => {
        for (const url of ['/admin/donations', '/admin/donations/ledger.csv', '/admin/staff']) {
          const res = await publisher.get(url);
          expect(res.statusCode, url).toBe(200);
          expect(res.headers['cache-control'], url).toBe('private, no-store');
        }
        const account = await reader.get('/account');
        expect(account.statusCode).toBe(200);
        expect(account.headers['cache-control']).toBe('private, no-store');
      });

      it('marks any page a signed-in reader gets, and an answer that sets a cookie', async () => {
        const { slug } = await makeArticle(t.deps.db.kysely, { headline: 'Cached for guests only' });
        const signedInPage = await reader.get(`/articles/${slug}`);
        expect(signedInPage.headers['cache-control']).toBe('private, no-store');
        const guestWithCookie = await t.app.inject(`/articles/${slug}`);
        if (guestWithCookie.headers['set-cookie'])
          expect(guestWithCookie.headers['cache-control']).toBe('private, no-store');
        const guestAgain = await t.app.inject({ url: '/feed.xml' });
        expect(guestAgain.headers['cache-control']).toMatch(/^public/);
      });

      it('keeps the caching of static files and feeds for signed-in readers', async () => {
        const css = await reader.get('/static/css/discovery.css');
        if (css.statusCode === 200) expect(css.headers['cache-control']).toMatch(/max-age/);
        const feed = await reader.get('/feed.xml');
        expect(feed.headers['cache-control']).toMatch(/^public/);
      });

      it('marks a guest sent to sign in from an admin page', async () => {
        const res = await t.app.inject('/admin/donations');
        expect(res.statusCode).toBe(303);
        expect(res.headers['cache-control']).toBe('private, no-store');
      });
    });
  });
}

describe('the role guard', () => {
  it('ends the request with its redirect: the handler never runs', async () => {
    const app = Fastify();
    app.decorateRequest('viewer', null);
    // onSend hooks that take a moment (the real app's write cookies and headers) keep the redirect in flight
    // after the guard returns; the guard must not let the request go on meanwhile.
    app.addHook('onSend', async () => {
      await new Promise((r) => setImmediate(r));
    });
    let handled = 0;
    app.get('/secret', { preHandler: requireRole('editor') }, async () => {
      handled++;
      return 'secret';
    });
    const res = await app.inject('/secret');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fsecret');
    await new Promise((r) => setTimeout(r, 20));
    expect(handled).toBe(0);
    await app.close();
  });

  it('answers 401 to a guest and 403 to a role it does not admit, without running the handler', async () => {
    const app = Fastify();
    app.decorateRequest('viewer', null);
    app.addHook('onRequest', async (request) => {
      if (request.headers['x-role']) request.viewer = { id: 1, name: 'R', role: String(request.headers['x-role']) };
    });
    app.setErrorHandler((err: { status?: number }, _request, reply) => reply.code(err.status ?? 500).send('no'));
    let handled = 0;
    app.post('/secret', { preHandler: requireRole('editor') }, async () => {
      handled++;
      return 'ok';
    });
    expect((await app.inject({ method: 'POST', url: '/secret' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/secret', headers: { 'x-role': 'reader' } })).statusCode).toBe(
      403,
    );
    expect(handled).toBe(0);
    expect((await app.inject({ method: 'POST', url: '/secret', headers: { 'x-role': 'publisher' } })).statusCode).toBe(
      200,
    );
    expect(handled).toBe(1);
    await app.close();
  });
});
