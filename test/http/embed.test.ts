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
    afterAll(async () => {
      await t.close();
    });

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
      // No form that writes: the frame gets no cookies, so nothing in it could be protected against forgery.
      expect(res.body).not.toContain('method="post"');
      expect(res.body).toContain(
        `href="http://127.0.0.1:3000/articles/${slug}#comment-form" target="_blank" rel="noopener"`,
      );
      expect(res.body).toContain(`href="/embed/articles/${slug}/comments#comments"`);
      expect(res.headers['set-cookie']).toBeUndefined();
      const reply = await t.app.inject(`/embed/articles/${slug}/comments?reply=${ids[0]}`);
      expect(reply.body).toContain(`/articles/${slug}?reply=${ids[0]}#comment-form`);
      expect(reply.body).toContain('Reply to Reader 0 on The Broadsheet');
    });

    it('sends a vote to the comment on the article page, in a new tab, and a report there too', async () => {
      const res = await t.app.inject(`/embed/articles/${slug}/comments`);
      // The shared list's vote buttons submit this form: a GET that opens a new tab, never a POST in the frame.
      expect(res.body).toContain(
        '<form id="discussion-actions" method="get" action="/embed/vote" target="_blank" rel="noopener" class="actions-form"></form>',
      );
      expect(res.body).toContain(`form="discussion-actions" name="vote" value="${ids[0]}:up"`);
      // discussion.js opens report links in a new tab when the section says it is embedded.
      expect(res.body).toMatch(/<section class="discussion"[^>]* data-embed="true"/);
      const go = await t.app.inject(`/embed/vote?vote=${ids[0]}:up`);
      expect(go.statusCode).toBe(303);
      expect(go.headers.location).toBe(`/comments/${ids[0]}`);
      expect((await t.app.inject(go.headers.location as string)).headers.location).toBe(
        `/articles/${slug}#comment-${ids[0]}`,
      );
      expect((await t.app.inject('/embed/vote?vote=99999999999:up')).statusCode).toBe(400);
      expect((await t.app.inject('/embed/vote?vote=4294967296:up')).statusCode).toBe(404);
      expect((await t.app.inject('/embed/vote?vote=drop')).statusCode).toBe(400);
      expect(await t.deps.db.kysely.selectFrom('votes').select('comment_id').execute()).toEqual([]);
      // On the site's own page the discussion is not marked embedded.
      expect((await t.app.inject(`/articles/${slug}`)).body).not.toContain('data-embed=');
    });

    it('answers an unknown article with 404', async () => {
      expect((await t.app.inject('/embed/articles/nope/comments')).statusCode).toBe(404);
    });
  });
}
