/**
 * The PaymentProvider on Stripe, with the official `stripe` package. Webhook signatures are checked by
 * the package's own verifier over the raw body. STRIPE_API_BASE points the client at a Stripe-compatible
 * server on loopback in tests; nothing else changes between tests and production.
 */
import Stripe from 'stripe';
import type { Config } from '../../config.js';
import { currencyExponent } from '../../lib/money.js';
import type { DonorChoices } from './donation.types.js';
import {
  PaymentServiceError,
  WebhookSignatureError,
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentEvent,
  type PaymentProvider,
} from './payment-provider.js';

/** Marks what we created, so sales of other products on the same Stripe account never count as gifts. */
const KIND_KEY = 'bs_kind';
const KIND_GIFT = 'gift';

/**
 * How many decimals Stripe's API amounts carry (its "zero-decimal" and three-decimal lists); every other
 * currency is two-decimal there, including ISK and UGX, which ISO counts in whole units.
 */
const STRIPE_ZERO_DECIMAL = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);
export function stripeExponent(currency: string): number {
  const code = currency.toUpperCase();
  return STRIPE_ZERO_DECIMAL.has(code) ? 0 : STRIPE_THREE_DECIMAL.has(code) ? 3 : 2;
}
/** Our minor units (ISO 4217) to Stripe's API amount, and back. */
export const toStripeAmount = (minor: number, currency: string) =>
  Math.round(minor * 10 ** (stripeExponent(currency) - currencyExponent(currency)));
export const fromStripeAmount = (amount: number, currency: string) =>
  Math.round(amount * 10 ** (currencyExponent(currency) - stripeExponent(currency)));

const idOf = (v: string | { id: string } | null | undefined): string | null =>
  v == null ? null : typeof v === 'string' ? v : v.id;

export function donorMetadata(d: DonorChoices): Record<string, string> {
  return {
    [KIND_KEY]: KIND_GIFT,
    bs_public_name: d.publicName ?? '',
    bs_public_message: d.publicMessage ?? '',
    bs_wall: d.wallConsent ? '1' : '0',
    bs_badge: d.badge ? '1' : '0',
  };
}

function donorFromMetadata(m: Record<string, string> | null | undefined): DonorChoices | null {
  if (!m || m[KIND_KEY] !== KIND_GIFT) return null;
  const text = (v: string | undefined, max: number) => (v && v.trim() ? v.trim().slice(0, max) : null);
  return {
    publicName: text(m.bs_public_name, 80),
    publicMessage: text(m.bs_public_message, 280),
    wallConsent: m.bs_wall === '1',
    badge: m.bs_badge === '1',
  };
}

export function createStripeProvider(
  config: Pick<Config, 'stripeSecretKey' | 'stripeWebhookSecret' | 'stripeApiBase'>,
): PaymentProvider {
  const base = config.stripeApiBase ? new URL(config.stripeApiBase) : undefined;
  const stripe = new Stripe(config.stripeSecretKey ?? 'sk_unconfigured', {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Broadsheet' },
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });

  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    if (!config.stripeSecretKey)
      throw new PaymentServiceError('Online giving is not set up.', 'STRIPE_SECRET_KEY is not configured');
    try {
      return await fn();
    } catch (err) {
      const e = err as { type?: string; message?: string; code?: string };
      throw new PaymentServiceError(
        'The payment service did not accept the request. Please try again in a minute.',
        `${what}: ${e.type ?? 'error'} ${e.code ?? ''} ${e.message ?? String(err)}`.trim(),
      );
    }
  };

  return {
    canCharge: Boolean(config.stripeSecretKey),
    canVerify: Boolean(config.stripeWebhookSecret),
    redirectOrigins: ['https://checkout.stripe.com', 'https://billing.stripe.com'],

    async createCheckout(req: CheckoutRequest): Promise<CheckoutSession> {
      const metadata = donorMetadata(req.donor);
      const currency = req.currency.toLowerCase();
      const unitAmount = toStripeAmount(req.amountMinor, req.currency);
      const common = {
        customer_email: req.email,
        success_url: req.successUrl,
        cancel_url: req.cancelUrl,
        metadata,
      };
      const session = await call('checkout.sessions.create', () =>
        stripe.checkout.sessions.create(
          req.frequency === 'monthly'
            ? {
                ...common,
                mode: 'subscription',
                line_items: [
                  {
                    quantity: 1,
                    price_data: {
                      currency,
                      unit_amount: unitAmount,
                      recurring: { interval: 'month' },
                      product_data: { name: req.description },
                    },
                  },
                ],
                subscription_data: { metadata, description: req.description },
              }
            : {
                ...common,
                mode: 'payment',
                submit_type: 'donate',
                line_items: [
                  {
                    quantity: 1,
                    price_data: { currency, unit_amount: unitAmount, product_data: { name: req.description } },
                  },
                ],
                payment_intent_data: { metadata, description: req.description },
              },
          { idempotencyKey: req.idempotencyKey },
        ),
      );
      if (!session.url)
        throw new PaymentServiceError(
          'The payment service did not return a payment page.',
          `session ${session.id} has no url`,
        );
      return { id: session.id, url: session.url };
    },

    async createPortalSession(customerId, returnUrl) {
      const s = await call('billingPortal.sessions.create', () =>
        stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl }),
      );
      return { url: s.url };
    },

    async findInvoiceForPayment(paymentIntentId) {
      const list = await call('invoicePayments.list', () =>
        stripe.invoicePayments.list({ payment: { type: 'payment_intent', payment_intent: paymentIntentId }, limit: 1 }),
      );
      return idOf(list.data[0]?.invoice as string | { id: string } | undefined);
    },

    verifyWebhook(rawBody, signatureHeader) {
      if (!config.stripeWebhookSecret) throw new WebhookSignatureError('STRIPE_WEBHOOK_SECRET is not configured');
      if (!signatureHeader) throw new WebhookSignatureError('The Stripe-Signature header is missing');
      let event: Stripe.Event;
      try {
        event = Stripe.webhooks.constructEvent(
          rawBody,
          signatureHeader,
          config.stripeWebhookSecret,
          WEBHOOK_TOLERANCE_S,
        );
      } catch (err) {
        throw new WebhookSignatureError(
          `Signature check failed: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}`,
        );
      }
      // Stripe's verifier refuses a signature older than the tolerance but not one dated in the future;
      // the timestamp is signed (the header passed), so a far-future one is a replay kept for later.
      const signedAt = Number(/(?:^|,)t=(\d{1,12})(?:,|$)/.exec(signatureHeader)?.[1]);
      if (!Number.isFinite(signedAt) || signedAt * 1000 > Date.now() + WEBHOOK_TOLERANCE_S * 1000)
        throw new WebhookSignatureError('Signature check failed: the signature is dated in the future');
      return toPaymentEvent(event);
    },
  };
}

