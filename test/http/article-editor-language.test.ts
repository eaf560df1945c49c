/**
 * The editor in the site's language: with the site in French or Arabic, the new-article form, a published
 * article's form (corrections, take down, delete) and the preview of a saved article are translated, and no
 * English text of the editor is left.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`the editor in the site's language on ${dialect}`, () => {
    let t: TestApp;
    let publisher: Staff;
    let id: number;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
      ({ id } = await makeArticle(t.deps.db.kysely, {
        headline: 'Harbour ferry returns',
        body: 'The ferry sails again from Monday.',
        publishedAt: '2026-06-14T09:30:00.000Z',
        authorIds: [publisher.id],
      }));
    });
    afterAll(async () => {
      await setSiteLocale(t, publisher, 'en');
      await t.close();
    });

    it('keeps English as it was', async () => {
      const s = await signedIn(t.app, publisher);
      const res = await s.get('/admin/articles/new');
      expect(res.body).toContain('<h1>New article</h1>');
      expect(res.body).toContain('Save as draft');
      expect(res.body).toContain('Publish now');
    });

    it('shows the new-article form, a published article’s form and its preview in French', async () => {
      await setSiteLocale(t, publisher, 'fr');
      const s = await signedIn(t.app, publisher);
      const blank = await s.get('/admin/articles/new');
      expect(blank.statusCode).toBe(200);
      expect(blank.body).toContain('Adresse (identifiant)');
      expect(blank.body).toContain('Enregistrer comme brouillon');
      expect(blank.body).toContain('Publier maintenant');
      expect(blank.body).toContain('Insérer une image de la bibliothèque');
      expect(blank.body).not.toContain('Save as draft');
      expect(blank.body).not.toContain('Insert an image from the library');

      const edit = await s.get(`/admin/articles/${id}/edit`);
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain('<title>Modifier : Harbour ferry returns');
      expect(edit.body).toContain('<h1>Modifier l’article</h1>');
      expect(edit.body).toContain('Mettre à jour l’article publié');
      expect(edit.body).toContain('Ajouter un rectificatif');
      expect(edit.body).toContain('Dépublier');
      expect(edit.body).not.toContain('Take it down');
      expect(edit.body).not.toContain('Update the published article');

      const preview = await s.get(`/admin/articles/${id}/preview`);
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('Aperçu : Harbour ferry returns');
    });

    it('shows the forms in Arabic', async () => {
      await setSiteLocale(t, publisher, 'ar');
      const s = await signedIn(t.app, publisher);
      const blank = await s.get('/admin/articles/new');
      expect(blank.body).toContain('الحفظ كمسودة');
      expect(blank.body).toContain('النشر الآن');
      const edit = await s.get(`/admin/articles/${id}/edit`);
      expect(edit.body).toContain('<h1>تحرير المقال</h1>');
      expect(edit.body).toContain('سحب المقال');
      expect(edit.body).not.toContain('Take it down');
    });
  });
}
