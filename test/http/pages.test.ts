import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`reader pages on ${dialect}`, () => {
    let t: TestApp;
    let slug = '';
    const clock = fixedClock('2026-06-14T12:00:00Z');

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      ({ featuredSlug: slug } = await seedDemo(t.deps, { comments: 300, avifInBackground: false }));
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows the latest articles and the goal bar on the home page', async () => {
      const res = await t.app.inject('/');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Night buses return to the outer districts');
      expect(res.body).toMatch(
        /role="progressbar"[^>]*aria-valuemin="0"[^>]*aria-valuemax="500000"[^>]*aria-valuenow="112000"/,
      );
      expect(res.body).toContain('JUNE 2026');
      expect(res.body).toContain('$2,500');
    });

    it('renders the article with byline, date, image thumbnail, call to action and threaded comments', async () => {
      const res = await t.app.inject(`/articles/${slug}`);
      expect(res.statusCode).toBe(200);
      const b = res.body;
      expect(b).toContain('<h1 class="headline">Night buses return');
      expect(b).toMatch(/By <a href="\/author\/tom-becker"/);
      expect(b).toContain('Click to see the full-size image');
      expect(b).toMatch(/<a class="full-size-link" href="\/media\/[^"]+\/1600\.jpg"/);
      expect(b).toContain('Support The Broadsheet');
      expect(b).toContain('300 comments');
      expect(b).toContain('class="replies"');
      expect(b).toContain('View all comments');
      expect(b).not.toContain('@example.net');
    });

    it('shows newest threads first and all threads on "View all comments"', async () => {
      const first = await t.app.inject(`/articles/${slug}`);
      const all = await t.app.inject(`/articles/${slug}?comments=all`);
      const count = (s: string) => (s.match(/<li class="comment /g) ?? []).length;
      expect(count(all.body)).toBe(300);
      expect(count(first.body)).toBeLessThan(300);
      const times = [...first.body.matchAll(/<ol class="comment-list"><li[\s\S]*?<time datetime="([^"]+)"/g)].map(
        (m) => m[1],
      );
      expect(times.length).toBe(1);
    });

    it('serves the full-size image the thumbnail links to', async () => {
      const page = await t.app.inject(`/articles/${slug}`);
      const href = /class="full-size-link" href="([^"]+)"/.exec(page.body)![1]!;
      const img = await t.app.inject(href);
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/jpeg');
    });

    it('answers an unknown slug with a 404 page in the layout', async () => {
      const res = await t.app.inject('/articles/no-such-article');
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Page not found');
      expect(res.body).toContain('role="progressbar"');
    });

    it('answers a malformed path or query with 400, never 500', async () => {
      expect((await t.app.inject('/articles/%E0%A4%A')).statusCode).toBe(400);
      expect((await t.app.inject(`/articles/${slug}?sort=sideways`)).statusCode).toBe(400);
      expect((await t.app.inject(`/articles/${slug}?comments=some`)).statusCode).toBe(400);
    });

    it('sends a strict content security policy and no cookie without HttpOnly', async () => {
      const res = await t.app.inject('/');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      for (const c of [res.headers['set-cookie'] ?? []].flat()) expect(c).toMatch(/HttpOnly/i);
      expect(res.body).not.toMatch(/<script>(?!<\/script>)/);
      expect(res.body).not.toMatch(/ style="/);
    });

    it('reports health with the database', async () => {
      const res = await t.app.inject('/healthz');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: dialect });
    });

    it('publishes an OpenAPI document', async () => {
      const res = await t.app.inject('/api/openapi.json');
      expect(res.json().openapi).toMatch(/^3\./);
    });
  });
}
