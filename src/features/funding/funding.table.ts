import type { Generated, Selectable } from 'kysely';

export interface CampaignTable {
  id: Generated<number>;
  /** Calendar month, `YYYY-MM`; one campaign per month. */
  month: string;
  /** Goal in minor units of `currency`. */
  goal_minor: number;
  /** ISO 4217 code, upper case. */
  currency: string;
  /** JSON array of milestone amounts in minor units, e.g. [0, 250000, 500000]. */
  ticks: Generated<string>;
  message: string | null;
  /** Confirmed gifts minus refunds in this month; kept in step with donations in the same transaction. */
  raised_minor: Generated<number>;
  gift_count: Generated<number>;
  created_at: string;
  updated_at: string;
}
export type CampaignRow = Selectable<CampaignTable>;

/**
 * A gift is money a reader gave. pending: checkout started, not yet confirmed by a verified webhook;
 * confirmed: counts in the bar; refunded: fully refunded (partial refunds live in refunded_minor);
 * cancelled: abandoned checkout or ended pledge.
 */
export interface DonationTable {
  id: Generated<number>;
  /** `YYYY-MM` of donated_at; the campaign it counts for. */
  month: string;
  donated_at: string;
  amount_minor: number;
  refunded_minor: Generated<number>;
  currency: string;
  frequency: Generated<'one_off' | 'monthly'>;
  source: 'stripe' | 'offline';
  /** card, bank, crypto, cash, cheque. */
  method: string;
  status: Generated<'pending' | 'confirmed' | 'refunded' | 'cancelled'>;
  /** Private: for the receipt only. */
  donor_email: string | null;
  public_name: string | null;
  public_message: string | null;
  /** The donor agreed to appear on the public donor wall. */
  wall_consent: Generated<number>;
  note: string | null;
  stripe_session_id: string | null;
  stripe_payment_intent_id: string | null;
  stripe_subscription_id: string | null;
  stripe_invoice_id: string | null;
  created_by: number | null;
  /** An offline gift recorded through the Admin API: the client's Idempotency-Key (a retry counts once). */
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface StripeEventTable {
  /** Stripe's event id; the primary key is what makes a replayed event count once. */
  id: string;
  type: string;
  received_at: string;
  processed_at: string | null;
  error: string | null;
}
export type DonationRow = Selectable<DonationTable>;

/**
 * A pledge is a promise of a gift every month (a Stripe subscription); each payment it brings is a
 * separate donation row keyed by its invoice. `ended` is terminal: a late event never reactivates it.
 */
export interface PledgeTable {
  id: Generated<number>;
  stripe_subscription_id: string;
  /** Needed to open Stripe's customer portal for the donor. */
  stripe_customer_id: string | null;
  /** Private: receipts and "manage my gift" links only. */
  donor_email: string | null;
  /** Amount of each monthly payment, minor units; 0 until an event tells it. */
  amount_minor: Generated<number>;
  currency: Generated<string>;
  status: Generated<'active' | 'ended'>;
  public_name: string | null;
  public_message: string | null;
  wall_consent: Generated<number>;
  started_at: string;
  ended_at: string | null;
  created_at: string;
  updated_at: string;
}
export type PledgeRow = Selectable<PledgeTable>;

/**
 * Refunds by payment intent, cumulative (Stripe's charge.amount_refunded). Kept even when the gift is not
 * known yet (the refund event arrived first) and applied when the gift appears.
 */
export interface StripeRefundTable {
  payment_intent_id: string;
  /** The invoice the payment belongs to, for monthly gifts (looked up from Stripe when needed). */
  invoice_id: string | null;
  charge_id: string;
  amount_refunded_minor: number;
  currency: string;
  refunded_at: string;
  updated_at: string;
}

/** Webhook deliveries that were refused or failed, newest first on the health panel; pruned to the last few hundred. */
export interface StripeWebhookFailureTable {
  id: Generated<number>;
  received_at: string;
  /** Null when the signature was not valid: nothing in an unverified body is trusted, not even its id. */
  event_id: string | null;
  event_type: string | null;
  /** Safe to show to the publisher (no secrets, no payloads). */
  reason: string;
  /** How many deliveries failed alike (same event, same reason) from received_at to last_received_at. */
  repeats: Generated<number>;
  last_received_at: string;
}

/** Donors who chose to show a Supporter badge on their comments; lower-cased e-mail. Opting out deletes the row. */
export interface SupporterTable {
  email: string;
  opted_in_at: string;
}
