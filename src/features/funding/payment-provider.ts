/**
 * The payment service as the funding feature sees it: start a checkout, open a donor's billing portal,
 * and turn a signed webhook delivery into a typed event. Stripe is the one implementation
 * (stripe-provider.ts); nothing else in the feature knows Stripe's object shapes.
 */
import type { DonorChoices, Frequency } from './donation.types.js';

export interface CheckoutRequest {
  frequency: Frequency;
  /** In minor units of `currency` (ours, ISO 4217). */
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** Where the receipt goes; Checkout pre-fills it. */
  email: string;
  /** What the donor sees on the payment page and statement, e.g. "Gift to The Broadsheet". */
  description: string;
  successUrl: string;
  cancelUrl: string;
  donor: DonorChoices;
  /** Same key → same session at Stripe, so a double-submitted form never opens two checkouts. */
  idempotencyKey: string;
}

export interface CheckoutSession {
  id: string;
  /** Stripe-hosted payment page to send the donor to. */
  url: string;
}

interface EventBase {
  /** Stripe's event id (evt_…): stored so a replayed delivery is applied once. */
  eventId: string;
  /** Stripe's event type, for the log and the health panel. */
  type: string;
  /** When Stripe created the event. */
  created: Date;
}

/** A checkout that was paid: a one-off gift (payment mode) or the first payment of a pledge (subscription mode). */
export interface CheckoutPaidEvent extends EventBase {
  kind: 'checkout.paid';
  sessionId: string;
  frequency: Frequency;
  amountMinor: number;
  currency: string;
  email: string | null;
  customerId: string | null;
  paymentIntentId: string | null;
  subscriptionId: string | null;
  /** The pledge's first invoice; the gift is keyed by it so invoice.paid for the same payment merges. */
  invoiceId: string | null;
  donor: DonorChoices;
}

/** One paid invoice of a pledge: the first one or a monthly renewal. */
export interface InvoicePaidEvent extends EventBase {
  kind: 'invoice.paid';
  invoiceId: string;
  subscriptionId: string | null;
  customerId: string | null;
  amountMinor: number;
  currency: string;
  email: string | null;
  paidAt: Date;
  paymentIntentId: string | null;
  /** From the subscription's metadata snapshot; null when the invoice carries none. */
  donor: DonorChoices | null;
}

/** A charge was refunded, fully or partly; `amountRefundedMinor` is cumulative for the charge. */
export interface ChargeRefundedEvent extends EventBase {
  kind: 'charge.refunded';
  chargeId: string;
  paymentIntentId: string | null;
  amountRefundedMinor: number;
  currency: string;
}

/** A pledge ended (cancelled by the donor in the portal, by the publisher, or after failed payments). */
export interface SubscriptionEndedEvent extends EventBase {
  kind: 'subscription.ended';
  subscriptionId: string;
  customerId: string | null;
  endedAt: Date;
}

/** A verified event that does not concern reader funding (another product on the same Stripe account, an unpaid session…). */
export interface IgnoredEvent extends EventBase {
  kind: 'ignored';
  /** Why, for the log. */
  reason: string;
}

export type PaymentEvent =
  CheckoutPaidEvent | InvoicePaidEvent | ChargeRefundedEvent | SubscriptionEndedEvent | IgnoredEvent;

/** The events to enable on the Stripe webhook endpoint (shown on the health panel). */
export const WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'invoice.paid',
  'charge.refunded',
  'customer.subscription.deleted',
] as const;

export interface PaymentProvider {
  /** True when an API key is configured, so the donation form can start a checkout. */
  readonly canCharge: boolean;
  /** True when a webhook signing secret is configured. */
  readonly canVerify: boolean;
  /**
   * Origins our forms redirect to (hosted checkout, customer portal). Browsers apply the CSP
   * `form-action` directive to a form's redirects too, so pages with those forms must allow them.
   */
  readonly redirectOrigins: readonly string[];
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** A short-lived link to Stripe's customer portal, where a donor changes or cancels a monthly gift. */
  createPortalSession(customerId: string, returnUrl: string): Promise<{ url: string }>;
  /** The invoice a payment belongs to (monthly gifts), or null for a one-off payment. */
  findInvoiceForPayment(paymentIntentId: string): Promise<string | null>;
  /** Verifies the signature over the exact raw body and maps the event; throws WebhookSignatureError. */
  verifyWebhook(rawBody: Buffer, signatureHeader: string | undefined): PaymentEvent;
}

/** The delivery was not signed by our endpoint's secret (or the body was changed): refuse it. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** The payment service failed or refused a request; `message` is safe to show to the publisher. */
export class PaymentServiceError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
    this.name = 'PaymentServiceError';
  }
}
