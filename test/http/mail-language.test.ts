/**
 * Mail in the site's language: with the site in French or Arabic, the confirmation a reader asks for under the
 * comment form ("Notify of") and the notification of a reply arrive through a real SMTP server with their subject,
 * body and dates translated, and `lang`/`dir` on the HTML part. The language is the one saved in /admin/site when
 * the mail is queued.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/features/subscriptions/notify.service.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { postAsGuest, useModerationSettings } from '../helpers/discussion.js';
import { makeStaff, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { approvedComment, confirmFromMail, deliver } from '../helpers/subscriptions.js';
import { DIALECTS } from '../helpers/test-db.js';

const CASES = [
  {
    locale: 'fr',
    at: '2026-11-25T10:00:00.000Z',
    html: '<html lang="fr-FR" dir="ltr">',
    confirmSubject: 'Merci de confirmer : les nouvelles réponses à vos commentaires sur « Le pont rouvre »',
    confirmText: ['Pour confirmer, ouvrez ce lien et appuyez sur le bouton :', 'Le lien est valable 7 jours.'],
    confirmButton: 'Confirmer l’abonnement',
    replySubject: 'Nouvelle réponse à votre commentaire sur « Le pont rouvre »',
    replyText: ['Bob vous a répondu (25 nov. 2026, 11:00 CET) :', 'Se désabonner de cet article :'],
    replyHtml: ['<strong>Bob</strong> vous a répondu', '· 25 nov. 2026, 11:00 CET', 'Lire et répondre'],
  },
  {
    locale: 'ar',
    at: '2026-12-02T15:30:00.000Z',
    html: '<html lang="ar" dir="rtl">',
    confirmSubject: 'يرجى التأكيد: الردود الجديدة على تعليقاتك على «Le pont rouvre»',
    confirmText: ['للتأكيد، افتح هذا الرابط واضغط على الزر:', 'يبقى الرابط صالحًا لمدة 7 أيام.'],
    confirmButton: 'تأكيد الاشتراك',
    replySubject: 'رد جديد على تعليقك على «Le pont rouvre»',
    replyText: ['ردّ عليك Bob (2 ديسمبر 2026، 4:30 م CET):', 'إلغاء الاشتراك في هذا المقال:'],
    replyHtml: ['ردّ عليك <strong>Bob</strong>', '· 2 ديسمبر 2026، 4:30 م CET', 'اقرأ وردّ'],
  },
] as const;

for (const dialect of DIALECTS) {
  describe(`mail in the site's language on ${dialect}`, () => {
    let smtp: TestSmtp;
    let t: TestApp;
    let owner: Staff;
    let restore: (() => Promise<void>) | undefined;
    const clock = fixedClock('2026-11-25T10:00:00.000Z');

    beforeAll(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { clock, config: { smtpUrl: smtp.url } });
      owner = await makeStaff(t, 'publisher');
    });
    afterEach(async () => {
      await restore?.();
      restore = undefined;
      await setSiteLocale(t, owner, 'en');
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    for (const c of CASES) {
      it(`sends the "Notify of" confirmation and the reply notification in ${c.locale}`, async () => {
        clock.set(new Date(Date.parse(c.at) - 60 * 60_000));
        await setSiteLocale(t, owner, c.locale, 'Europe/Paris');
        restore = await useModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
        const article = await makeArticle(t.deps.db.kysely, { headline: 'Le pont rouvre' });
        const email = `ann.${c.locale}@example.test`;

        const ann = await formSession(t.app, `/articles/${article.slug}`);
        const posted = await postAsGuest(ann, article.slug, {
          name: 'Ann',
          email,
          body: 'Premières réflexions.',
          notify: '1',
          notifyKind: 'replies',
        });
        expect(posted.statusCode).toBe(303);
        const [confirmation] = await deliver(t, smtp, email);
        expect(confirmation!.subject).toBe(c.confirmSubject);
        for (const s of c.confirmText) expect(confirmation!.text).toContain(s);
        expect(confirmation!.html).toContain(c.html);
        expect(confirmation!.html).toContain(c.confirmButton);
        expect(confirmation!.text).not.toMatch(/To confirm|The link works/);
        const { res } = await confirmFromMail(t, confirmation!);
        expect(res.statusCode).toBe(303);

        const annComment = await t.deps.db.kysely
          .selectFrom('comments')
          .select('id')
          .where('article_id', '=', article.id)
          .where('author_name', '=', 'Ann')
          .executeTakeFirstOrThrow();
        clock.set(c.at);
        await approvedComment(t, {
          articleId: article.id,
          parentId: annComment.id,
          name: 'Bob',
          email: 'bob@example.test',
          text: 'Une réponse.',
        });
        clock.advance(60 * 60_000);
        await sendDueDigests(t.deps);
        const [reply] = await deliver(t, smtp, email);
        expect(reply!.subject).toBe(c.replySubject);
        for (const s of c.replyText) expect(reply!.text).toContain(s);
        for (const s of c.replyHtml) expect(reply!.html).toContain(s);
        expect(reply!.html).toContain(c.html);
        expect(reply!.text).not.toMatch(/replied to you|Unsubscribe from/);
      });
    }
  });
}
