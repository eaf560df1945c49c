/** This month's campaign for the demo: the goal, the gifts that fill the bar, and two Supporter badges. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { iso, monthOf } from '../../platform/clock.js';
import { insertCampaign, optInSupporter, refreshCampaignTotals } from '../funding/index.js';

interface DemoGift {
  amountMinor: number;
  publicName: string | null;
  source: 'stripe' | 'offline';
  method: string;
  frequency: 'one_off' | 'monthly';
  /** Readers with accounts who opted in: their comments show the Supporter badge. */
  donorEmail: string | null;
  message: string | null;
}

/** 1,120 $ in all (tests and benchmarks read that figure). */
function gifts(supporters: string[]): DemoGift[] {
  const [first = null, second = null] = supporters;
  return [
    {
      amountMinor: 50_000,
      publicName: 'The Lopes family',
      source: 'offline',
      method: 'bank',
      frequency: 'one_off',
      donorEmail: null,
      message: 'For the flood coverage. Keep going.',
    },
    {
      amountMinor: 25_000,
      publicName: null,
      source: 'stripe',
      method: 'card',
      frequency: 'one_off',
      donorEmail: null,
      message: null,
    },
    {
      amountMinor: 10_000,
      publicName: 'Grace K.',
      source: 'stripe',
      method: 'card',
      frequency: 'monthly',
      donorEmail: first,
      message: 'Local news matters.',
    },
    {
      amountMinor: 10_000,
      publicName: null,
      source: 'stripe',
      method: 'card',
      frequency: 'monthly',
      donorEmail: null,
      message: null,
    },
    {
      amountMinor: 5_000,
      publicName: 'A reader in Harbour',
      source: 'stripe',
      method: 'card',
      frequency: 'monthly',
      donorEmail: second,
      message: null,
    },
    {
      amountMinor: 12_000,
      publicName: null,
      source: 'offline',
      method: 'cash',
      frequency: 'one_off',
      donorEmail: null,
      message: 'Collected at the Harlow’s Hardware closing sale.',
    },
  ];
}

/**
 * This month's campaign: goal 5,000 $, ticks 0 / 2,500 / 5,000, 1,120 $ raised from confirmed gifts; the
 * readers in `supporters` (e-mails of accounts) gave and opted in, so they carry the Supporter badge.
 */
export async function seedCampaign(db: Kysely<Database>, now: Date, supporters: string[]): Promise<void> {
  const month = monthOf(now);
  const t = iso(now);
  await insertCampaign(db, {
    month,
    goalMinor: 500_000,
    currency: 'USD',
    ticks: [0, 250_000, 500_000],
    message: 'Help us fund a year of local reporting in Riverton.',
    now: t,
  });
  const monthStart = new Date(`${month}-01T00:00:00Z`).getTime();
  for (const [i, g] of gifts(supporters).entries()) {
    const at = iso(new Date(Math.max(monthStart, Math.min(now.getTime() - 60_000, monthStart + (i + 1) * 3600_000))));
    await db
      .insertInto('donations')
      .values({
        month,
        donated_at: at,
        amount_minor: g.amountMinor,
        currency: 'USD',
        frequency: g.frequency,
        source: g.source,
        method: g.method,
        status: 'confirmed',
        donor_email: g.donorEmail,
        public_name: g.publicName,
        public_message: g.message,
        wall_consent: g.publicName ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  for (const email of supporters) await optInSupporter(db, email, t);
  await refreshCampaignTotals(db, month, t);
}
