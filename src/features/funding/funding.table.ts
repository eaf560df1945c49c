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
