import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CampaignRow } from './funding.table.js';
import type { Campaign } from './campaign.types.js';

type DB = Kysely<Database>;

export function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id, month: r.month, goalMinor: r.goal_minor, currency: r.currency,
    ticks: (JSON.parse(r.ticks) as number[]).sort((a, b) => a - b), message: r.message,
    raisedMinor: r.raised_minor, giftCount: r.gift_count,
  };
}

export async function findCampaignByMonth(db: DB, month: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('month', '=', month).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

export interface NewCampaign {
  month: string;
  goalMinor: number;
  currency: string;
  ticks: number[];
  message: string | null;
  now: string;
}

export async function insertCampaign(db: DB, c: NewCampaign): Promise<number> {
  const row = await db.insertInto('campaigns').values({
    month: c.month, goal_minor: c.goalMinor, currency: c.currency, ticks: JSON.stringify(c.ticks),
    message: c.message, created_at: c.now, updated_at: c.now,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Recomputes a month's cached total from its donations. Called in the same transaction as every change
 * to a donation, so the bar never drifts; bounded by the month's donations, and only on writes.
 */
export async function refreshCampaignTotals(db: DB, month: string, now: string): Promise<void> {
  const totals = await db.selectFrom('donations')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>(eb('amount_minor', '-', eb.ref('refunded_minor'))), eb.lit(0)).as('raised'),
      eb.fn.countAll<number>().as('gifts'),
    ])
    .where('month', '=', month).where('status', 'in', ['confirmed', 'refunded']).executeTakeFirstOrThrow();
  await db.updateTable('campaigns').set({ raised_minor: Number(totals.raised), gift_count: Number(totals.gifts), updated_at: now })
    .where('month', '=', month).execute();
}
