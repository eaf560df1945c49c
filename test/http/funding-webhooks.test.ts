import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/platform/event-bus.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { fakeId, startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.js';
import { count, createFundingApp, makeCampaign, raised } from '../helpers/funding.js';
import {
  chargeRefunded,
  checkoutCompleted,
  deliver,
  invoicePaid,
  signedDelivery,
  subscriptionDeleted,
  WEBHOOK_SECRET,
} from '../helpers/stripe-events.js';
import Stripe from 'stripe';
import { DIALECTS } from '../helpers/test-db.js';

/** Failed deliveries recorded, repeats included. */
const failedDeliveries = async (t: TestApp) =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom('stripe_webhook_failures')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('repeats'), eb.lit(0)).as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const dialect of DIALECTS) {
  describe(`Stripe webhooks on ${dialect}`, () => {
    let t: TestApp;
    let fake: FakeStripe;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    let n = 0;
    /** Each test gets its own year (June, plus July to September when it needs more), so totals never mix. */
    let m = '';
    const at = (day: number) => `${m}-${String(day).padStart(2, '0')}T10:00:00Z`;

    beforeAll(async () => {
      fake = await startFakeStripe();
      t = await createFundingApp(dialect, { fake, clock });
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });
    beforeEach(async () => {
      m = `${2030 + n++}-06`;
      await makeCampaign(t.deps.db.kysely, {
        month: m,
        goalMinor: 500_000,
        currency: 'USD',
        ticks: [0, 250_000, 500_000],
      });
    });

    it('counts a signed event delivered twice in a row once', async () => {
      const event = checkoutCompleted({ at: at(3), amount: 2_500, currency: 'USD' });
      const first = await deliver(t.app, event);
      const second = await deliver(t.app, event);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ received: true, outcome: 'applied' });
      expect(second.statusCode).toBe(200);
      expect(second.json()).toMatchObject({ outcome: 'duplicate' });
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 2_500, giftCount: 1 });
    });

    it('counts a signed event delivered twice at the same time once', async () => {
      const event = checkoutCompleted({ at: at(4), amount: 4_000, currency: 'USD' });
      const results = await Promise.all([deliver(t.app, event), deliver(t.app, event), deliver(t.app, event)]);
      expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      expect(results.map((r) => r.json().outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 4_000, giftCount: 1 });
    });

    it('counts the same payment once when checkout.session.completed and invoice.paid both report it, in either order', async () => {
      const subscriptionId = fakeId('sub');
      const invoiceId = fakeId('in');
      const customerId = fakeId('cus');
      const donor = { publicName: 'Ada', wall: true };
      await deliver(
        t.app,
        invoicePaid({
          at: at(5),
          amount: 1_500,
          currency: 'USD',
          invoiceId,
          subscriptionId,
          customerId,
          donor,
          billingReason: 'subscription_create',
        }),
      );
      await deliver(
        t.app,
        checkoutCompleted({
          at: at(5),
          amount: 1_500,
          currency: 'USD',
          mode: 'subscription',
          subscriptionId,
          invoiceId,
          customerId,
          donor,
        }),
      );
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 1_500, giftCount: 1 });
      const gift = await t.deps.db.kysely
        .selectFrom('donations')
        .selectAll()
        .where('stripe_invoice_id', '=', invoiceId)
        .executeTakeFirstOrThrow();
      expect(gift).toMatchObject({
        frequency: 'monthly',
        stripe_subscription_id: subscriptionId,
        public_name: 'Ada',
        wall_consent: 1,
      });
      expect(gift.stripe_session_id).toMatch(/^cs_/);
    });

    it('refuses a tampered body or signature with 400 and changes nothing', async () => {
      const event = checkoutCompleted({ at: at(6), amount: 9_900, currency: 'USD' });
      const good = signedDelivery(event);
      const before = {
        events: await count(t.deps.db.kysely, 'stripe_events'),
        gifts: await count(t.deps.db.kysely, 'donations'),
        failures: await failedDeliveries(t),
      };
      const tamperedBody = good.payload.replace('"amount_total": 9900', '"amount_total": 990000');
      expect(tamperedBody).not.toBe(good.payload);
      const attempts = [
        await deliver(t.app, event, { payload: tamperedBody, signature: good.signature }),
        await deliver(t.app, event, {
          signature: good.signature.replace(/v1=([0-9a-f])/, (_s, c: string) => `v1=${c === '0' ? '1' : '0'}`),
        }),
        await deliver(t.app, event, { secret: 'whsec_someone_else_entirely_000000000' }),
        await deliver(t.app, event, { signature: '' }),
      ];
      for (const res of attempts) {
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID', status: 400 });
      }
      expect(await count(t.deps.db.kysely, 'stripe_events')).toBe(before.events);
      expect(await count(t.deps.db.kysely, 'donations')).toBe(before.gifts);
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 0, giftCount: 0 });
      // Alike failures share a row with a count: count deliveries, not rows.
      expect(await failedDeliveries(t)).toBe(before.failures + 4);
      // The genuine delivery still counts afterwards.
      expect((await deliver(t.app, event)).json()).toMatchObject({ outcome: 'applied' });
      expect((await raised(t.deps.db.kysely, m)).raisedMinor).toBe(9_900);
    });

    it('refuses a validly signed event dated more than five minutes away from now, in the past or in the future', async () => {
      const event = checkoutCompleted({ at: at(6), amount: 4_200, currency: 'USD' });
      const payload = JSON.stringify(event, null, 2);
      const signedAt = (offsetS: number) =>
        Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: WEBHOOK_SECRET,
          timestamp: Math.floor(Date.now() / 1000) + offsetS,
        });
      for (const offset of [600, -600]) {
        const res = await deliver(t.app, event, { payload, signature: signedAt(offset) });
        expect(res.statusCode, `signed ${offset} s from now`).toBe(400);
        expect(res.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
      }
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 0, giftCount: 0 });
      // A little clock skew either way is fine.
      for (const offset of [60, -60]) {
        const res = await deliver(t.app, event, { payload, signature: signedAt(offset) });
        expect(res.statusCode, `signed ${offset} s from now`).toBe(200);
      }
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 4_200, giftCount: 1 });
    });

    it('lowers the bar when a gift is refunded, partly then fully, whatever the order of the refund events', async () => {
      const paymentIntentId = fakeId('pi');
      await deliver(t.app, checkoutCompleted({ at: at(7), amount: 10_000, currency: 'USD', paymentIntentId }));
      await deliver(t.app, checkoutCompleted({ at: at(7), amount: 2_000, currency: 'USD' }));
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 12_000, giftCount: 2 });
      const full = chargeRefunded({ at: at(9), amount: 10_000, refunded: 10_000, currency: 'USD', paymentIntentId });
      const partial = chargeRefunded({ at: at(8), amount: 10_000, refunded: 3_000, currency: 'USD', paymentIntentId });
      await deliver(t.app, partial);
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 9_000, giftCount: 2 });
      await deliver(t.app, full);
      await deliver(
        t.app,
        chargeRefunded({ at: at(8), amount: 10_000, refunded: 3_000, currency: 'USD', paymentIntentId }),
      ); // a late, smaller running total
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 2_000, giftCount: 1 });
      const gift = await t.deps.db.kysely
        .selectFrom('donations')
        .select(['status', 'refunded_minor'])
        .where('stripe_payment_intent_id', '=', paymentIntentId)
        .executeTakeFirstOrThrow();
      expect(gift).toEqual({ status: 'refunded', refunded_minor: 10_000 });
    });

    it('applies a refund that arrives before the gift it refunds', async () => {
      const paymentIntentId = fakeId('pi');
      const refund = await deliver(
        t.app,
        chargeRefunded({ at: at(10), amount: 5_000, refunded: 1_000, currency: 'USD', paymentIntentId }),
      );
      expect(refund.statusCode).toBe(200);
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 0, giftCount: 0 });
      await deliver(t.app, checkoutCompleted({ at: at(10), amount: 5_000, currency: 'USD', paymentIntentId }));
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 4_000, giftCount: 1 });
    });

    it("adds a monthly renewal as a gift in the renewal's month, and ends the pledge when the subscription is deleted", async () => {
      const next = `${m.slice(0, 4)}-07`;
      await makeCampaign(t.deps.db.kysely, { month: next, goalMinor: 500_000, currency: 'USD' });
      const subscriptionId = fakeId('sub');
      const customerId = fakeId('cus');
      const email = `monthly-${subscriptionId}@example.net`;
      await deliver(
        t.app,
        checkoutCompleted({
          at: at(11),
          amount: 1_000,
          currency: 'USD',
          mode: 'subscription',
          subscriptionId,
          customerId,
          email,
        }),
      );
      const renewal = invoicePaid({
        at: `${next}-11T10:00:05Z`,
        amount: 1_000,
        currency: 'USD',
        subscriptionId,
        customerId,
        email,
      });
      await deliver(t.app, renewal);
      await deliver(t.app, renewal);
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 1_000, giftCount: 1 });
      expect(await raised(t.deps.db.kysely, next)).toEqual({ raisedMinor: 1_000, giftCount: 1 });
      const receipts = await t.deps.db.kysely
        .selectFrom('outbox')
        .select(['subject', 'text_body'])
        .where('to_address', '=', email)
        .execute();
      expect(receipts).toHaveLength(2);
      expect(receipts[0]!.text_body).toMatch(/\/donate\/manage\/\d+\?t=[0-9a-f]{32}/);
      await deliver(t.app, subscriptionDeleted({ at: `${next}-20T10:00:00Z`, subscriptionId, customerId }));
      const pledge = await t.deps.db.kysely
        .selectFrom('pledges')
        .selectAll()
        .where('stripe_subscription_id', '=', subscriptionId)
        .executeTakeFirstOrThrow();
      expect(pledge).toMatchObject({
        status: 'ended',
        amount_minor: 1_000,
        currency: 'USD',
        donor_email: email,
        stripe_customer_id: customerId,
      });
      // A late invoice event does not bring an ended pledge back.
      await deliver(
        t.app,
        invoicePaid({ at: `${next}-12T10:00:05Z`, amount: 1_000, currency: 'USD', subscriptionId, customerId, email }),
      );
      expect(
        (
          await t.deps.db.kysely
            .selectFrom('pledges')
            .select('status')
            .where('id', '=', pledge.id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('ended');
    });

    it('takes the amount of the newest payment when a donor changes their monthly gift, whatever the order', async () => {
      const next = `${m.slice(0, 4)}-07`;
      const subscriptionId = fakeId('sub');
      const customerId = fakeId('cus');
      await deliver(
        t.app,
        checkoutCompleted({
          at: at(12),
          amount: 900,
          currency: 'USD',
          mode: 'subscription',
          subscriptionId,
          customerId,
        }),
      );
      const raisedTo20 = invoicePaid({
        at: `${next}-12T10:00:00Z`,
        amount: 2_000,
        currency: 'USD',
        subscriptionId,
        customerId,
      });
      const lateFirst = invoicePaid({
        at: `${m}-12T09:59:00Z`,
        amount: 900,
        currency: 'USD',
        subscriptionId,
        customerId,
        billingReason: 'subscription_create',
      });
      await deliver(t.app, raisedTo20);
      await deliver(t.app, lateFirst);
      const pledge = await t.deps.db.kysely
        .selectFrom('pledges')
        .select(['amount_minor', 'currency'])
        .where('stripe_subscription_id', '=', subscriptionId)
        .executeTakeFirstOrThrow();
      expect(pledge).toEqual({ amount_minor: 2_000, currency: 'USD' });
    });

    it('ends a pledge whose deletion arrives before anything else about it', async () => {
      const subscriptionId = fakeId('sub');
      await deliver(t.app, subscriptionDeleted({ at: at(12), subscriptionId }));
      await deliver(
        t.app,
        invoicePaid({ at: at(12), amount: 700, currency: 'USD', subscriptionId, billingReason: 'subscription_create' }),
      );
      const pledge = await t.deps.db.kysely
        .selectFrom('pledges')
        .selectAll()
        .where('stripe_subscription_id', '=', subscriptionId)
        .executeTakeFirstOrThrow();
      expect(pledge.status).toBe('ended');
      expect(pledge.amount_minor).toBe(700);
      expect((await raised(t.deps.db.kysely, m)).raisedMinor).toBe(700);
    });

    it('finds the monthly gift a refund belongs to by asking Stripe for the payment’s invoice', async () => {
      const subscriptionId = fakeId('sub');
      const invoiceId = fakeId('in');
      const paymentIntentId = fakeId('pi');
      await deliver(
        t.app,
        invoicePaid({
          at: at(13),
          amount: 2_000,
          currency: 'USD',
          subscriptionId,
          invoiceId,
          billingReason: 'subscription_create',
        }),
      );
      fake.linkInvoicePayment(paymentIntentId, invoiceId);
      await deliver(
        t.app,
        chargeRefunded({ at: at(14), amount: 2_000, refunded: 2_000, currency: 'USD', paymentIntentId }),
      );
      expect(
        fake.requests.some(
          (r) =>
            r.path === '/v1/invoice_payments' &&
            (r.query.payment as { payment_intent: string }).payment_intent === paymentIntentId,
        ),
      ).toBe(true);
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 0, giftCount: 0 });
    });

    it('queues one receipt per confirmed gift, in the same transaction, and none for a replay', async () => {
      const email = `receipt-${m}@example.net`;
      const event = checkoutCompleted({ at: at(15), amount: 2_550, currency: 'USD', email });
      await deliver(t.app, event);
      await deliver(t.app, event);
      const mails = await t.deps.db.kysely.selectFrom('outbox').selectAll().where('to_address', '=', email).execute();
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ kind: 'receipt', status: 'pending' });
      expect(mails[0]!.subject).toContain('$25.50');
      expect(mails[0]!.text_body).toContain('/supporter?t=');
    });

    it('ignores checkouts it did not start and sessions that are not paid', async () => {
      const foreign = await deliver(
        t.app,
        checkoutCompleted({ at: at(16), amount: 99_900, currency: 'USD', metadata: { order: 'tote-bag' } }),
      );
      const unpaid = await deliver(
        t.app,
        checkoutCompleted({ at: at(16), amount: 5_000, currency: 'USD', paymentStatus: 'unpaid' }),
      );
      const other = await deliver(
        t.app,
        invoicePaid({ at: at(16), amount: 5_000, currency: 'USD', subscriptionId: fakeId('sub'), donor: null }),
      );
      expect([foreign, unpaid, other].map((r) => r.json().outcome)).toEqual(['ignored', 'ignored', 'applied']);
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 0, giftCount: 0 });
    });

    it('tells live readers the new total after the gift commits', async () => {
      const seen: LiveEvent[] = [];
      const stop = t.deps.bus.subscribe('goal', (e) => seen.push(e));
      await deliver(t.app, checkoutCompleted({ at: at(17), amount: 112_000, currency: 'USD' }));
      await expect.poll(() => seen.length, { timeout: 3000 }).toBeGreaterThan(0);
      stop();
      expect(seen[0]).toMatchObject({
        topic: 'goal',
        type: 'goal.update',
        data: {
          month: m,
          raisedMinor: 112_000,
          goalMinor: 500_000,
          currency: 'USD',
          raisedText: '$1,120',
          percent: 22,
          goalText: '$5,000',
          ticks: [
            { at: 0, text: '$0', reached: true },
            { at: 50, text: '$2,500', reached: false },
            { at: 100, text: '$5,000', reached: false },
          ],
        },
      });
    });

    it('keeps currency and minor units right for USD, EUR and JPY', async () => {
      const eur = `${m.slice(0, 4)}-08`;
      const jpy = `${m.slice(0, 4)}-09`;
      await makeCampaign(t.deps.db.kysely, {
        month: eur,
        goalMinor: 300_000,
        currency: 'EUR',
        ticks: [0, 150_000, 300_000],
      });
      await makeCampaign(t.deps.db.kysely, {
        month: jpy,
        goalMinor: 500_000,
        currency: 'JPY',
        ticks: [0, 250_000, 500_000],
      });
      await deliver(t.app, checkoutCompleted({ at: at(18), amount: 1_999, currency: 'usd' }));
      await deliver(t.app, checkoutCompleted({ at: `${eur}-02T10:00:00Z`, amount: 1_050, currency: 'eur' }));
      await deliver(t.app, checkoutCompleted({ at: `${jpy}-02T10:00:00Z`, amount: 3_000, currency: 'jpy' }));
      // A gift in another currency is recorded but never added to a JPY bar.
      await deliver(t.app, checkoutCompleted({ at: `${jpy}-03T10:00:00Z`, amount: 3_000, currency: 'usd' }));
      expect(await raised(t.deps.db.kysely, m)).toEqual({ raisedMinor: 1_999, giftCount: 1 });
      expect(await raised(t.deps.db.kysely, eur)).toEqual({ raisedMinor: 1_050, giftCount: 1 });
      expect(await raised(t.deps.db.kysely, jpy)).toEqual({ raisedMinor: 3_000, giftCount: 1 });
      const rows = await t.deps.db.kysely
        .selectFrom('donations')
        .select(['currency', 'amount_minor'])
        .where('month', 'in', [eur, jpy])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { currency: 'EUR', amount_minor: 1_050 },
        { currency: 'JPY', amount_minor: 3_000 },
        { currency: 'USD', amount_minor: 3_000 },
      ]);
      const mail = await t.deps.db.kysely
        .selectFrom('outbox')
        .select('subject')
        .orderBy('id', 'desc')
        .limit(3)
        .execute();
      expect(mail.map((r) => r.subject).join(' | ')).toMatch(/¥3,000.*€10\.50/);
    });

    it('records a failure with its reason on the health panel and answers 500 so Stripe retries', async () => {
      const paymentIntentId = fakeId('pi');
      fake.failNext(500, 10);
      const res = await deliver(
        t.app,
        chargeRefunded({ at: at(19), amount: 1_000, refunded: 1_000, currency: 'USD', paymentIntentId }),
      );
      fake.failNext(500, 0);
      expect(res.statusCode).toBe(500);
      const failure = await t.deps.db.kysely
        .selectFrom('stripe_webhook_failures')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(failure.event_type).toBe('charge.refunded');
      expect(failure.reason).toMatch(/Stripe lookup failed/);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`Stripe webhooks without a signing secret on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createFundingApp(dialect, { webhookSecret: null });
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers 503 so Stripe retries once the secret is set, and the site still works', async () => {
      const res = await deliver(t.app, checkoutCompleted({ at: '2026-06-01T00:00:00Z', amount: 100, currency: 'USD' }));
      expect(res.statusCode).toBe(503);
      expect(await count(t.deps.db.kysely, 'donations')).toBe(0);
      expect((await t.app.inject('/')).statusCode).toBe(200);
    });
  });
}

describe.skipIf(!DIALECTS.includes('postgres'))('events delivered to two app processes at once on PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createFundingApp('postgres');
    b = await createTestApp('postgres', {
      testDb: a.testDb,
      config: { stripeWebhookSecret: a.deps.config.stripeWebhookSecret },
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('counts it once', async () => {
    await makeCampaign(a.deps.db.kysely, { month: '2026-06', goalMinor: 500_000, currency: 'USD' });
    for (let i = 0; i < 5; i++) {
      const event = checkoutCompleted({ at: '2026-06-02T10:00:00Z', amount: 1_000, currency: 'USD' });
      const [ra, rb] = await Promise.all([deliver(a.app, event), deliver(b.app, event)]);
      expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
      expect([ra.json().outcome, rb.json().outcome].sort()).toEqual(['applied', 'duplicate']);
    }
    expect(await raised(a.deps.db.kysely, '2026-06')).toEqual({ raisedMinor: 5_000, giftCount: 5 });
  });

  it('keeps the month total right when two processes add different gifts at the same time', async () => {
    await makeCampaign(a.deps.db.kysely, { month: '2026-07', goalMinor: 500_000, currency: 'USD' });
    const deliveries = Array.from({ length: 10 }, (_, i) =>
      deliver(
        i % 2 ? a.app : b.app,
        checkoutCompleted({ at: '2026-07-02T10:00:00Z', amount: 100 + i, currency: 'USD' }),
      ),
    );
    expect((await Promise.all(deliveries)).map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(await raised(a.deps.db.kysely, '2026-07')).toEqual({ raisedMinor: 1_045, giftCount: 10 });
  });

  it('never loses the refund, whichever process sees which event first', async () => {
    await makeCampaign(a.deps.db.kysely, { month: '2026-08', goalMinor: 500_000, currency: 'USD' });
    const payments = Array.from({ length: 12 }, (_, i) => ({ pi: fakeId('pi'), amount: 1_000 + i }));
    await Promise.all(
      payments.flatMap(({ pi, amount }, i) => {
        const gift = deliver(
          (i % 2 ? a : b).app,
          checkoutCompleted({ at: '2026-08-02T10:00:00Z', amount, currency: 'USD', paymentIntentId: pi }),
        );
        const refund = deliver(
          (i % 2 ? b : a).app,
          chargeRefunded({
            at: '2026-08-02T10:05:00Z',
            paymentIntentId: pi,
            amount,
            refunded: amount,
            currency: 'USD',
          }),
        );
        return [gift, refund];
      }),
    );
    expect(await raised(a.deps.db.kysely, '2026-08')).toEqual({ raisedMinor: 0, giftCount: 0 });
    const gifts = await a.deps.db.kysely
      .selectFrom('donations')
      .select(['amount_minor', 'refunded_minor'])
      .where('month', '=', '2026-08')
      .execute();
    expect(gifts).toHaveLength(12);
    for (const g of gifts) expect(g.refunded_minor).toBe(g.amount_minor);
  });
});
