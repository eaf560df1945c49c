import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaignByMonth } from '../../src/features/funding/campaign.repo.js';
import { recordWebhookFailure } from '../../src/features/funding/stripe-event.repo.js';
import type { LiveEvent } from '../../src/platform/event-bus.js';
import { fixedClock } from '../../src/platform/clock.js';
import type { TestApp } from '../helpers/build-test-app.js';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.js';
import { count, createFundingApp, makeCampaign, raised, signedInAs } from '../helpers/funding.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { checkoutCompleted, deliver, invoicePaid } from '../helpers/stripe-events.js';
import { DIALECTS } from '../helpers/test-db.js';

const audit = (t: TestApp, action: string) =>
  t.deps.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

for (const dialect of DIALECTS) {
  describe(`campaign administration on ${dialect}`, () => {
    let t: TestApp;
    let pub: FormSession;
    let fake: FakeStripe;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    beforeAll(async () => {
      fake = await startFakeStripe();
      t = await createFundingApp(dialect, { clock, fake });
      pub = await signedInAs(t, 'publisher');
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });

    it('keeps guests, readers and editors out of the funding admin', async () => {
      expect((await t.app.inject('/admin/campaigns')).statusCode).toBe(303);
      for (const role of ['reader', 'editor'] as const) {
        const s = await signedInAs(t, role);
        for (const path of [
          '/admin/campaigns',
          '/admin/donations',
          '/admin/donations/ledger.csv',
          '/admin/donations/webhooks',
        ])
          expect((await s.get(path)).statusCode).toBe(403);
        await s.get('/');
        expect(
          (
            await s.post('/admin/campaigns', {
              month: '2026-09',
              goal: '5000',
              currency: 'USD',
              ticks: '',
              message: '',
            })
          ).statusCode,
        ).toBe(403);
      }
      expect(await findCampaignByMonth(t.deps.db.kysely, '2026-09')).toBeUndefined();
    });

    it('creates a campaign whose bar shows on every page, counting gifts already made that month', async () => {
      await deliver(t.app, checkoutCompleted({ at: '2026-06-02T10:00:00Z', amount: 12_000, currency: 'USD' }));
      expect((await t.app.inject('/')).body).not.toContain('role="progressbar"');
      await pub.get('/admin/campaigns/new');
      const res = await pub.post('/admin/campaigns', {
        month: '2026-06',
        goal: '5,000',
        currency: 'usd',
        ticks: '0, 2,500, 5,000',
        message: 'A year of local reporting.',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/campaigns?done=created');
      expect(await findCampaignByMonth(t.deps.db.kysely, '2026-06')).toMatchObject({
        goalMinor: 500_000,
        currency: 'USD',
        ticks: [0, 250_000, 500_000],
        raisedMinor: 12_000,
        giftCount: 1,
      });
      const home = await t.app.inject('/');
      expect(home.body).toMatch(/role="progressbar"[^>]*aria-valuemax="500000"[^>]*aria-valuenow="12000"/);
      expect((await audit(t, 'campaign.create')).length).toBe(1);
      expect((await pub.get('/admin/campaigns?done=created')).body).toContain('Campaign created.');
    });

    it('refuses bad campaigns with a message per field and changes nothing', async () => {
      await pub.get('/admin/campaigns/new');
      const cases: Array<[Record<string, string>, string]> = [
        [{ month: '2026-13', goal: '100', currency: 'USD', ticks: '' }, 'Choose a month'],
        [{ month: '2026-10', goal: '100', currency: 'XYZ', ticks: '' }, 'three-letter ISO currency code'],
        [{ month: '2026-10', goal: '0', currency: 'USD', ticks: '' }, 'greater than zero'],
        [{ month: '2026-10', goal: '5000', currency: 'USD', ticks: '0, 3000, 2500' }, 'ascending order'],
        [{ month: '2026-10', goal: '5000', currency: 'USD', ticks: '0, 6000' }, 'between 0 and the goal'],
        [{ month: '2026-10', goal: '5000.5', currency: 'JPY', ticks: '' }, 'whole yen'],
        [{ month: '2026-06', goal: '100', currency: 'USD', ticks: '' }, 'June 2026 already has a campaign'],
      ];
      for (const [form, message] of cases) {
        const res = await pub.post('/admin/campaigns', { message: '', ...form });
        expect(res.statusCode, message).toBe(400);
        expect(errorCodeOf(res.body), message).toBe(
          message.includes('already has a campaign') ? 'CAMPAIGN_MONTH_TAKEN' : 'CAMPAIGN_INVALID',
        );
        // The field's own message says what to fix: that text is the form's feature.
        expect(res.body).toContain(message);
        expect(res.body).toContain(`value="${form.goal}"`);
      }
      expect(await findCampaignByMonth(t.deps.db.kysely, '2026-10')).toBeUndefined();
    });

    it('edits a campaign and records the change in the audit log', async () => {
      const c = (await findCampaignByMonth(t.deps.db.kysely, '2026-06'))!;
      const form = await pub.get(`/admin/campaigns/${c.id}/edit`);
      expect(form.body).toContain('value="0, 2500, 5000"');
      const res = await pub.post(`/admin/campaigns/${c.id}`, {
        month: '2026-06',
        goal: '6000',
        currency: 'USD',
        ticks: '0, 3000, 6000',
        message: '',
      });
      expect(res.statusCode).toBe(303);
      expect(await findCampaignByMonth(t.deps.db.kysely, '2026-06')).toMatchObject({
        goalMinor: 600_000,
        ticks: [0, 300_000, 600_000],
        message: null,
        raisedMinor: 12_000,
      });
      const [entry] = await audit(t, 'campaign.update');
      expect(JSON.parse(entry!.before!)).toMatchObject({ goalMinor: 500_000 });
      expect(JSON.parse(entry!.after!)).toMatchObject({ goalMinor: 600_000 });
    });

    it('carries the last goal into a month without a campaign when the publisher chooses so', async () => {
      await pub.get('/admin/campaigns');
      clock.set('2026-07-03T08:00:00Z');
      expect((await t.app.inject('/')).body).not.toContain('role="progressbar"');
      const res = await pub.post('/admin/campaigns/settings', {
        defaultCurrency: 'USD',
        carryOver: 'yes',
        offlineInstructions: 'IBAN DE00 1234',
        currency: 'USD',
        presets: '5, 10, 20',
        min: '2',
        max: '500',
      });
      expect(res.statusCode).toBe(303);
      clock.advance(10_000);
      const home = await t.app.inject('/');
      expect(home.body).toContain('JULY 2026');
      expect(home.body).toMatch(/aria-valuemax="600000"[^>]*aria-valuenow="0"/);
      expect(await findCampaignByMonth(t.deps.db.kysely, '2026-07')).toMatchObject({
        goalMinor: 600_000,
        currency: 'USD',
        ticks: [0, 300_000, 600_000],
      });
      const donate = await t.app.inject('/donate');
      expect(donate.body).toContain('From $2 to $500.');
      expect(donate.body).toContain('IBAN DE00 1234');
      expect(donate.body).toContain('> $20</label>');
      const bad = await pub.post('/admin/campaigns/settings', {
        defaultCurrency: 'US',
        currency: 'USD',
        presets: '5, 1000',
        min: '2',
        max: '500',
      });
      expect(bad.statusCode).toBe(400);
      expect(errorCodeOf(bad.body)).toBe('GIVING_SETTINGS_INVALID');
      expect(bad.body).toContain('three-letter ISO currency code');
      expect(bad.body).toContain('between the smallest and the largest gift');
      clock.set('2026-06-14T12:00:00Z');
    });

    it('deletes a campaign but keeps its gifts', async () => {
      const c = (await findCampaignByMonth(t.deps.db.kysely, '2026-07'))!;
      await pub.get('/admin/campaigns');
      const seen: LiveEvent[] = [];
      const stop = t.deps.bus.subscribe('goal', (e) => seen.push(e));
      const res = await pub.post(`/admin/campaigns/${c.id}/delete`, {});
      expect(res.statusCode).toBe(303);
      // Open pages drop the bar of a deleted campaign.
      await expect.poll(() => seen.length, { timeout: 3000 }).toBeGreaterThan(0);
      stop();
      expect(seen[0]).toMatchObject({ type: 'goal.update', data: { month: '2026-07', removed: true } });
      expect(await findCampaignByMonth(t.deps.db.kysely, '2026-07')).toBeUndefined();
      expect((await audit(t, 'campaign.delete')).length).toBe(1);
      expect(await count(t.deps.db.kysely, 'donations')).toBeGreaterThan(0);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`offline gifts, the CSV ledger and webhook health on ${dialect}`, () => {
    let t: TestApp;
    let pub: FormSession;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    beforeAll(async () => {
      t = await createFundingApp(dialect, { clock });
      pub = await signedInAs(t, 'publisher');
      await makeCampaign(t.deps.db.kysely, { month: '2026-06', goalMinor: 500_000, currency: 'USD' });
      await makeCampaign(t.deps.db.kysely, { month: '2026-05', goalMinor: 500_000, currency: 'USD' });
    });
    afterAll(async () => {
      await t.close();
    });

    const giftId = async (note: string) =>
      (await t.deps.db.kysely.selectFrom('donations').select('id').where('note', '=', note).executeTakeFirstOrThrow())
        .id;

    it('adds an offline gift that counts in the bar, and refuses a bad one', async () => {
      await pub.get('/admin/donations/new');
      const res = await pub.post('/admin/donations', {
        date: '2026-06-10',
        amount: '250.50',
        currency: 'USD',
        method: 'bank',
        note: 'Transfer ref 42',
        publicName: 'The Lopes family',
        wallConsent: 'yes',
      });
      expect(res.statusCode).toBe(303);
      expect(await raised(t.deps.db.kysely, '2026-06')).toEqual({ raisedMinor: 25_050, giftCount: 1 });
      const bad = await pub.post('/admin/donations', {
        date: '2026-07-30',
        amount: '-5',
        currency: 'USD',
        method: 'gold',
      });
      expect(bad.statusCode).toBe(400);
      expect(errorCodeOf(bad.body)).toBe('OFFLINE_GIFT_INVALID');
      for (const m of ['cannot be in the future', 'greater than zero', 'Choose how the gift arrived'])
        expect(bad.body).toContain(m);
      expect(await count(t.deps.db.kysely, 'donations')).toBe(1);
      const [entry] = await audit(t, 'donation.offline.create');
      expect(JSON.parse(entry!.after!)).toMatchObject({ amountMinor: 25_050, method: 'bank' });
    });

    it('refuses a gift dated tomorrow (UTC), which could land in next month', async () => {
      await pub.get('/admin/donations/new');
      const res = await pub.post('/admin/donations', {
        date: '2026-06-15',
        amount: '10',
        currency: 'USD',
        method: 'cash',
        note: 'tomorrow',
      });
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res.body)).toBe('OFFLINE_GIFT_INVALID');
      expect(res.body).toContain('cannot be in the future');
      expect(await count(t.deps.db.kysely, 'donations')).toBe(1);
    });

    it('edits an offline gift into another month, moving it between bars, with before and after in the audit log', async () => {
      const id = await giftId('Transfer ref 42');
      const form = await pub.get(`/admin/donations/${id}/edit`);
      expect(form.body).toContain('value="250.50"');
      const res = await pub.post(`/admin/donations/${id}`, {
        date: '2026-05-28',
        amount: '300',
        currency: 'USD',
        method: 'cheque',
        note: 'Transfer ref 42',
      });
      expect(res.statusCode).toBe(303);
      expect(await raised(t.deps.db.kysely, '2026-06')).toEqual({ raisedMinor: 0, giftCount: 0 });
      expect(await raised(t.deps.db.kysely, '2026-05')).toEqual({ raisedMinor: 30_000, giftCount: 1 });
      const [entry] = await audit(t, 'donation.offline.update');
      expect(JSON.parse(entry!.before!)).toMatchObject({ amountMinor: 25_050, method: 'bank' });
      expect(JSON.parse(entry!.after!)).toMatchObject({ amountMinor: 30_000, method: 'cheque' });
    });

    it('never edits or deletes an online gift by hand', async () => {
      await deliver(
        t.app,
        checkoutCompleted({ at: '2026-06-03T10:00:00Z', amount: 5_000, currency: 'USD', email: 'private@example.net' }),
      );
      const online = await t.deps.db.kysely
        .selectFrom('donations')
        .select('id')
        .where('source', '=', 'stripe')
        .executeTakeFirstOrThrow();
      expect((await pub.get(`/admin/donations/${online.id}/edit`)).statusCode).toBe(404);
      expect((await pub.post(`/admin/donations/${online.id}/delete`, {})).statusCode).toBe(409);
      expect(await raised(t.deps.db.kysely, '2026-06')).toEqual({ raisedMinor: 5_000, giftCount: 1 });
    });

    it('lists and filters gifts for the publisher', async () => {
      const all = await pub.get('/admin/donations');
      expect(all.body).toContain('private@example.net');
      expect(all.body).toContain('Cheque');
      const offline = await pub.get('/admin/donations?source=offline');
      expect(offline.body).not.toContain('private@example.net');
      expect((await pub.get('/admin/donations?month=2026-06')).body).not.toContain('Cheque');
    });

    it('exports the ledger as CSV without e-mails and with formulas defused', async () => {
      await pub.get('/admin/donations/new');
      await pub.post('/admin/donations', {
        date: '2026-06-11',
        amount: '10',
        currency: 'USD',
        method: 'cash',
        note: '=HYPERLINK("http://evil")',
        publicName: '"Quoted" name',
      });
      const res = await pub.get('/admin/donations/ledger.csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="ledger-2026-06-14\.csv"/);
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe(
        'id,date,month,amount,refunded,net,currency,frequency,source,method,status,public_name,public_message,wall_consent,note',
      );
      expect(lines).toHaveLength(4);
      expect(res.body).not.toContain('@example.net');
      expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(res.body).toContain('"""Quoted"" name"');
      expect(res.body).toMatch(/"2026-05","300","0","300","USD","one_off","offline","cheque","confirmed"/);
    });

    it('deletes an offline gift, lowering the bar, with the deleted gift in the audit log', async () => {
      const id = await giftId('Transfer ref 42');
      await pub.get('/admin/donations');
      const res = await pub.post(`/admin/donations/${id}/delete`, {});
      expect(res.statusCode).toBe(303);
      expect(await raised(t.deps.db.kysely, '2026-05')).toEqual({ raisedMinor: 0, giftCount: 0 });
      const [entry] = await audit(t, 'donation.offline.delete');
      expect(JSON.parse(entry!.before!)).toMatchObject({ amountMinor: 30_000, note: 'Transfer ref 42' });
    });

    it('keeps goals and gifts in the tens of millions exact (64-bit amounts on both databases)', async () => {
      await pub.get('/admin/campaigns/new');
      expect(
        (
          await pub.post('/admin/campaigns', {
            month: '2026-04',
            goal: '30,000,000',
            currency: 'USD',
            ticks: '',
            message: '',
          })
        ).statusCode,
      ).toBe(303);
      await pub.get('/admin/donations/new');
      expect(
        (
          await pub.post('/admin/donations', {
            date: '2026-04-10',
            amount: '25000000',
            currency: 'USD',
            method: 'bank',
            note: 'endowment',
          })
        ).statusCode,
      ).toBe(303);
      expect(await raised(t.deps.db.kysely, '2026-04')).toEqual({ raisedMinor: 2_500_000_000, giftCount: 1 });
      expect((await findCampaignByMonth(t.deps.db.kysely, '2026-04'))?.goalMinor).toBe(3_000_000_000);
      expect((await t.app.inject('/ledger')).body).toContain('$25,000,000');
    });

    it('shows webhook health: the endpoint and events to configure, the last event, and failures with their reason', async () => {
      await deliver(t.app, checkoutCompleted({ at: '2026-06-03T10:00:00Z', amount: 100, currency: 'USD' }), {
        secret: 'whsec_wrong_secret_000000000000000000',
      });
      const page = await pub.get('/admin/donations/webhooks');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`${t.deps.config.siteUrl}/webhooks/stripe`);
      for (const e of [
        'checkout.session.completed',
        'checkout.session.async_payment_succeeded',
        'invoice.paid',
        'charge.refunded',
        'customer.subscription.deleted',
      ])
        expect(page.body).toContain(`<code>${e}</code>`);
      expect(page.body).toMatch(/Last event received: <code>checkout\.session\.completed<\/code>/);
      expect(page.body).toContain('No signatures found matching the expected signature for payload');
      expect(page.body).toContain('<strong>is missing</strong>');
    });

    it("keeps a real event's failure in view under a flood of unsigned requests (repeats are one row with a count)", async () => {
      const db = t.deps.db.kysely;
      const reason = 'Stripe lookup failed: 502 from api.stripe.com';
      await recordWebhookFailure(db, {
        eventId: 'evt_real_failure',
        eventType: 'invoice.paid',
        reason,
        now: clock.now().toISOString(),
      });
      clock.advance(60_000);
      // Stripe retries the same event: the same row, counted twice.
      await recordWebhookFailure(db, {
        eventId: 'evt_real_failure',
        eventType: 'invoice.paid',
        reason,
        now: clock.now().toISOString(),
      });
      const before = await db
        .selectFrom('stripe_webhook_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      for (let i = 0; i < 60; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/webhooks/stripe',
          headers: { 'content-type': 'application/json', 'stripe-signature': `t=${i},v1=forged` },
          payload: `{"id":"evt_forged_${i}"}`,
        });
        expect(res.statusCode).toBe(400);
      }
      const after = await db
        .selectFrom('stripe_webhook_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // One more row at most for the whole flood (one per distinct reason), not 60.
      expect(Number(after.n) - Number(before.n)).toBeLessThanOrEqual(2);
      const page = await pub.get('/admin/donations/webhooks');
      expect(page.body).toContain('<code>evt_real_failure</code>');
      expect(page.body).toContain(reason);
      // The forged flood, with the wrong-secret delivery of the test above: one row.
      expect(page.body).toMatch(/6[01] times/);
      expect(page.body).toMatch(/2 times/);
      expect(page.body).toMatch(/\d+ events? received and verified, (6[2-9]|[7-9]\d) failures/);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`the donor wall under the publisher's control on ${dialect}`, () => {
    let t: TestApp;
    let pub: FormSession;
    beforeAll(async () => {
      t = await createFundingApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      pub = await signedInAs(t, 'publisher');
      await makeCampaign(t.deps.db.kysely, { month: '2026-06', goalMinor: 500_000, currency: 'USD' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('takes an online gift off the donor wall on request, also for the renewals of a monthly gift', async () => {
      const subscriptionId = 'sub_wall_1';
      await deliver(
        t.app,
        checkoutCompleted({
          at: '2026-06-04T10:00:00Z',
          amount: 700,
          currency: 'USD',
          mode: 'subscription',
          subscriptionId,
          invoiceId: 'in_wall_1',
          donor: { publicName: 'Spammer', publicMessage: 'Buy cheap pills', wall: true },
        }),
      );
      expect((await t.app.inject('/ledger')).body).toContain('Buy cheap pills');
      const gift = await t.deps.db.kysely
        .selectFrom('donations')
        .select('id')
        .where('stripe_invoice_id', '=', 'in_wall_1')
        .executeTakeFirstOrThrow();
      await pub.get('/admin/donations');
      expect((await pub.post(`/admin/donations/${gift.id}/unwall`, { _csrf: 'forged' })).statusCode).toBe(403);
      const res = await pub.post(`/admin/donations/${gift.id}/unwall`, {});
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/donations?done=unwalled');
      const ledger = (await t.app.inject('/ledger')).body;
      expect(ledger).not.toContain('Buy cheap pills');
      expect(ledger).not.toContain('Spammer');
      // The next month's renewal carries the same metadata from Stripe, but stays off the wall.
      await deliver(
        t.app,
        invoicePaid({
          at: '2026-06-14T11:00:00Z',
          amount: 700,
          currency: 'USD',
          subscriptionId,
          invoiceId: 'in_wall_2',
          donor: { publicName: 'Spammer', publicMessage: 'Buy cheap pills', wall: true },
        }),
      );
      expect((await t.app.inject('/ledger')).body).not.toContain('Buy cheap pills');
      const [entry] = await audit(t, 'donation.wall.remove');
      expect(JSON.parse(entry!.before!)).toMatchObject({ publicMessage: 'Buy cheap pills', wallConsent: true });
      expect(await raised(t.deps.db.kysely, '2026-06')).toMatchObject({ raisedMinor: 1_400 });
    });
  });
}
