import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import type { TestApp } from '../helpers/build-test-app.js';
import { createFundingApp, makeCampaign, signedInAs } from '../helpers/funding.js';
import { checkoutCompleted, deliver, invoicePaid } from '../helpers/stripe-events.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`the public ledger on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createFundingApp(dialect, { clock: fixedClock('2026-06-20T12:00:00Z') });
      const db = t.deps.db.kysely;
      await makeCampaign(db, { month: '2026-06', goalMinor: 500_000, currency: 'USD' });
      await makeCampaign(db, { month: '2026-05', goalMinor: 400_000, currency: 'USD' });
      await deliver(
        t.app,
        checkoutCompleted({
          at: '2026-06-02T10:00:00Z',
          amount: 10_000,
          currency: 'USD',
          email: 'ada@example.net',
          donor: { publicName: 'Ada L.', publicMessage: 'For the night-bus story', wall: true },
        }),
      );
      await deliver(
        t.app,
        checkoutCompleted({
          at: '2026-06-03T10:00:00Z',
          amount: 2_500,
          currency: 'USD',
          email: 'shy@example.net',
          donor: { publicName: 'Secret Person', wall: false },
        }),
      );
      await deliver(
        t.app,
        checkoutCompleted({ at: '2026-06-04T10:00:00Z', amount: 3_000, currency: 'EUR', email: 'euro@example.net' }),
      );
      await deliver(
        t.app,
        invoicePaid({
          at: '2026-05-15T10:00:00Z',
          amount: 1_000,
          currency: 'USD',
          subscriptionId: 'sub_test_ledger',
          email: 'monthly@example.net',
          donor: { publicName: 'Monthly Max', wall: true },
          billingReason: 'subscription_create',
        }),
      );
      const pub = await signedInAs(t, 'publisher');
      await pub.get('/admin/donations/new');
      await pub.post('/admin/donations', {
        date: '2026-06-05',
        amount: '500',
        currency: 'USD',
        method: 'bank',
        note: 'private note',
        publicName: 'The Lopes family',
        wallConsent: 'yes',
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows each month’s goal, raised, gifts and online/offline split, and other currencies apart', async () => {
      const res = await t.app.inject('/ledger');
      expect(res.statusCode).toBe(200);
      const june = /<tr><th scope="row">June 2026<\/th>(.*?)<\/tr>/s.exec(res.body)![1]!;
      expect(june).toContain('$5,000');
      expect(june).toContain('<strong>$625</strong>');
      expect(june).toContain('(13%)');
      expect(june).toContain('<td>3</td><td>$125</td><td>$500</td>');
      expect(june).toContain('and €30 in 1 gift in EUR');
      const may = /<tr><th scope="row">May 2026<\/th>(.*?)<\/tr>/s.exec(res.body)![1]!;
      expect(may).toContain('<strong>$10</strong>');
      expect(res.body).toContain('1 reader gives every month.');
    });

    it('names on the donor wall only those who agreed, and never shows e-mails, notes or amounts of named donors', async () => {
      const res = await t.app.inject('/ledger');
      const wall = /<section class="donor-wall".*?<\/section>/s.exec(res.body)![0];
      expect(wall).toContain('Ada L.');
      expect(wall).toContain('For the night-bus story');
      expect(wall).toContain('The Lopes family');
      expect(wall).toContain('Monthly Max');
      expect(wall).not.toContain('Secret Person');
      expect(wall).not.toContain('$');
      expect(res.body).not.toMatch(/@example\.net/);
      expect(res.body).not.toContain('private note');
    });

    it('offers the same figures as JSON in the API, without e-mails', async () => {
      const res = await t.app.inject('/api/funding/ledger');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.months[0]).toMatchObject({
        month: '2026-06',
        goalMinor: 500_000,
        currency: 'USD',
        raisedMinor: 62_500,
        gifts: 3,
        onlineMinor: 12_500,
        offlineMinor: 50_000,
      });
      expect(res.body).not.toContain('@example.net');
      const goal = (await t.app.inject('/api/funding/goal')).json();
      expect(goal.goal).toMatchObject({ month: '2026-06', raisedMinor: 62_500, raisedText: '$625', percent: 13 });
      const spec = (await t.app.inject('/api/openapi.json')).json();
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/funding/ledger', '/api/funding/goal']));
    });
  });
}
