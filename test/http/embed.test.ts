import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { listedIds, makeThreads } from '../helpers/discussion.js';

for (const dialect of DIALECTS) {
  describe(`the embedded discussion on ${dialect}`, () => {
    let t: TestApp;
    let slug = '';
    let ids: number[] = [];
    beforeAll(async () => {
      t = await createTestApp(dialect);
      const a = await makeArticle(t.deps.db.kysely, { headline: 'Embedded story' });
      slug = a.slug;
      ids = await makeThreads(t.deps.db.kysely, a.id, 3);
    });
    afterAll(async () => { await t.close(); });

    it('serves the embed script', async () => {
      const res = await t.app.inject('/embed.js');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('javascript');
      expect(res.body).toContain("'/embed/articles/'");
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    });

    it('lets any site frame the discussion page, and only that page', async () => {
      const res = await t.app.inject(`/embed/articles/${slug}/comments`);
      expect(res.statusCode).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain('frame-ancestors *');
      expect(csp).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBeUndefined();
      const article = await t.app.inject(`/articles/${slug}`);
      expect(String(article.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
      expect(article.headers['x-frame-options']).toBe('SAMEORIGIN');
    });

    it('shows the threads without the site chrome, and sends writing to the article page', async () => {
      const res = await t.app.inject(`/embed/articles/${slug}/comments?sort=oldest`);
      expect(listedIds(res.body)).toEqual(ids);
      expect(res.body).not.toContain('class="site-header"');
      expect(res.body).not.toContain('<form');
      expect(res.body).toContain(`href="http://127.0.0.1:3000/articles/${slug}#comment-form" target="_blank" rel="noopener"`);
      expect(res.body).toContain(`href="/embed/articles/${slug}/comments#comments"`);
      expect(res.headers['set-cookie']).toBeUndefined();
      const reply = await t.app.inject(`/embed/articles/${slug}/comments?reply=${ids[0]}`);
      expect(reply.body).toContain(`/articles/${slug}?reply=${ids[0]}#comment-form`);
      expect(reply.body).toContain('Reply to Reader 0 on The Broadsheet');
    });

    it('answers an unknown article with 404', async () => {
      expect((await t.app.inject('/embed/articles/nope/comments')).statusCode).toBe(404);
    });
  });
}
