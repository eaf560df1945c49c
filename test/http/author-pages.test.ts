/**
 * Every byline links to an author page: an account credited on an article gets one when it has none
 * yet (the operator's publisher made by `create-publisher`, a reader given a writing role).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantPublisherAccess } from '../../src/features/accounts/publisher-access.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn } from '../helpers/editorial.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`author pages for every byline on ${dialect}`, () => {
    let t: TestApp;
    const clock = fixedClock('2026-06-14T09:00:00Z');

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
    });
    afterAll(async () => {
      await t.close();
    });

    const slugOf = async (email: string) =>
      await t.deps.db.kysely
        .selectFrom('users')
        .select(['id', 'slug'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();

    it('gives the publisher made on the command line an author page once they carry a byline', async () => {
      const access = await grantPublisherAccess(
        t.deps.db.kysely,
        { email: 'owner@example.test', name: 'Ольга Издатель' },
        clock.now(),
      );
      const before = await slugOf('owner@example.test');
      expect(before.slug).toBeNull();
      const s = await signedIn(t.app, { email: access.email, password: access.password });
      await s.get('/admin/articles/new');
      const res = await s.post('/admin/articles', {
        headline: 'A letter from the publisher',
        slug: 'letter',
        body: 'Thank you for reading.',
        bylines: [String(before.id)],
        intent: 'publish',
      });
      expect(res.statusCode, res.body.slice(0, 1000)).toBe(303);

      expect((await slugOf('owner@example.test')).slug).toBe('ольга-издатель');
      const page = (await t.app.inject('/articles/letter')).body;
      const href = `/author/${encodeURIComponent('ольга-издатель')}`;
      expect(page).toContain(`<a href="${href}" rel="author">Ольга Издатель</a>`);
      expect(page).toContain(`"url":"${t.deps.config.siteUrl}${href}"`);
      expect((await t.app.inject(href)).statusCode).toBe(200);
    });

    it('numbers the page when the name’s address is taken, and leaves an existing page alone', async () => {
      const editor = await makeStaff(t, 'editor', 'Sam Lee');
      const { slug: editorSlug } = await t.deps.db.kysely
        .selectFrom('users')
        .select('slug')
        .where('id', '=', editor.id)
        .executeTakeFirstOrThrow();
      await t.deps.db.kysely
        .updateTable('users')
        .set({ slug: 'ольга-издатель-2' })
        .where('id', '=', editor.id)
        .execute();
      const other = await grantPublisherAccess(
        t.deps.db.kysely,
        { email: 'second@example.test', name: 'Ольга Издатель' },
        clock.now(),
      );
      const { id } = await slugOf(other.email);
      const s = await signedIn(t.app, editor);
      await s.get('/admin/articles/new');
      const res = await s.post('/admin/articles', {
        headline: 'Two bylines',
        body: 'Written together.',
        bylines: [String(editor.id), String(id)],
      });
      expect(res.statusCode, res.body.slice(0, 1000)).toBe(303);
      expect((await slugOf(other.email)).slug).toBe('ольга-издатель-3');
      expect((await slugOf(editor.email)).slug).toBe('ольга-издатель-2');
      expect(editorSlug).not.toBeNull();
    });
  });
}
