/**
 * The site's language (/admin/site): English by default, French or Arabic when the publisher chooses, on every
 * page at once (`lang` and `dir` on <html>, the layout's texts, dates, error pages and form errors), in this
 * process and (PostgreSQL) in another one without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import type { FormSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';
import { until } from '../helpers/until.js';

const htmlTag = (body: string) => /<html[^>]*>/.exec(body)?.[0] ?? '';

for (const dialect of DIALECTS) {
  describe(`the site's language on ${dialect}`, () => {
    let t: TestApp;
    let publisher: FormSession;
    let owner: Staff;
    let slug: string;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      owner = await makeStaff(t, 'publisher');
      publisher = await signedIn(t.app, owner, '/admin/site');
      ({ slug } = await makeArticle(t.deps.db.kysely, {
        headline: 'Bridge reopens',
        publishedAt: '2026-06-14T09:30:00.000Z',
      }));
    });
    afterAll(async () => {
      await t.close();
    });

    it('is English until the publisher chooses another', async () => {
      const body = (await t.app.inject('/')).body;
      expect(htmlTag(body)).toBe('<html lang="en-US" dir="ltr">');
      expect(body).toContain('Skip to content');
    });

    it('is chosen in /admin/site, and a language the site does not ship is refused on the form', async () => {
      const form = (await publisher.get('/admin/site')).body;
      expect(form).toContain('<option value="ar">العربية</option>');
      const refused = await publisher.post('/admin/site', { name: 'The Broadsheet', locale: 'xx' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('That language is not one the site offers.');
      expect(htmlTag((await t.app.inject('/')).body)).toBe('<html lang="en-US" dir="ltr">');

      const saved = await publisher.post('/admin/site', { name: 'The Broadsheet', locale: 'fr' });
      expect(saved.statusCode).toBe(303);
      const body = (await t.app.inject('/')).body;
      expect(htmlTag(body)).toBe('<html lang="fr-FR" dir="ltr">');
      expect(body).toContain('Aller au contenu');
      expect(body).toContain('The Broadsheet est financé par ses lecteurs.');
    });

    it('turns the page right to left in Arabic, error pages and the browser’s texts included', async () => {
      await setSiteLocale(t, owner, 'ar');
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(htmlTag(page)).toBe('<html lang="ar" dir="rtl">');
      expect(page).toContain('انتقل إلى المحتوى');
      expect(page).toContain('"common.js_loading":"جارٍ التحميل…"');
      const missing = await t.app.inject('/no-such-page');
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain('لم نعثر على هذه الصفحة.');
      expect(missing.body).not.toContain('We could not find that page.');
      // An API client gets its problem document in the site's language too, with the stable code.
      const problem = await t.app.inject({ url: '/api/v1/articles/no-such-article' });
      expect(problem.json()).toMatchObject({ status: 404 });
      await setSiteLocale(t, owner, 'en');
      expect(htmlTag((await t.app.inject('/')).body)).toBe('<html lang="en-US" dir="ltr">');
    });

    if (dialect === 'postgres') {
      it('reaches a second process on the same database without a restart', async () => {
        const other = await createTestApp(dialect, { testDb: t.testDb });
        try {
          expect(htmlTag((await other.app.inject('/')).body)).toBe('<html lang="en-US" dir="ltr">');
          await setSiteLocale(t, owner, 'ar');
          await until(
            async () => htmlTag((await other.app.inject('/')).body) === '<html lang="ar" dir="rtl">',
            5_000,
            () => 'the other process still shows the old language',
          );
        } finally {
          await setSiteLocale(t, owner, 'en');
          await other.close();
        }
      });
    }
  });
}
