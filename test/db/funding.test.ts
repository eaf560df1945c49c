import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaignByMonth, refreshCampaignTotals } from '../../src/features/funding/campaign.repo.js';
import { applyRefundToGift, insertOfflineGift, insertStripeGift } from '../../src/features/funding/donation.repo.js';
import { NO_CHOICES } from '../../src/features/funding/donation.types.js';
import {
  isSupporter,
  optInSupporter,
  optOutSupporter,
  supportersAmong,
} from '../../src/features/funding/supporter.repo.js';
import { makeUser } from '../helpers/factories.js';
import { makeCampaign } from '../helpers/funding.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const T = '2026-06-10T10:00:00.000Z';
let seq = 0;
const gift = (month: string, amountMinor: number, currency = 'USD', email: string | null = null) => ({
  donatedAt: `${month}-10T10:00:00.000Z`,
  month,
  amountMinor,
  currency,
  frequency: 'one_off' as const,
  email,
  donor: NO_CHOICES,
  sessionId: `cs_test_db_${seq++}`,
  paymentIntentId: null,
  subscriptionId: null,
  invoiceId: null,
  now: T,
});

for (const dialect of DIALECTS) {
  describe(`funding data on ${dialect}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(dialect);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('sums confirmed gifts minus refunds in the campaign currency, counting gifts not fully refunded', async () => {
      const db = t.db.kysely;
      await makeCampaign(db, { month: '2026-01', goalMinor: 100_000, currency: 'EUR' });
      const a = (await insertStripeGift(db, gift('2026-01', 5_000, 'EUR')))!;
      const b = (await insertStripeGift(db, gift('2026-01', 3_000, 'EUR')))!;
      await insertStripeGift(db, gift('2026-01', 9_999, 'USD'));
      await insertOfflineGift(
        db,
        {
          donatedAt: '2026-01-05T00:00:00.000Z',
          month: '2026-01',
          amountMinor: 20_000,
          currency: 'EUR',
          method: 'bank',
          note: null,
          publicName: null,
          publicMessage: null,
          wallConsent: false,
        },
        (await makeUser(db)).id,
        T,
      );
      await applyRefundToGift(db, a, 1_000, T);
      await applyRefundToGift(db, b, 3_000, T);
      await refreshCampaignTotals(db, '2026-01', T);
      expect(await findCampaignByMonth(db, '2026-01')).toMatchObject({ raisedMinor: 24_000, giftCount: 2 });
    });

    it('never lowers a refund total and never refunds more than the gift', async () => {
      const db = t.db.kysely;
      const id = (await insertStripeGift(db, gift('2026-02', 5_000)))!;
      await applyRefundToGift(db, id, 4_000, T);
      await applyRefundToGift(db, id, 1_000, T);
      let row = await db
        .selectFrom('donations')
        .select(['refunded_minor', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ refunded_minor: 4_000, status: 'confirmed' });
      await applyRefundToGift(db, id, 7_000, T);
      row = await db
        .selectFrom('donations')
        .select(['refunded_minor', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ refunded_minor: 5_000, status: 'refunded' });
    });

    it('shows the Supporter badge only for an opted-in e-mail with a confirmed gift', async () => {
      const db = t.db.kysely;
      const user = await makeUser(db, { email: 'giver@example.net' });
      await optInSupporter(db, 'Giver@Example.net', T);
      expect(await isSupporter(db, 'giver@example.net')).toBe(false);
      await insertStripeGift(db, gift('2026-03', 1_000, 'USD', 'GIVER@example.net'));
      expect(await isSupporter(db, 'giver@example.net')).toBe(true);
      expect(await isSupporter(db, user.id)).toBe(true);
      expect(await supportersAmong(db, ['giver@example.net', 'nobody@example.net', ''])).toEqual(
        new Set(['giver@example.net']),
      );
      await insertStripeGift(db, gift('2026-03', 1_000, 'USD', 'quiet@example.net'));
      expect(await isSupporter(db, 'quiet@example.net')).toBe(false);
      await optOutSupporter(db, 'giver@example.net');
      expect(await isSupporter(db, user.id)).toBe(false);
      expect(await isSupporter(db, 999_999)).toBe(false);
    });
  });
}

describe.skipIf(!DIALECTS.includes('postgres'))('month totals under concurrent writers on PostgreSQL', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('postgres');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('includes a gift committed by another transaction while this one waited', async () => {
    const db = t.db.kysely;
    await makeCampaign(db, { month: '2026-06', goalMinor: 100_000, currency: 'USD' });
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((r) => {
      releaseA = r;
    });
    let aRefreshed!: () => void;
    const aHasLock = new Promise<void>((r) => {
      aRefreshed = r;
    });
    const a = db.transaction().execute(async (trx) => {
      await insertStripeGift(trx, gift('2026-06', 1_000));
      await refreshCampaignTotals(trx, '2026-06', T);
      aRefreshed();
      await aMayCommit;
    });
    await aHasLock;
    const b = db.transaction().execute(async (trx) => {
      await insertStripeGift(trx, gift('2026-06', 2_000));
      await refreshCampaignTotals(trx, '2026-06', T);
    });
    // Give B time to reach its refresh (where it must wait for A), then let A commit.
    await new Promise((r) => setTimeout(r, 300));
    releaseA();
    await Promise.all([a, b]);
    expect(await findCampaignByMonth(db, '2026-06')).toMatchObject({ raisedMinor: 3_000, giftCount: 2 });
  });
});
