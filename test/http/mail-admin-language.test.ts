/** /admin/mail in the site's language: headings, tabs, statuses, notices, the transport line and form errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../src/platform/outbox.repo.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { makeUser } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`the mail page in French and Arabic on ${dialect}`, () => {
    let t: TestApp;
    let s: FormSession;
    let publisher: { id: number };
    let id: number;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-11-25T10:00:00.000Z') });
      const p = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      publisher = p;
      s = await formSession(t.app, '/login');
      await s.post('/login', { email: p.email, password: p.password });
      id = await t.deps.db.kysely
        .transaction()
        .execute((trx) =>
          enqueueMail(
            trx,
            { to: 'jane@mail.example', subject: 'Hello', text: 'Body', html: null, kind: 'test' },
            t.deps.clock.now(),
          ),
        );
    });
    afterAll(async () => {
      await t?.close();
    });

    it('speaks French', async () => {
      await setSiteLocale(t, publisher, 'fr');
      const page = await s.get(`/admin/mail?retried=${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<h1>Courrier</h1>');
      expect(page.body).toContain('SMTP_URL n’est pas défini');
      expect(page.body).toContain('Le courrier distribué est conservé 30 jours');
      expect(page.body).toContain(`Le message ${id} est de nouveau dans la file`);
      expect(page.body).toContain('En attente (1)');
      expect(page.body).toContain('Envoyer maintenant');
      expect(page.body).toContain('· à j•••@mail.example · mis en file');
      expect(page.body).toContain('Notifications de commentaires');
      expect(page.body).toContain('Agrandir'); // the viewer's texts travel with the page
      expect(page.body).not.toContain('Comment notifications');
      const refused = await s.post('/admin/mail/settings', { digestWindowMinutes: '0' });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('La fenêtre doit être un nombre entier de minutes compris entre 1 et 1440.');
    });

    it('speaks Arabic', async () => {
      await setSiteLocale(t, publisher, 'ar');
      const page = await s.get('/admin/mail?saved=1');
      expect(page.body).toContain('dir="rtl"');
      expect(page.body).toContain('<h1>البريد</h1>');
      expect(page.body).toContain('حُفظ.');
      expect(page.body).toContain('إشعارات التعليقات');
      expect(page.body).toContain('في الانتظار (1)');
      expect(page.body).toContain('لا محاولات');
      expect(page.body).not.toContain('Digest window');
    });
  });
}