/** How far a webhook signature's time may be from ours, either way (Stripe's default: five minutes). */
export const WEBHOOK_TOLERANCE_S = 300;

/** Maps a verified Stripe event to the few facts the funding feature acts on. */
export function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  const base = { eventId: event.id, type: event.type, created: new Date(event.created * 1000) };
  const ignore = (reason: string): PaymentEvent => ({ ...base, kind: 'ignored', reason });
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const s = event.data.object;
      const donor = donorFromMetadata(s.metadata);
      if (!donor) return ignore('not a checkout started by Broadsheet');
      if (s.payment_status !== 'paid') return ignore(`payment status is ${s.payment_status}`);
      const currency = (s.currency ?? '').toUpperCase();
      return {
        ...base,
        kind: 'checkout.paid',
        sessionId: s.id,
        frequency: s.mode === 'subscription' ? 'monthly' : 'one_off',
        amountMinor: fromStripeAmount(s.amount_total ?? 0, currency),
        currency,
        email: s.customer_details?.email ?? s.customer_email ?? null,
        customerId: idOf(s.customer),
        paymentIntentId: idOf(s.payment_intent),
        subscriptionId: idOf(s.subscription),
        invoiceId: idOf(s.invoice),
        donor,
      };
    }
    case 'invoice.paid': {
      const inv = event.data.object;
      const details = inv.parent?.subscription_details;
      // Older API versions put the subscription on the invoice itself.
      const legacy = inv as unknown as {
        subscription?: string | { id: string } | null;
        payment_intent?: string | { id: string } | null;
      };
      const subscriptionId = idOf(details?.subscription ?? legacy.subscription);
      if (!subscriptionId) return ignore('invoice without a subscription');
      const donor = donorFromMetadata(details?.metadata);
      if (!donor && details?.metadata && Object.keys(details.metadata).length > 0)
        return ignore('subscription not started by Broadsheet');
      if (inv.amount_paid <= 0 || !inv.id) return ignore('nothing was paid');
      const currency = inv.currency.toUpperCase();
      const payment = inv.payments?.data?.[0]?.payment;
      return {
        ...base,
        kind: 'invoice.paid',
        invoiceId: inv.id,
        subscriptionId,
        customerId: idOf(inv.customer),
        amountMinor: fromStripeAmount(inv.amount_paid, currency),
        currency,
        email: inv.customer_email ?? null,
        paidAt: new Date((inv.status_transitions?.paid_at ?? event.created) * 1000),
        paymentIntentId: idOf(payment?.payment_intent ?? legacy.payment_intent),
        donor,
      };
    }
    case 'charge.refunded': {
      const c = event.data.object;
      const currency = c.currency.toUpperCase();
      return {
        ...base,
        kind: 'charge.refunded',
        chargeId: c.id,
        paymentIntentId: idOf(c.payment_intent),
        amountRefundedMinor: fromStripeAmount(c.amount_refunded, currency),
        currency,
      };
    }
    case 'customer.subscription.deleted': {
      const sub = event.data.object;
      if (!donorFromMetadata(sub.metadata)) return ignore('subscription not started by Broadsheet');
      return {
        ...base,
        kind: 'subscription.ended',
        subscriptionId: sub.id,
        customerId: idOf(sub.customer),
        endedAt: new Date((sub.ended_at ?? event.created) * 1000),
      };
    }
    default:
      return ignore(`event type ${event.type} is not used`);
  }
}
