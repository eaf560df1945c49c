/**
 * Accounts and the site form in the site's language: with the site in French, then in Arabic, the sign-in page and
 * a refused sign-in, the sign-up form's errors, the password-reset mail (sent over real SMTP), the staff page and
 * /admin/site (its labels, and an accent colour refused with its contrast ratios written the language's way).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../src/platform/outbox.service.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeUser } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { DIALECTS } from '../helpers/test-db.js';

const htmlTag = (body: string) => /<html[^>]*>/.exec(body)?.[0] ?? '';

const LANGUAGES = [
  {
    locale: 'fr',
    html: '<html lang="fr-FR" dir="ltr">',
    login: ['<h1>Se connecter</h1>', 'Mot de passe oublié ?', 'Créez un compte</a> pour commenter sous votre nom.'],
    signInFailed: 'Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte.',
    signup: [
      'Certains champs sont à revoir ; aucun compte n’a été créé.',
      'Saisissez une adresse e-mail du type nom@example.org.',
    ],
    mailSubject: 'Réinitialisez votre mot de passe sur The Broadsheet',
    mailText: ['Bonjour Ada,', 'dans les 60 minutes', 'Le lien ne sert qu’une fois.'],
    staff: ['<h1>Équipe</h1>', 'Inviter quelqu’un', 'Auteur : écrit des brouillons', 'Envoyer l’invitation'],
    site: ['<h1>Site</h1>', 'Nom du site', 'Couleur d’accent', 'Fuseau horaire', 'Enregistrer'],
    accent:
      /La couleur d’accent est trop claire ou trop foncée : #777777 a un contraste de 4,\d\d:1 sur le fond de la page et de 4,\d\d:1 sous un texte blanc ; le niveau AA des WCAG exige au moins 4,5:1 pour les deux\./,
  },
  {
    locale: 'ar',
    html: '<html lang="ar" dir="rtl">',
    login: ['<h1>تسجيل الدخول</h1>', 'نسيت كلمة المرور؟', 'أنشئ حسابًا</a> لتعلّق باسمك.'],
    signInFailed: 'لا يطابق هذا البريد الإلكتروني وكلمة المرور هذه أيَّ حساب.',
    signup: ['بعض الحقول تحتاج إلى مراجعة؛ لم يُنشأ أي حساب.', 'أدخل عنوان بريد إلكتروني مثل name@example.org.'],
    mailSubject: 'إعادة تعيين كلمة المرور في The Broadsheet',
    mailText: ['مرحبًا Ada،', 'خلال 60 دقيقة', 'يعمل الرابط مرة واحدة.'],
    staff: ['<h1>الفريق</h1>', 'دعوة شخص', 'كاتب: يكتب المسودات', 'أرسل الدعوة'],
    site: ['<h1>الموقع</h1>', 'اسم الموقع', 'لون التمييز', 'المنطقة الزمنية', 'احفظ'],
    accent:
      /لون التمييز فاتح جدًّا أو داكن جدًّا: يبلغ تباين #777777 مع خلفية الصفحة 4\.\d\d:1، ومع النص الأبيض فوقه 4\.\d\d:1؛ ويتطلب مستوى AA من WCAG ما لا يقل عن 4\.5:1 لكليهما\./,
  },
] as const;

for (const dialect of DIALECTS) {
  describe(`accounts in the site's language on ${dialect}`, () => {
    let t: TestApp;
    let smtp: TestSmtp;
    let owner: Staff;
    let publisher: FormSession;

    beforeAll(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { config: { smtpUrl: smtp.url } });
      owner = await makeStaff(t, 'publisher');
      publisher = await signedIn(t.app, owner, '/admin/site');
      await publisher.post('/admin/site', { name: 'The Broadsheet', locale: 'en' });
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    for (const lang of LANGUAGES) {
      it(`speaks ${lang.locale} on the sign-in, sign-up and password pages, and in the reset mail`, async () => {
        await setSiteLocale(t, owner, lang.locale);
        const reader = await makeUser(t.deps.db.kysely, { name: 'Ada' });

        const login = (await t.app.inject('/login')).body;
        expect(htmlTag(login)).toBe(lang.html);
        for (const text of lang.login) expect(login).toContain(text);
        expect(login).not.toContain('Forgot your password?');

        const guest = await formSession(t.app, '/login');
        const refused = await guest.post('/login', { email: reader.email, password: 'not-the-password' });
        expect(refused.statusCode).toBe(401);
        expect(refused.body).toContain(lang.signInFailed);
        expect(refused.body).not.toContain('do not match an account');

        const signup = await formSession(t.app, '/signup');
        const bad = await signup.post('/signup', { name: 'Ada', email: 'not-an-address' });
        expect(bad.statusCode).toBe(400);
        for (const text of lang.signup) expect(bad.body).toContain(text);

        const forgot = await formSession(t.app, '/password/forgot');
        const before = smtp.received.length;
        expect((await forgot.post('/password/forgot', { email: reader.email })).statusCode).toBe(303);
        await drainOutbox(t.deps);
        const mail = (await smtp.waitFor(before + 1)).at(-1)!;
        expect(mail.to).toEqual([reader.email]);
        expect(mail.subject).toBe(lang.mailSubject);
        for (const text of lang.mailText) expect(mail.text).toContain(text);
        expect(mail.text).toMatch(/\/password\/reset\?token=/);
        expect(mail.text).not.toContain('Hello');
      });

      it(`speaks ${lang.locale} on the staff page and on /admin/site, contrast ratios included`, async () => {
        await setSiteLocale(t, owner, lang.locale);
        const staff = (await publisher.get('/admin/staff')).body;
        for (const text of lang.staff) expect(staff).toContain(text);
        expect(staff).not.toContain('Invite someone');

        const site = (await publisher.get('/admin/site')).body;
        for (const text of lang.site) expect(site).toContain(text);
        expect(site).not.toContain('Accent colour');
        const refused = await publisher.post('/admin/site', {
          name: 'The Broadsheet',
          accent: '#777777',
          locale: lang.locale,
        });
        expect(refused.statusCode).toBe(400);
        expect(refused.body).toMatch(lang.accent);
      });
    }

    it('is back in English when the publisher switches back', async () => {
      await setSiteLocale(t, owner, 'en');
      const login = (await t.app.inject('/login')).body;
      expect(login).toContain('Forgot your password?');
    });
  });
}
