/** The moderation rules and discussion settings pages, and their form errors, in French and Arabic. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import type { FormSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`moderation and discussion settings in French and Arabic on ${dialect}`, () => {
    let t: TestApp;
    let publisher: FormSession;
    let owner: Staff;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      owner = await makeStaff(t, 'publisher');
      publisher = await signedIn(t.app, owner, '/admin/moderation/settings');
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows the moderation rules in French, with their errors, and the browser’s texts', async () => {
      await setSiteLocale(t, owner, 'fr');
      const page = (await publisher.get('/admin/moderation/settings')).body;
      expect(page).toContain('Règles de modération');
      expect(page).toContain('Enregistrer les règles');
      expect(page).toContain('Commentaire de {author} sélectionné.');
      const refused = await publisher.post('/admin/moderation/settings', {
        newCommenterApprovals: '0',
        maxLinks: '999',
        profanity: 'off',
        reportThreshold: '3',
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Certaines règles sont à corriger ; rien n’a été enregistré.');
      expect(refused.body).toContain('Saisissez un nombre entier de 0 à 50.');
    });

    it('shows the discussion settings in Arabic, each refused field named', async () => {
      await setSiteLocale(t, owner, 'ar');
      const page = (await publisher.get('/admin/settings/discussion')).body;
      expect(page).toContain('إعدادات النقاش');
      expect(page).toContain('حفظ الإعدادات');
      const refused = await publisher.post('/admin/settings/discussion', { maxDepth: '99' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('بعض الإعدادات تحتاج إلى مراجعة؛ لم يُحفظ شيء.');
      expect(refused.body).toContain('عمق الردود: عدد صحيح من 1 إلى 10.');
      await setSiteLocale(t, owner, 'en');
    });
  });
}
