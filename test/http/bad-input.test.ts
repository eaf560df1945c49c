/**
 * Bad input across the site answers 400 or 404 in the site's layout (or a problem document), never a
 * 500, on both databases: NUL bytes (PostgreSQL refuses them in text), ids and cursors beyond 32 bits
 * (PostgreSQL's integer ids), params that fail validation, and a database that stops answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { makeCampaign } from '../helpers/funding.js';
import { DIALECTS } from '../helpers/test-db.js';

const cursor = (text: string) => Buffer.from(text).toString('base64url');
const BIG = '4294967296';

for (const dialect of DIALECTS) {
  describe(`bad input on ${dialect}`, () => {
    let t: TestApp;
    let slug: string;
    let publisher: FormSession;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      ({ slug } = await makeArticle(t.deps.db.kysely, { headline: 'A plain story' }));
      await makeCampaign(t.deps.db.kysely, { month: monthOf(new Date()), goalMinor: 500_000, currency: 'USD' });
      publisher = await signedIn(t.app, await makeStaff(t, 'publisher'), '/admin');
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers a NUL byte anywhere in the input with 400, never 500', async () => {
      for (const url of [
        `/articles/a%00b`,
        `/api/articles/a%00b/comments`,
        '/search?q=bus%00stop',
        `/articles/${slug}?sort=new%00`,
      ]) {
        const res = await t.app.inject(url);
        expect([400, 404], url).toContain(res.statusCode);
      }
      const s = await formSession(t.app, `/articles/${slug}`);
      const form = await s.post(`/articles/${slug}/comments`, {
        body: 'Hello\u0000there',
        name: 'Nul',
        email: 'nul@example.test',
      });
      expect(form.statusCode).toBe(400);
      expect(form.body).toContain('not allowed');
      const api = await s.json('POST', `/api/articles/${slug}/comments`, {
        body: 'hi\u0000there',
        name: 'Nul',
        email: 'nul@example.test',
      });
      expect(api.statusCode).toBe(400);
      expect(api.headers['content-type']).toContain('application/problem+json');
      const login = await (await formSession(t.app, '/login')).post('/login', { email: 'a\u0000@b.co', password: 'x' });
      expect(login.statusCode).toBe(400);
      for (const url of [
        '/admin/articles?q=%00',
        '/admin/images?q=%00',
        '/admin/audit?action=%00',
        '/admin/moderation?commenter=%00',
      ]) {
        expect((await publisher.get(url)).statusCode, url).toBe(400);
      }
      expect(await t.deps.db.kysely.selectFrom('comments').select('id').execute()).toEqual([]);
    });

    it('answers ids and cursors beyond 32 bits with 400 or 404 on public and admin pages', async () => {
      const listingCursor = cursor(`2026-01-01T00:00:00Z|${BIG}`);
      for (const url of [
        `/?before=${listingCursor}`,
        `/section/news?after=${listingCursor}`,
        `/corrections?before=${listingCursor}`,
      ]) {
        expect([400, 404], url).toContain((await t.app.inject(url)).statusCode);
      }
      for (const url of [
        `/admin/audit?before=${BIG}`,
        `/admin/donations?before=${BIG}`,
        `/admin/moderation?before=${BIG}`,
        `/admin/moderation?article=${BIG}`,
        `/admin/campaigns/${BIG}/edit`,
        `/admin/donations/${BIG}/edit`,
      ]) {
        expect([200, 400, 404], url).toContain((await publisher.get(url)).statusCode);
      }
      await publisher.get('/admin/campaigns');
      for (const url of [
        `/admin/campaigns/${BIG}/delete`,
        `/admin/donations/${BIG}/delete`,
        `/admin/donations/${BIG}/unwall`,
        '/admin/articles/abc/unpublish',
        '/admin/articles/abc/corrections',
      ]) {
        expect([400, 404], url).toContain((await publisher.post(url, { correction: 'x' })).statusCode);
      }
      expect([200, 303, 400, 404]).toContain(
        (await publisher.post('/admin/moderation/act', { one: `approve:${BIG}` })).statusCode,
      );
    });

    it('shows a malformed address in the full layout, goal bar included, with a plain message', async () => {
      const res = await t.app.inject('/articles/%ff');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('role="progressbar"');
      const invalid = await t.app.inject(`/articles/${slug}/comments`);
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).not.toMatch(/must have required property|querystring/);
      expect(invalid.body).toContain('That address is not valid.');
    });

    // Last: it takes the database away.
    it('answers with the error page, not the database’s own message, when the database stops answering', async () => {
      await t.deps.db.close();
      const res = await t.app.inject('/');
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Something went wrong on our side');
      expect(res.body).not.toMatch(/connection|not open|ECONN|55000/i);
    });
  });
}
