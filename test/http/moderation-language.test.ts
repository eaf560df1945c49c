/**
 * Moderation in the site's language: with the site in French or Arabic, the queue, its notices and a refused ban
 * (its message and its field's message) are translated, on both databases.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { addComment, signedIn } from '../helpers/moderation.js';
import { DIALECTS } from '../helpers/test-db.js';
import { msg, storedText } from '../../src/lib/message.js';

const CASES = [
  {
    locale: 'fr',
    html: '<html lang="fr-FR" dir="ltr">',
    queue: ['File de modération', 'Approuver', 'Bannir le commentateur', 'Avec les commentaires sélectionnés'],
    notice: '1 commentaire approuvé.',
    held: 'nouveau commentateur (0 sur 1 approuvés)',
    empty: 'Aucun commentaire en attente.',
    scopeError: 'Choisissez au moins un élément à bannir : le compte, l’adresse e-mail ou l’adresse IP.',
    scopeField: 'Choisissez-en au moins un.',
    reasonError: 'Indiquez pourquoi, pour les autres modérateurs.',
  },
  {
    locale: 'ar',
    html: '<html lang="ar" dir="rtl">',
    queue: ['قائمة الإشراف', 'قبول', 'حظر المعلّق', 'بالتعليقات المحددة'],
    notice: 'قُبل تعليق واحد.',
    held: 'معلّق جديد (',
    empty: 'لا تعليقات قيد الانتظار.',
    scopeError: 'اختر عنصرًا واحدًا على الأقل لحظره: الحساب أو عنوان البريد الإلكتروني أو عنوان IP.',
    scopeField: 'اختر واحدًا على الأقل.',
    reasonError: 'اكتب السبب، ليطّلع عليه المشرفون الآخرون.',
  },
] as const;

for (const dialect of DIALECTS) {
  describe(`moderation in the site's language on ${dialect}`, () => {
    let t: TestApp;
    let mod: { s: FormSession; id: number };
    let pub: { s: FormSession; id: number };
    let articleId: number;
    const db = () => t.deps.db.kysely;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      ({ id: articleId } = await makeArticle(db()));
      mod = await signedIn(t.app, db(), 'moderator', 'Mo Derator');
      pub = await signedIn(t.app, db(), 'publisher', 'Pub Lisher');
    });
    afterEach(async () => {
      await setSiteLocale(t, pub, 'en');
    });
    afterAll(async () => {
      await t.close();
    });

    for (const c of CASES) {
      it(`shows the queue and its notices in ${c.locale}`, async () => {
        await setSiteLocale(t, pub, c.locale);
        const article = await makeArticle(db());
        const id = await addComment(db(), {
          articleId: article.id,
          authorEmail: `held.${c.locale}@example.test`,
          reason: storedText(msg('moderation.reason_new_commenter', { approved: 0, needed: 1 })),
        });
        const queue = `/admin/moderation?article=${article.id}`;
        const page = await mod.s.get(queue);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(c.html);
        for (const s of c.queue) expect(page.body).toContain(s);
        // Why it was held, stored as a message, reads in the site's language.
        expect(page.body).toContain(c.held);
        expect(page.body).not.toContain('new commenter');
        expect(page.body).not.toMatch(/Moderation queue|Back to pending|With the selected comments/);

        const acted = await mod.s.post('/admin/moderation/act', { one: `approve:${id}`, return: queue });
        expect(acted.statusCode).toBe(303);
        const after = await mod.s.get(acted.headers.location as string);
        expect(after.body).toContain(c.notice);
        expect(after.body).toContain(c.empty);
      });

      it(`refuses a ban without scope or reason with messages in ${c.locale}`, async () => {
        await setSiteLocale(t, pub, c.locale);
        const id = await addComment(db(), { articleId, authorEmail: `troll.${c.locale}@example.test` });
        const form = await mod.s.get(`/admin/moderation/comments/${id}/ban`);
        expect(form.statusCode).toBe(200);
        const noScope = await mod.s.post(`/admin/moderation/comments/${id}/ban`, { days: '7', reason: 'x' });
        expect(noScope.statusCode).toBe(422);
        expect(errorCodeOf(noScope.body)).toBe('BAN_SCOPE_REQUIRED');
        expect(noScope.body).toContain(c.scopeError);
        expect(noScope.body).toContain(c.scopeField);
        expect(noScope.body).not.toContain('Choose at least one');
        const noReason = await mod.s.post(`/admin/moderation/comments/${id}/ban`, {
          email: '1',
          days: '7',
          reason: ' ',
        });
        expect(noReason.statusCode).toBe(422);
        expect(noReason.body).toContain(c.reasonError);
      });
    }
  });
}
