/**
 * A body may name a library image that does not exist (`<img src="image:N">` or `![](image:N)` typed by
 * hand, an id from another site's import, an id too large for the database): the editor refuses it on
 * the form, and a stored body that names one still renders everywhere, without the figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { countRows, fieldError, makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';

/** Missing ids: an ordinary one, one beyond 32 bits, and one beyond what a double holds exactly. */
const MISSING = ['424242', '99999999999', '123456789012345678901234567890'];

for (const dialect of DIALECTS) {
  describe(`bodies naming images that do not exist on ${dialect}`, () => {
    let t: TestApp;
    let editor: Staff;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T09:00:00Z') });
      editor = await makeStaff(t, 'editor');
    });
    afterAll(async () => {
      await t.close();
    });

    const bodyWith = (n: string) =>
      `Before the picture.\n\n<img src="image:${n}">\n\n![Also missing](image:${n})\n\nAfter the picture.`;

    it('refuses to save or preview such a body with a message on the form, keeping the typing', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      for (const n of MISSING) {
        const before = await countRows(t, 'articles');
        const res = await s.post('/admin/articles', {
          headline: `Missing image ${n}`,
          body: bodyWith(n),
          bylines: [String(editor.id)],
        });
        expect(res.statusCode, res.body.slice(0, 500)).toBe(400);
        expect(fieldError(res.body, 'body')).toContain('not in the library');
        expect(res.body).toContain('After the picture.');
        expect(await countRows(t, 'articles')).toBe(before);

        const preview = await s.post('/admin/articles/preview', {
          headline: `Missing image ${n}`,
          body: bodyWith(n),
          bylines: [String(editor.id)],
        });
        expect(preview.statusCode).toBe(200);
        expect(preview.body).toContain('After the picture.');
        expect(preview.body).not.toContain('data-image-id');
      }
    });

    it('renders a stored body that names one on the article page, in the feeds and in the search results', async () => {
      for (const n of MISSING) {
        const { slug } = await makeArticle(t.deps.db.kysely, {
          headline: `Stored with image ${n.length}`,
          body: bodyWith(n),
        });
        const page = await t.app.inject(`/articles/${slug}`);
        expect(page.statusCode, page.body.slice(0, 500)).toBe(200);
        const article = page.body.slice(
          page.body.indexOf('<div class="article-body">'),
          page.body.indexOf('</article>'),
        );
        expect(article).toContain('Before the picture.');
        expect(article).toContain('After the picture.');
        expect(article).not.toMatch(/data-image-id|<img|full-size-link/);
      }
      for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) {
        const res = await t.app.inject(feed);
        expect(res.statusCode, feed).toBe(200);
        expect(res.body).toContain('After the picture.');
        expect(res.body).not.toContain('image:');
      }
      expect((await t.app.inject('/search?q=picture')).statusCode).toBe(200);
    });
  });
}
