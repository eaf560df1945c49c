/**
 * Funding in the site's language: with the site in French or Arabic, the goal bar (on every page, cached or not),
 * the donation page and its form errors, the receipt, the live goal update and the campaign admin are translated,
 * with amounts and months written the language's way; English comes back when the publisher switches back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { readSiteIdentity } from '../../src/platform/site-identity.js';
import type { LiveEvent } from '../../src/platform/event-bus.js';
import type { TestApp } from '../helpers/build-test-app.js';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.js';
import { makeStaff, type Staff } from '../helpers/editorial.js';
import { createFundingApp, makeCampaign, signedInAs } from '../helpers/funding.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { setSiteLocale } from '../helpers/locale.js';
import { checkoutCompleted, deliver } from '../helpers/stripe-events.js';
import { DIALECTS } from '../helpers/test-db.js';

/** An amount as Intl writes it in `locale`, whole units (how the bar shows round amounts). */
const money = (locale: string, major: number, currency = 'EUR') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(major);
const htmlTag = (body: string) => /<html[^>]*>/.exec(body)?.[0] ?? '';
const goalBar = (body: string) => /<section class="goal".*?<\/section>/s.exec(body)?.[0] ?? '';

for (const dialect of DIALECTS) {
  describe(`funding in the site's language on ${dialect}`, () => {
    let t: TestApp;
    let fake: FakeStripe;
    let owner: Staff;
    let pub: FormSession;
    const clock = fixedClock('2026-06-14T12:00:00Z');

    beforeAll(async () => {
      fake = await startFakeStripe();
      t = await createFundingApp(dialect, { clock, fake });
      owner = await makeStaff(t, 'publisher');
      pub = await signedInAs(t, 'publisher');
      await makeCampaign(t.deps.db.kysely, {
        month: '2026-06',
        goalMinor: 500_000,
        currency: 'EUR',
        ticks: [0, 250_000, 500_000],
      });
    });
    afterAll(async () => {
      await setSiteLocale(t, owner, 'en');
      await t.close();
      await fake.close();
    });

    const give = async (form: Record<string, string>) => {
      const s = await formSession(t.app, '/donate');
      const nonce = /name="nonce" value="([^"]+)"/.exec((await s.get('/donate')).body)![1]!;
      return s.post('/donate', { nonce, frequency: 'one_off', email: 'reader@example.net', ...form });
    };

    it('shows the goal bar, the donation page and its errors in French, amounts the French way', async () => {
      // Cached in English first: the bar must follow the language all the same.
      expect(goalBar((await t.app.inject('/')).body)).toContain('Give now');
      await setSiteLocale(t, owner, 'fr');
      const mail = 'fr-donor@example.net';
      await deliver(
        t.app,
        checkoutCompleted({ at: '2026-06-02T10:00:00Z', amount: 12_000, currency: 'EUR', email: mail }),
      );

      const home = (await t.app.inject('/')).body;
      expect(htmlTag(home)).toBe('<html lang="fr-FR" dir="ltr">');
      const bar = goalBar(home);
      expect(bar).toContain('<span class="goal-month">JUIN 2026</span>');
      expect(bar).toContain(`<span class="goal-raised" data-goal-raised="true">${money('fr-FR', 120)}</span>`);
      expect(bar).toContain(`collectés sur un objectif de <span data-goal-goal="true">${money('fr-FR', 5000)}</span>`);
      expect(bar).toContain(`aria-valuetext="${money('fr-FR', 120)} collectés sur ${money('fr-FR', 5000)}"`);
      expect(bar).toContain(`>${money('fr-FR', 2500)}</li>`);
      expect(bar).toContain('Donner maintenant');
      expect(bar).not.toMatch(/ raised of |Give now|€\d/);
      // The browser's script gets the French text for its live updates.
      expect(home).toContain('"funding.js_goal_valuetext":"{raised} collectés sur {goal}"');

      const donate = (await t.app.inject('/donate')).body;
      expect(donate).toContain('Notre objectif pour juin 2026');
      expect(donate).toContain(
        `<strong>${money('fr-FR', 120)}</strong> collectés sur ${money('fr-FR', 5000)} grâce à 1 don.`,
      );
      expect(donate).toContain(`De ${money('fr-FR', 1)} à ${money('fr-FR', 10_000)}.`);
      expect(donate).toContain('Continuer vers le paiement');
      expect(donate).not.toContain('Continue to payment');

      const refused = await give({ customAmount: '0.50' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('Veuillez corriger les points suivants');
      expect(refused.body).toContain(`Les dons vont de ${money('fr-FR', 1)} à ${money('fr-FR', 10_000)}.`);
      expect(refused.body).not.toContain('Gifts are between');
      const noMail = await give({ customAmount: '20', email: 'nope' });
      expect(noMail.body).toContain('Saisissez l’adresse e-mail à laquelle envoyer votre reçu.');

      // The receipt is written in the site's language when the gift is confirmed.
      const receipt = await t.deps.db.kysely
        .selectFrom('outbox')
        .select(['subject', 'text_body', 'html_body'])
        .where('to_address', '=', mail)
        .executeTakeFirstOrThrow();
      expect(receipt.subject).toBe(
        `Votre don de ${money('fr-FR', 120)} à ${(await readSiteIdentity(t.deps)).name}\u00a0: reçu`,
      );
      expect(receipt.text_body).toContain('Il compte pour notre objectif de juin 2026.');
      expect(receipt.html_body).toContain('<html lang="fr-FR" dir="ltr">');
    });

    it('shows the campaign admin in French, and its form errors', async () => {
      const page = (await pub.get('/admin/campaigns')).body;
      expect(page).toContain('<h1>Campagnes</h1>');
      expect(page).toContain('<th scope="row">juin 2026</th>');
      expect(page).toContain(`<td>${money('fr-FR', 5000)}</td>`);
      expect(page).toContain('Réglages des dons');
      await pub.get('/admin/campaigns/new');
      const taken = await pub.post('/admin/campaigns', {
        month: '2026-06',
        goal: '100',
        currency: 'EUR',
        ticks: '',
        message: '',
      });
      expect(taken.statusCode).toBe(400);
      expect(taken.body).toContain('juin 2026 a déjà une campagne : modifiez celle-ci.');
      const bad = await pub.post('/admin/campaigns', { month: 'x', goal: '0', currency: 'EU', ticks: '', message: '' });
      expect(bad.body).toContain('Choisissez un mois (AAAA-MM).');
      expect(bad.body).toContain('Indiquez un code de devise ISO à trois lettres');
    });

    it('tells open pages the new total in the site’s language', async () => {
      const seen: LiveEvent[] = [];
      const stop = t.deps.bus.subscribe('goal', (e) => seen.push(e));
      try {
        await deliver(t.app, checkoutCompleted({ at: '2026-06-03T10:00:00Z', amount: 3_000, currency: 'EUR' }));
        await expect.poll(() => seen.length, { timeout: 3000 }).toBeGreaterThan(0);
        expect(seen[0]!.data).toMatchObject({
          raisedText: money('fr-FR', 150),
          goalText: money('fr-FR', 5000),
        });
      } finally {
        stop();
      }
      const goal = (await t.app.inject('/api/funding/goal')).json();
      expect(goal.goal.raisedText).toBe(money('fr-FR', 150));
    });

    it('turns the bar, the donation page and the admin to Arabic, right to left', async () => {
      await setSiteLocale(t, owner, 'ar');
      const home = (await t.app.inject('/')).body;
      expect(htmlTag(home)).toBe('<html lang="ar" dir="rtl">');
      const bar = goalBar(home);
      expect(bar).toContain(`جُمع <span class="goal-raised" data-goal-raised="true">${money('ar', 150)}</span>`);
      expect(bar).toContain(`<span data-goal-goal="true">${money('ar', 5000)}</span>`);
      expect(bar).toContain('تبرّع الآن');
      expect(bar).not.toContain('Give now');

      const donate = (await t.app.inject('/donate')).body;
      expect(donate).toContain('ادعم');
      expect(donate).toContain('المتابعة إلى الدفع');
      expect(donate).toContain(`من ${money('ar', 1)} إلى ${money('ar', 10_000)}.`);
      const refused = await give({ customAmount: '20000' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain(`تتراوح التبرّعات بين ${money('ar', 1)} و${money('ar', 10_000)}.`);

      const admin = (await pub.get('/admin/campaigns')).body;
      expect(admin).toContain('<h1>الحملات</h1>');
      expect(admin).toContain(`<td>${money('ar', 5000)}</td>`);
    });

    it('comes back in English when the publisher switches back', async () => {
      await setSiteLocale(t, owner, 'en');
      const bar = goalBar((await t.app.inject('/')).body);
      expect(bar).toContain('<span class="goal-month">JUNE 2026</span>');
      expect(bar).toContain('€150</span> raised of <span data-goal-goal="true">€5,000</span> goal');
      expect(bar).toContain('aria-valuetext="€150 raised of €5,000"');
      expect(bar).toContain('Give now');
      const donate = (await t.app.inject('/donate')).body;
      expect(donate).toContain('Our goal for June 2026');
      expect(donate).toContain('<strong>€150</strong> raised of €5,000 from 2 gifts.');
      expect((await pub.get('/admin/campaigns')).body).toContain('<h1>Campaigns</h1>');
    });
  });
}
