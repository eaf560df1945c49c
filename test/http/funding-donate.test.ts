import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSupporter } from '../../src/features/funding/supporter.repo.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { TestApp } from '../helpers/build-test-app.js';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.js';
import { count, createFundingApp, makeCampaign } from '../helpers/funding.js';
import { errorCodeOf, formSession } from '../helpers/forms.js';
import { checkoutCompleted, deliver } from '../helpers/stripe-events.js';
import { DIALECTS } from '../helpers/test-db.js';

const checkoutCalls = (fake: FakeStripe) => fake.requests.filter((r) => r.path === '/v1/checkout/sessions');

for (const dialect of DIALECTS) {
  describe(`giving online on ${dialect}`, () => {
    let t: TestApp;
    let fake: FakeStripe;
    const clock = fixedClock('2026-06-14T12:00:00Z');

    beforeAll(async () => {
      fake = await startFakeStripe();
      t = await createFundingApp(dialect, { fake, clock });
      await makeCampaign(t.deps.db.kysely, {
        month: '2026-06',
        goalMinor: 500_000,
        currency: 'USD',
        ticks: [0, 250_000, 500_000],
        message: 'Fund a year of local reporting.',
      });
      await makeCampaign(t.deps.db.kysely, { month: '2026-07', goalMinor: 300_000, currency: 'EUR' });
      await makeCampaign(t.deps.db.kysely, { month: '2026-08', goalMinor: 500_000, currency: 'JPY' });
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });
    beforeEach(() => {
      clock.set('2026-06-14T12:00:00Z');
      fake.requests.length = 0;
    });

    const give = async (form: Record<string, string>) => {
      const s = await formSession(t.app, '/donate');
      const nonce = /name="nonce" value="([^"]+)"/.exec((await s.get('/donate')).body)![1]!;
      return { s, res: await s.post('/donate', { nonce, frequency: 'one_off', email: 'reader@example.net', ...form }) };
    };

    it('shows preset amounts, a custom amount, both frequencies and the month’s goal', async () => {
      const res = await t.app.inject('/donate');
      expect(res.statusCode).toBe(200);
      for (const label of ['$5', '$10', '$25', '$50', '$100']) expect(res.body).toContain(`> ${label}</label>`);
      expect(res.body).toContain('name="customAmount"');
      expect(res.body).toContain('value="monthly"');
      expect(res.body).toContain('Fund a year of local reporting.');
      expect(res.body).toContain('From $1 to $10,000.');
      // Chromium applies form-action to the redirect after the POST: only this page may send a form to Checkout.
      expect(res.headers['content-security-policy']).toMatch(/form-action 'self' https:\/\/checkout\.stripe\.com/);
      expect((await t.app.inject('/')).headers['content-security-policy']).toMatch(/form-action 'self';/);
    });

    for (const [month, currency, typed, minor] of [
      ['2026-06', 'USD', '25', 2_500],
      ['2026-07', 'EUR', '12,50', 1_250],
      ['2026-08', 'JPY', '3000', 3_000],
    ] as const) {
      it(`starts a one-off checkout in payment mode for ${typed} ${currency} as ${minor} minor units`, async () => {
        clock.set(`${month}-03T09:00:00Z`);
        const { res } = await give({
          customAmount: typed,
          publicName: 'Ada',
          publicMessage: 'Keep going',
          wallConsent: 'yes',
          badge: 'yes',
        });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
        const [call] = checkoutCalls(fake);
        expect(call!.body).toMatchObject({
          mode: 'payment',
          submit_type: 'donate',
          customer_email: 'reader@example.net',
          line_items: [{ quantity: '1', price_data: { currency: currency.toLowerCase(), unit_amount: String(minor) } }],
          metadata: {
            bs_kind: 'gift',
            bs_public_name: 'Ada',
            bs_public_message: 'Keep going',
            bs_wall: '1',
            bs_badge: '1',
          },
          payment_intent_data: { metadata: { bs_kind: 'gift' } },
        });
        expect(String(call!.body.success_url)).toMatch(/\/donate\/thanks\?session_id=\{CHECKOUT_SESSION_ID\}$/);
        expect(call!.idempotencyKey).toMatch(/^bs-checkout-/);
        expect(await count(t.deps.db.kysely, 'donations')).toBe(0);
      });
    }

    it('starts a monthly gift as a subscription checkout with a monthly price', async () => {
      const { res } = await give({ frequency: 'monthly', amount: '1000' });
      expect(res.statusCode).toBe(303);
      expect(checkoutCalls(fake)[0]!.body).toMatchObject({
        mode: 'subscription',
        line_items: [{ price_data: { currency: 'usd', unit_amount: '1000', recurring: { interval: 'month' } } }],
        subscription_data: { metadata: { bs_kind: 'gift', bs_wall: '0' } },
      });
    });

    it('refuses amounts outside the limits or not amounts at all, says why, and calls Stripe for none', async () => {
      for (const [customAmount, message] of [
        ['0.50', 'between $1 and $10,000'],
        ['10001', 'between $1 and $10,000'],
        ['12.345', 'Enter an amount in USD'],
        ['lots', 'Enter an amount in USD'],
      ] as const) {
        const { res } = await give({ customAmount });
        expect(res.statusCode).toBe(400);
        expect(errorCodeOf(res.body)).toBe('DONATION_AMOUNT_INVALID');
        // The field's own message says why: that text is the form's feature.
        expect(res.body).toContain(message);
        expect(res.body).toContain(`value="${customAmount}"`);
        expect(res.body).toContain('aria-invalid="true"');
      }
      const forged = await give({ amount: '99999' });
      expect(forged.res.statusCode).toBe(400);
      clock.set('2026-08-03T09:00:00Z');
      expect((await give({ customAmount: '10.5' })).res.body).toContain('Enter an amount in JPY');
      expect(checkoutCalls(fake)).toHaveLength(0);
    });
  });

  describe(`the donation form's safeguards on ${dialect}`, () => {
    let t: TestApp;
    let fake: FakeStripe;
    const clock = fixedClock('2026-06-14T12:00:00Z');

    beforeAll(async () => {
      fake = await startFakeStripe();
      t = await createFundingApp(dialect, { fake, clock });
      await makeCampaign(t.deps.db.kysely, { month: '2026-06', goalMinor: 500_000, currency: 'USD' });
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });
    beforeEach(() => {
      fake.requests.length = 0;
    });

    const give = async (form: Record<string, string>) => {
      const s = await formSession(t.app, '/donate');
      const nonce = /name="nonce" value="([^"]+)"/.exec((await s.get('/donate')).body)![1]!;
      return { s, res: await s.post('/donate', { nonce, frequency: 'one_off', email: 'reader@example.net', ...form }) };
    };

    it('asks for consent before a name or message goes on the donor wall, and for an e-mail', async () => {
      const { res } = await give({ amount: '2500', publicName: 'Ada', email: 'not-an-address' });
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res.body)).toBe('DONATION_AMOUNT_INVALID');
      expect(res.body).toContain('Tick the box to let us show your name or message');
      expect(res.body).toContain('Enter the e-mail address for your receipt.');
      expect(checkoutCalls(fake)).toHaveLength(0);
    });

    it('opens one checkout for a double-submitted form', async () => {
      const s = await formSession(t.app, '/donate');
      const nonce = /name="nonce" value="([^"]+)"/.exec((await s.get('/donate')).body)![1]!;
      const form = { nonce, frequency: 'one_off', amount: '2500', email: 'reader@example.net' };
      const [a, b] = [await s.post('/donate', form), await s.post('/donate', form)];
      expect(a.headers.location).toBe(b.headers.location);
      expect(new Set(checkoutCalls(fake).map((r) => r.idempotencyKey)).size).toBe(1);
    });

    it('refuses a donation without a valid CSRF token', async () => {
      const { res } = await give({ amount: '2500', _csrf: 'forged' });
      expect(res.statusCode).toBe(403);
      expect(checkoutCalls(fake)).toHaveLength(0);
    });

    it('keeps the form and says so when Stripe is unreachable', async () => {
      fake.failNext(500, 10);
      const { res } = await give({ amount: '2500' });
      fake.failNext(500, 0);
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('Your card was not charged');
      expect(res.body).toContain('value="reader@example.net"');
    });

    it('thanks the donor without marking anything as paid, then shows the gift once the webhook confirms it', async () => {
      const { res } = await give({ amount: '2500' });
      const sessionId = /cs_test_\w+/.exec(res.headers.location as string)![0];
      const thanks = await t.app.inject(`/donate/thanks?session_id=${sessionId}`);
      expect(thanks.statusCode).toBe(200);
      expect(thanks.body).toContain('Thank you — your gift will appear once the payment is confirmed');
      expect(await count(t.deps.db.kysely, 'donations')).toBe(0);
      await deliver(
        t.app,
        checkoutCompleted({
          at: '2026-06-14T12:00:00Z',
          amount: 2_500,
          currency: 'USD',
          sessionId,
          donor: { badge: true },
          email: 'badge@example.net',
        }),
      );
      const after = await t.app.inject(`/donate/thanks?session_id=${sessionId}`);
      expect(after.body).toContain('is confirmed and counts toward our goal for June 2026');
      expect(await isSupporter(t.deps.db.kysely, 'badge@example.net')).toBe(true);
    });

    it('slows down a flood of donation attempts with 429', async () => {
      let last = 0;
      for (let i = 0; i < 22 && last !== 429; i++) last = (await give({ customAmount: '0' })).res.statusCode;
      expect(last).toBe(429);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`managing a monthly gift on ${dialect}`, () => {
    let t: TestApp;
    let fake: FakeStripe;
    beforeAll(async () => {
      fake = await startFakeStripe();
      t = await createFundingApp(dialect, { fake, clock: fixedClock('2026-06-14T12:00:00Z') });
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });

    const monthlyGift = async (email: string) => {
      await deliver(
        t.app,
        checkoutCompleted({
          at: '2026-06-02T10:00:00Z',
          amount: 1_000,
          currency: 'USD',
          mode: 'subscription',
          email,
          customerId: 'cus_test_manage',
        }),
      );
      const mail = await t.deps.db.kysely
        .selectFrom('outbox')
        .select('text_body')
        .where('to_address', '=', email)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return /\/donate\/manage\/(\d+)\?t=([0-9a-f]+)/.exec(mail.text_body)!;
    };

    it('opens Stripe’s customer portal from the signed link in the receipt', async () => {
      const [link, id, token] = await monthlyGift('monthly@example.net');
      const s = await formSession(t.app, link.slice(0));
      const page = await s.get(link);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('$10</strong> a month');
      const res = await s.post(`/donate/manage/${id}`, { t: token! });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\/bps_test_/);
      const call = fake.requests.find((r) => r.path === '/v1/billing_portal/sessions')!;
      expect(call.body).toMatchObject({ customer: 'cus_test_manage' });
      expect(String(call.body.return_url)).toContain(`/donate/manage/${id}?t=${token}`);
    });

    it('refuses a forged or altered manage link', async () => {
      const [, id, token] = await monthlyGift('other@example.net');
      expect((await t.app.inject(`/donate/manage/${id}?t=${'0'.repeat(32)}`)).statusCode).toBe(404);
      expect((await t.app.inject(`/donate/manage/${Number(id) + 1000}?t=${token}`)).statusCode).toBe(404);
    });

    it('mails fresh manage links without telling whether an address gives', async () => {
      await monthlyGift('lost@example.net');
      const s = await formSession(t.app, '/donate/manage');
      const known = await s.post('/donate/manage', { email: 'Lost@Example.net' });
      const unknown = await s.post('/donate/manage', { email: 'stranger@example.net' });
      expect(known.statusCode).toBe(303);
      expect(unknown.statusCode).toBe(303);
      expect(known.headers.location).toBe(unknown.headers.location);
      const mails = await t.deps.db.kysely
        .selectFrom('outbox')
        .select(['to_address', 'kind'])
        .where('kind', '=', 'pledge_manage')
        .execute();
      expect(mails).toEqual([{ to_address: 'lost@example.net', kind: 'pledge_manage' }]);
    });

    it('lets a donor show and hide the Supporter badge from the link in the receipt', async () => {
      const email = 'badge-toggle@example.net';
      await deliver(t.app, checkoutCompleted({ at: '2026-06-02T10:00:00Z', amount: 500, currency: 'USD', email }));
      const mail = await t.deps.db.kysely
        .selectFrom('outbox')
        .select('text_body')
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
      const link = /\/supporter\?t=[^\s]+/.exec(mail.text_body)![0];
      const token = decodeURIComponent(link.split('t=')[1]!);
      const s = await formSession(t.app, link);
      expect((await s.get(link)).body).toContain('b•••@example.net');
      expect((await s.get(link)).body).not.toContain(email);
      await s.post('/supporter', { t: token, show: 'yes' });
      expect(await isSupporter(t.deps.db.kysely, email)).toBe(true);
      await s.post('/supporter', { t: token, show: 'no' });
      expect(await isSupporter(t.deps.db.kysely, email)).toBe(false);
      expect(
        (await s.post('/supporter', { t: token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')), show: 'yes' }))
          .statusCode,
      ).toBe(404);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`a site without Stripe keys on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createFundingApp(dialect, { webhookSecret: null });
    });
    afterAll(async () => {
      await t.close();
    });

    it('says online giving is not set up, and the rest of the site works', async () => {
      const page = await t.app.inject('/donate');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Online giving is not set up yet');
      expect(page.body).not.toContain('Continue to payment');
      expect((await t.app.inject('/')).statusCode).toBe(200);
      expect((await t.app.inject('/ledger')).statusCode).toBe(200);
      const s = await formSession(t.app, '/donate/manage');
      const res = await s.post('/donate', {
        nonce: 'abcdefghijkl',
        frequency: 'one_off',
        amount: '2500',
        email: 'a@example.net',
      });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('Online giving is not set up yet');
    });
  });
}
