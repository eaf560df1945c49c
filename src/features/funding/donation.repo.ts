/** Gifts: the only file that reads and writes the donations table. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DonationRow } from './funding.table.js';
import type { Donation, DonationSource, DonationStatus, DonorChoices, Frequency } from './donation.types.js';

type DB = Kysely<Database>;

export function toDonation(r: DonationRow): Donation {
  return {
    id: r.id,
    month: r.month,
    donatedAt: r.donated_at,
    amountMinor: r.amount_minor,
    refundedMinor: r.refunded_minor,
    currency: r.currency,
    frequency: r.frequency,
    source: r.source,
    method: r.method,
    status: r.status,
    donorEmail: r.donor_email,
    publicName: r.public_name,
    publicMessage: r.public_message,
    wallConsent: r.wall_consent === 1,
    note: r.note,
    stripeSessionId: r.stripe_session_id,
    stripePaymentIntentId: r.stripe_payment_intent_id,
    stripeSubscriptionId: r.stripe_subscription_id,
    stripeInvoiceId: r.stripe_invoice_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findDonationById(db: DB, id: number): Promise<Donation | undefined> {
  const row = await db.selectFrom('donations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDonation(row) : undefined;
}

/** The offline gift an Admin API request with this Idempotency-Key recorded, if any. */
export async function findDonationByIdempotencyKey(db: DB, key: string): Promise<Donation | undefined> {
  const row = await db.selectFrom('donations').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
  return row ? toDonation(row) : undefined;
}

/** The gift a Stripe id belongs to: the session (one-off), the invoice (monthly) or the payment intent. */
export async function findDonationByStripeId(
  db: DB,
  by: { sessionId?: string | null; invoiceId?: string | null; paymentIntentId?: string | null },
): Promise<Donation | undefined> {
  const ors: Array<['stripe_session_id' | 'stripe_invoice_id' | 'stripe_payment_intent_id', string]> = [];
  if (by.invoiceId) ors.push(['stripe_invoice_id', by.invoiceId]);
  if (by.sessionId) ors.push(['stripe_session_id', by.sessionId]);
  if (by.paymentIntentId) ors.push(['stripe_payment_intent_id', by.paymentIntentId]);
  if (ors.length === 0) return undefined;
  const row = await db
    .selectFrom('donations')
    .selectAll()
    .where((eb) => eb.or(ors.map(([col, v]) => eb(col, '=', v))))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ? toDonation(row) : undefined;
}

export interface NewStripeGift {
  donatedAt: string;
  month: string;
  amountMinor: number;
  currency: string;
  frequency: Frequency;
  email: string | null;
  donor: DonorChoices;
  sessionId: string | null;
  paymentIntentId: string | null;
  subscriptionId: string | null;
  invoiceId: string | null;
  now: string;
}

/**
 * Inserts a confirmed online gift unless one with the same session or invoice id exists (unique columns):
 * returns the new id, or null when it already existed. On PostgreSQL a concurrent insert of the same
 * ids waits for the other transaction and then does nothing.
 */
