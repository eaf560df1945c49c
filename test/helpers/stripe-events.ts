/**
 * Stripe webhook events for tests, shaped like API version 2025-10-29.clover payloads, signed with the
 * stripe package's own test-header helper and the endpoint's real secret, and delivered to the real
 * route through app.inject(). Verification is never skipped.
 */
import Stripe from 'stripe';
import type { LightMyRequestResponse } from 'fastify';
import type { AppInstance } from '../../src/app.js';
import { fakeId } from './fake-stripe.js';

export const WEBHOOK_SECRET = 'whsec_test_0123456789abcdefghijklmnopqrstuv';

export interface StripeEventJson {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: Record<string, unknown> };
}

const unix = (at: string | Date) => Math.floor(new Date(at).getTime() / 1000);

export function stripeEvent(type: string, object: Record<string, unknown>, at: string | Date): StripeEventJson {
  return {
    id: fakeId('evt'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created: unix(at),
    livemode: false,
    pending_webhooks: 1,
    request: { id: fakeId('req'), idempotency_key: null },
    type,
    data: { object },
  };
}

export interface DonorMeta {
  publicName?: string;
  publicMessage?: string;
  wall?: boolean;
  badge?: boolean;
}

/** The metadata our checkout puts on sessions and subscriptions. */
export const giftMetadata = (d: DonorMeta = {}): Record<string, string> => ({
  bs_kind: 'gift',
  bs_public_name: d.publicName ?? '',
  bs_public_message: d.publicMessage ?? '',
  bs_wall: d.wall ? '1' : '0',
  bs_badge: d.badge ? '1' : '0',
});

export function checkoutCompleted(o: {
  at: string;
  amount: number;
  currency: string;
  email?: string;
  mode?: 'payment' | 'subscription';
  sessionId?: string;
  paymentIntentId?: string;
  subscriptionId?: string;
  invoiceId?: string;
  customerId?: string;
  donor?: DonorMeta;
  metadata?: Record<string, string>;
  paymentStatus?: 'paid' | 'unpaid' | 'no_payment_required';
}): StripeEventJson {
  const mode = o.mode ?? 'payment';
  const email = o.email ?? 'reader@example.net';
  return stripeEvent(
    'checkout.session.completed',
    {
      id: o.sessionId ?? fakeId('cs'),
      object: 'checkout.session',
      mode,
      status: 'complete',
      payment_status: o.paymentStatus ?? 'paid',
      amount_subtotal: o.amount,
      amount_total: o.amount,
      currency: o.currency.toLowerCase(),
      customer: o.customerId ?? (mode === 'subscription' ? fakeId('cus') : null),
      customer_email: email,
      customer_details: { email, name: 'A Reader', phone: null, tax_exempt: 'none', tax_ids: [], address: null },
      metadata: o.metadata ?? giftMetadata(o.donor),
      created: unix(o.at) - 120,
      expires_at: unix(o.at) + 86_000,
      livemode: false,
      payment_intent: mode === 'payment' ? (o.paymentIntentId ?? fakeId('pi')) : null,
      subscription: mode === 'subscription' ? (o.subscriptionId ?? fakeId('sub')) : null,
      invoice: mode === 'subscription' ? (o.invoiceId ?? fakeId('in')) : null,
      success_url: 'http://127.0.0.1/donate/thanks?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://127.0.0.1/donate?cancelled=1',
      url: null,
    },
    o.at,
  );
}

export function invoicePaid(o: {
  at: string;
  amount: number;
  currency: string;
  invoiceId?: string;
  subscriptionId: string;
  customerId?: string;
  email?: string;
  donor?: DonorMeta | null;
  billingReason?: 'subscription_create' | 'subscription_cycle';
}): StripeEventJson {
  const paidAt = unix(o.at);
  return stripeEvent(
    'invoice.paid',
    {
      id: o.invoiceId ?? fakeId('in'),
      object: 'invoice',
      amount_due: o.amount,
      amount_paid: o.amount,
      amount_remaining: 0,
      amount_overpaid: 0,
      attempt_count: 1,
      attempted: true,
      billing_reason: o.billingReason ?? 'subscription_cycle',
      collection_method: 'charge_automatically',
      created: paidAt - 3600,
      currency: o.currency.toLowerCase(),
      customer: o.customerId ?? fakeId('cus'),
      customer_email: o.email ?? 'reader@example.net',
      livemode: false,
      metadata: {},
      status: 'paid',
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: {
          metadata: o.donor === null ? {} : giftMetadata(o.donor),
          subscription: o.subscriptionId,
        },
      },
      status_transitions: {
        finalized_at: paidAt - 3600,
        marked_uncollectible_at: null,
        paid_at: paidAt,
        voided_at: null,
      },
      lines: { object: 'list', data: [], has_more: false, url: '/v1/invoices/lines' },
      period_start: paidAt - 2_592_000,
      period_end: paidAt,
      total: o.amount,
      subtotal: o.amount,
    },
    o.at,
  );
}

export function chargeRefunded(o: {
  at: string;
  amount: number;
  refunded: number;
  currency: string;
  paymentIntentId: string;
}): StripeEventJson {
  return stripeEvent(
    'charge.refunded',
    {
      id: fakeId('ch'),
      object: 'charge',
      amount: o.amount,
      amount_captured: o.amount,
      amount_refunded: o.refunded,
      captured: true,
      currency: o.currency.toLowerCase(),
      customer: null,
      paid: true,
      payment_intent: o.paymentIntentId,
      refunded: o.refunded >= o.amount,
      status: 'succeeded',
      created: unix(o.at) - 86_400,
      livemode: false,
      metadata: {},
    },
    o.at,
  );
}

export function subscriptionDeleted(o: {
  at: string;
  subscriptionId: string;
  customerId?: string;
  donor?: DonorMeta;
}): StripeEventJson {
  return stripeEvent(
    'customer.subscription.deleted',
    {
      id: o.subscriptionId,
      object: 'subscription',
      customer: o.customerId ?? fakeId('cus'),
      status: 'canceled',
      canceled_at: unix(o.at),
      ended_at: unix(o.at),
      cancel_at_period_end: false,
      created: unix(o.at) - 5_000_000,
      metadata: giftMetadata(o.donor),
      livemode: false,
      items: { object: 'list', data: [], has_more: false, url: '/v1/subscription_items' },
    },
    o.at,
  );
}

/** The exact bytes Stripe would send, and a valid signature header for them. */
export function signedDelivery(
  event: StripeEventJson | string,
  secret = WEBHOOK_SECRET,
): { payload: string; signature: string } {
  const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

/** Delivers an event to POST /webhooks/stripe like Stripe does. */
export async function deliver(
  app: AppInstance,
  event: StripeEventJson | string,
  opts: { secret?: string; payload?: string; signature?: string } = {},
): Promise<LightMyRequestResponse> {
  const signed = signedDelivery(event, opts.secret);
  return app.inject({
    method: 'POST',
    url: '/webhooks/stripe',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': opts.signature ?? signed.signature,
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    },
    payload: opts.payload ?? signed.payload,
  });
}
