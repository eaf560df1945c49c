import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CampaignRow } from './funding.table.js';
import type { Campaign } from './campaign.types.js';

type DB = Kysely<Database>;

export function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    month: r.month,
    goalMinor: r.goal_minor,
    currency: r.currency,
    ticks: (JSON.parse(r.ticks) as number[]).sort((a, b) => a - b),
    message: r.message,
    raisedMinor: r.raised_minor,
    giftCount: r.gift_count,
  };
}

export async function findCampaignByMonth(db: DB, month: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('month', '=', month).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

export async function findCampaignById(db: DB, id: number): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

/** The most recent campaign before `month` (for "carry the last goal"). */
export async function findLatestCampaignBefore(db: DB, month: string): Promise<Campaign | undefined> {
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('month', '<', month)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

/** Newest month first. */
export async function listCampaigns(db: DB, limit: number): Promise<Campaign[]> {
  const rows = await db.selectFrom('campaigns').selectAll().orderBy('month', 'desc').limit(limit).execute();
  return rows.map(toCampaign);
}

/** Campaigns of the given months, by month. */
export async function findCampaignsByMonths(db: DB, months: string[]): Promise<Map<string, Campaign>> {
  if (months.length === 0) return new Map();
  const rows = await db.selectFrom('campaigns').selectAll().where('month', 'in', months).execute();
  return new Map(rows.map((r) => [r.month, toCampaign(r)]));
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
  const row = await db
    .insertInto('campaigns')
    .values({
      month: c.month,
      goal_minor: c.goalMinor,
      currency: c.currency,
      ticks: JSON.stringify(c.ticks),
      message: c.message,
      created_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts unless the month already has a campaign; returns the new id or null. */
export async function insertCampaignIfAbsent(db: DB, c: NewCampaign): Promise<number | null> {
  const row = await db
    .insertInto('campaigns')
    .values({
      month: c.month,
      goal_minor: c.goalMinor,
      currency: c.currency,
      ticks: JSON.stringify(c.ticks),
      message: c.message,
      created_at: c.now,
      updated_at: c.now,
    })
    .onConflict((oc) => oc.column('month').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updateCampaign(db: DB, id: number, c: NewCampaign): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({
      month: c.month,
      goal_minor: c.goalMinor,
      currency: c.currency,
      ticks: JSON.stringify(c.ticks),
      message: c.message,
      updated_at: c.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteCampaign(db: DB, id: number): Promise<void> {
  await db.deleteFrom('campaigns').where('id', '=', id).execute();
}

/**
 * Recomputes a month's cached total from its donations. Called in the same transaction as every change
 * to a donation, so the bar never drifts; bounded by the month's donations, and only on writes.
 * Only gifts in the campaign's currency count (others show in the ledger, never summed across currencies).
 *
 * Race: on PostgreSQL (READ COMMITTED) two transactions adding gifts to one month could each sum without
 * the other's uncommitted gift and the later write would lose one. Touching the campaign row first takes
 * its row lock, so the second transaction waits here until the first commits; its SUM, a new statement
 * with a new snapshot, then sees both gifts. SQLite runs one writer at a time.
 */
export async function refreshCampaignTotals(
  db: DB,
  month: string,
  now: string,
): Promise<{ raisedBefore: number; raisedMinor: number; goalMinor: number; currency: string } | undefined> {
  const campaign = await db
    .updateTable('campaigns')
    .set({ updated_at: now })
    .where('month', '=', month)
    .returning(['currency', 'raised_minor', 'goal_minor'])
    .executeTakeFirst();
  if (!campaign) return undefined;
  const totals = await db
    .selectFrom('donations')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>(eb('amount_minor', '-', eb.ref('refunded_minor'))), eb.lit(0)).as('raised'),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(eb.case().when('amount_minor', '>', eb.ref('refunded_minor')).then(1).else(0).end()),
          eb.lit(0),
        )
        .as('gifts'),
    ])
    .where('month', '=', month)
    .where('currency', '=', campaign.currency)
    .where('status', 'in', ['confirmed', 'refunded'])
    .executeTakeFirstOrThrow();
  await db
    .updateTable('campaigns')
    .set({ raised_minor: Number(totals.raised), gift_count: Number(totals.gifts), updated_at: now })
    .where('month', '=', month)
    .execute();
  return {
    raisedBefore: Number(campaign.raised_minor),
    raisedMinor: Number(totals.raised),
    goalMinor: Number(campaign.goal_minor),
    currency: campaign.currency,
  };
}
