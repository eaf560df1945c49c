/**
 * Reader funding, in the newsroom's words (see docs/funding.md for the glossary):
 * a gift (a donation row) is money a reader gave and we received; a pledge is a promise of a gift every
 * month; a campaign is a month's goal. Amounts are integer minor units beside an ISO 4217 code.
 */
import type { I18n } from '../../platform/i18n.js';

export type Frequency = 'one_off' | 'monthly';
export const FREQUENCIES: readonly Frequency[] = ['one_off', 'monthly'];

/** pending: not confirmed; confirmed: counts; refunded: fully refunded (kept for the record); cancelled: never counted. */
export type DonationStatus = 'pending' | 'confirmed' | 'refunded' | 'cancelled';

/** stripe: confirmed by a verified webhook; offline: entered by the publisher. */
export type DonationSource = 'stripe' | 'offline';

/** How an offline gift arrived. */
export const OFFLINE_METHODS = ['bank', 'crypto', 'cash', 'cheque', 'other'] as const;
export type OfflineMethod = (typeof OFFLINE_METHODS)[number];
/** How a gift arrived, in the site's language ("Bank transfer"); a method the site no longer knows shows as stored. */
export function methodLabel(i18n: Pick<I18n, 't'>, method: string): string {
  return (METHODS as readonly string[]).includes(method) ? i18n.t(`funding.method_${method}`) : method;
}
/** Every method a gift may have: online by card, or one of the offline ones. */
const METHODS = ['card', ...OFFLINE_METHODS] as const;

/** What a donor chose to make public, and whether they want the Supporter badge. */
export interface DonorChoices {
  /** Name for the donor wall; null = anonymous. */
  publicName: string | null;
  /** A short message for the donor wall. */
  publicMessage: string | null;
  /** Explicit consent to appear on the public donor wall (name and message). */
  wallConsent: boolean;
  /** Opt-in to a Supporter badge on comments made with the gift's e-mail. */
  badge: boolean;
}

export const NO_CHOICES: DonorChoices = { publicName: null, publicMessage: null, wallConsent: false, badge: false };

export interface Donation {
  id: number;
  /** `YYYY-MM` of donatedAt: the campaign month it counts for. */
  month: string;
  donatedAt: string;
  amountMinor: number;
  /** Refunded so far (cumulative); the gift counts amountMinor − refundedMinor. */
  refundedMinor: number;
  currency: string;
  frequency: Frequency;
  source: DonationSource;
  method: string;
  status: DonationStatus;
  /** Private: receipts only; never on a public page, the ledger or its CSV. */
  donorEmail: string | null;
  publicName: string | null;
  publicMessage: string | null;
  wallConsent: boolean;
  /** The publisher's private note (offline gifts). */
  note: string | null;
  stripeSessionId: string | null;
  stripePaymentIntentId: string | null;
  stripeSubscriptionId: string | null;
  stripeInvoiceId: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A monthly gift promise (Stripe subscription). */
export interface Pledge {
  id: number;
  stripeSubscriptionId: string;
  stripeCustomerId: string | null;
  /** Private. */
  donorEmail: string | null;
  amountMinor: number;
  currency: string;
  /** `ended` is terminal. */
  status: 'active' | 'ended';
  startedAt: string;
  endedAt: string | null;
}
