/**
 * The article history and the page admin in the site's language: French and Arabic texts, not English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import type { FormSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`history and page admin in French and Arabic on ${dialect}`, () => {
    let t: TestApp;
    let owner: Staff;
    let session: FormSession;
    let id: number;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      owner = await makeStaff(t, 'publisher');
      session = await signedIn(t.app, owner, '/admin/pages');
      ({ id } = await makeArticle(t.deps.db.kysely, { headline: 'Bridge reopens', authorIds: [owner.id] }));
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows the history and the pages in French', async () => {
      await setSiteLocale(t, owner, 'fr');
      const history = (await session.get(`/admin/articles/${id}/history`)).body;
      expect(history).toContain('Historique : Bridge reopens');
      expect(history).toContain('Retour à l’éditeur');
      expect(history).not.toContain('Back to the editor');
      const list = (await session.get('/admin/pages')).body;
      expect(list).toContain('Nouvelle page');
      expect(list).toContain('<a href="/admin/navigation">Navigation</a>');
      const form = (await session.get('/admin/pages/new')).body;
      expect(form).toContain('Enregistrer et publier');
      expect(form).toContain('Les lecteurs peuvent commenter cette page');
    });

    it('shows the history and the pages in Arabic', async () => {
      await setSiteLocale(t, owner, 'ar');
      const history = (await session.get(`/admin/articles/${id}/history`)).body;
      expect(history).toContain('السجل: Bridge reopens');
      expect(history).toContain('العودة إلى المحرر');
      const form = (await session.get('/admin/pages/new')).body;
      expect(form).toContain('حفظ ونشر');
      expect(form).not.toContain('Save and publish');
    });
  });
}