export async function insertStripeGift(db: DB, g: NewStripeGift): Promise<number | null> {
  const row = await db
    .insertInto('donations')
    .values({
      month: g.month,
      donated_at: g.donatedAt,
      amount_minor: g.amountMinor,
      currency: g.currency,
      frequency: g.frequency,
      source: 'stripe',
      method: 'card',
      status: 'confirmed',
      donor_email: g.email?.toLowerCase() ?? null,
      public_name: g.donor.publicName,
      public_message: g.donor.publicMessage,
      wall_consent: g.donor.wallConsent ? 1 : 0,
      stripe_session_id: g.sessionId,
      stripe_payment_intent_id: g.paymentIntentId,
      stripe_subscription_id: g.subscriptionId,
      stripe_invoice_id: g.invoiceId,
      created_at: g.now,
      updated_at: g.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Fills in what a later event knows and the first one did not (session id, payment intent, donor's choices). Never changes amount or month. */
export async function completeStripeGift(db: DB, d: Donation, g: NewStripeGift): Promise<void> {
  const hasChoices = d.publicName !== null || d.publicMessage !== null || d.wallConsent;
  await db
    .updateTable('donations')
    .set({
      stripe_session_id: d.stripeSessionId ?? g.sessionId,
      stripe_payment_intent_id: d.stripePaymentIntentId ?? g.paymentIntentId,
      stripe_subscription_id: d.stripeSubscriptionId ?? g.subscriptionId,
      donor_email: d.donorEmail ?? g.email?.toLowerCase() ?? null,
      ...(hasChoices
        ? {}
        : {
            public_name: g.donor.publicName,
            public_message: g.donor.publicMessage,
            wall_consent: g.donor.wallConsent ? 1 : 0,
          }),
      updated_at: g.now,
    })
    .where('id', '=', d.id)
    .execute();
}

/**
 * Takes a gift (and, for a monthly gift, its pledge, whose choices later renewals copy) off the donor
 * wall: consent withdrawn, message removed. The name becomes '' rather than null so a later Stripe event
 * sees choices already made and does not fill the donor's original ones back in.
 */
export async function withdrawFromWall(
  db: DB,
  d: Pick<Donation, 'id' | 'stripeSubscriptionId'>,
  now: string,
): Promise<void> {
  const cleared = { wall_consent: 0, public_message: null, updated_at: now };
  await db
    .updateTable('donations')
    .set((eb) => ({ ...cleared, public_name: eb.fn.coalesce('public_name', eb.val('')) }))
    .where('id', '=', d.id)
    .execute();
  if (d.stripeSubscriptionId) {
    await db
      .updateTable('pledges')
      .set((eb) => ({ ...cleared, public_name: eb.fn.coalesce('public_name', eb.val('')) }))
      .where('stripe_subscription_id', '=', d.stripeSubscriptionId)
      .execute();
  }
}

/** Remembers the payment behind a gift (learned from a refund), so later refunds find it directly. */
export async function setGiftPaymentIntent(db: DB, id: number, paymentIntentId: string): Promise<void> {
  await db
    .updateTable('donations')
    .set({ stripe_payment_intent_id: paymentIntentId })
    .where('id', '=', id)
    .where('stripe_payment_intent_id', 'is', null)
    .execute();
}

/**
 * Raises a gift's refunded amount to `cumulativeMinor` (never lowers it: refund events carry the running
 * total and may arrive out of order), capped at the gift; a gift refunded in full becomes `refunded`.
 * One UPDATE, so two concurrent refund events cannot overwrite each other with a smaller total.
 */
export async function applyRefundToGift(
  db: DB,
  donationId: number,
  cumulativeMinor: number,
  now: string,
): Promise<void> {
  const target = sql<number>`(case when ${cumulativeMinor} > amount_minor then amount_minor else ${cumulativeMinor} end)`;
  await db
    .updateTable('donations')
    .set({
      refunded_minor: sql`(case when ${target} > refunded_minor then ${target} else refunded_minor end)`,
      status: sql`(case when ${cumulativeMinor} >= amount_minor then 'refunded' else status end)`,
      updated_at: now,
    })
    .where('id', '=', donationId)
    .execute();
}

export interface OfflineGiftInput {
  donatedAt: string;
  month: string;
  amountMinor: number;
  currency: string;
  method: string;
  note: string | null;
  publicName: string | null;
  publicMessage: string | null;
  wallConsent: boolean;
}

export async function insertOfflineGift(
  db: DB,
  g: OfflineGiftInput,
  actorId: number,
  now: string,
  idempotencyKey: string | null = null,
): Promise<number> {
  const row = await db
    .insertInto('donations')
    .values({
      idempotency_key: idempotencyKey,
      month: g.month,
      donated_at: g.donatedAt,
      amount_minor: g.amountMinor,
      currency: g.currency,
      frequency: 'one_off',
      source: 'offline',
      method: g.method,
      status: 'confirmed',
      note: g.note,
      public_name: g.publicName,
      public_message: g.publicMessage,
      wall_consent: g.wallConsent ? 1 : 0,
      created_by: actorId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOfflineGift(db: DB, id: number, g: OfflineGiftInput, now: string): Promise<void> {
  await db
    .updateTable('donations')
    .set({
      month: g.month,
      donated_at: g.donatedAt,
      amount_minor: g.amountMinor,
      currency: g.currency,
      method: g.method,
      note: g.note,
      public_name: g.publicName,
      public_message: g.publicMessage,
      wall_consent: g.wallConsent ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('source', '=', 'offline')
    .execute();
}

export async function deleteOfflineGift(db: DB, id: number): Promise<void> {
  await db.deleteFrom('donations').where('id', '=', id).where('source', '=', 'offline').execute();
}

export interface DonationFilter {
  month?: string;
  source?: DonationSource;
  status?: DonationStatus;
  /** Exact donor e-mail (publisher's search). */
  email?: string;
}

/** One page of gifts, newest first; `beforeId` is the cursor. */
export async function listDonations(db: DB, f: DonationFilter, limit: number, beforeId?: number): Promise<Donation[]> {
  let q = db.selectFrom('donations').selectAll();
  if (f.month) q = q.where('month', '=', f.month);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.email) q = q.where('donor_email', '=', f.email.toLowerCase());
  if (beforeId) q = q.where('id', '<', beforeId);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toDonation);
}

export interface MonthCurrencyTotal {
  month: string;
  currency: string;
  source: DonationSource;
  raisedMinor: number;
  gifts: number;
}

/** What each month raised, per currency and source (confirmed gifts minus refunds). */
export async function totalsByMonth(db: DB, fromMonth: string, toMonth: string): Promise<MonthCurrencyTotal[]> {
  const rows = await db
    .selectFrom('donations')
    .select((eb) => [
      'month',
      'currency',
      'source',
      eb.fn.sum<number>(eb('amount_minor', '-', eb.ref('refunded_minor'))).as('raised'),
      eb.fn
        .sum<number>(eb.case().when('amount_minor', '>', eb.ref('refunded_minor')).then(1).else(0).end())
        .as('gifts'),
    ])
    .where('status', 'in', ['confirmed', 'refunded'])
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .groupBy(['month', 'currency', 'source'])
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    currency: r.currency,
    source: r.source,
    raisedMinor: Number(r.raised),
    gifts: Number(r.gifts),
  }));
}

/** The earliest month with a gift, to bound the ledger. */
export async function firstGiftMonth(db: DB): Promise<string | undefined> {
  const row = await db
    .selectFrom('donations')
    .select((eb) => eb.fn.min('month').as('m'))
    .where('status', 'in', ['confirmed', 'refunded'])
    .executeTakeFirst();
  return row?.m ?? undefined;
}

export interface WallEntry {
  name: string | null;
  message: string | null;
  month: string;
  frequency: Frequency;
}

/** Donors who consented to the wall, newest first, a monthly donor once; never e-mails or amounts. */
export async function listWall(db: DB, limit: number): Promise<WallEntry[]> {
  const rows = await db
    .selectFrom('donations')
    .select(['public_name', 'public_message', 'month', 'frequency', 'stripe_subscription_id'])
    .where('wall_consent', '=', 1)
    .where('status', '=', 'confirmed')
    .where((eb) => eb.or([eb('public_name', 'is not', null), eb('public_message', 'is not', null)]))
    .orderBy('donated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit * 3)
    .execute();
  const seen = new Set<string>();
  const out: WallEntry[] = [];
  for (const r of rows) {
    if (r.stripe_subscription_id) {
      if (seen.has(r.stripe_subscription_id)) continue;
      seen.add(r.stripe_subscription_id);
    }
    out.push({ name: r.public_name, message: r.public_message, month: r.month, frequency: r.frequency });
    if (out.length === limit) break;
  }
  return out;
}

/** Gifts for the CSV ledger, in pages by id (bounded memory); no e-mails. */
export async function ledgerRows(db: DB, afterId: number, limit: number): Promise<Donation[]> {
  const rows = await db
    .selectFrom('donations')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toDonation(r), donorEmail: null }));
}

/** True when this e-mail gave a gift that was confirmed and not fully refunded. */
export async function hasConfirmedGift(db: DB, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('donations')
    .select('id')
    .where('donor_email', '=', email.toLowerCase())
    .where('status', '=', 'confirmed')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
