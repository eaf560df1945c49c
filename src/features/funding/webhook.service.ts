/**
 * Applies verified Stripe events. Invariants:
 * - A gift counts only once a verified event confirms it; nothing else (the thank-you page, the
 *   redirect from Checkout) ever marks a payment as paid.
 * - Each event id is claimed in the transaction that applies it, so a replayed, duplicated or concurrent
 *   delivery is applied at most once; a failure rolls the claim back and Stripe's retry applies it.
 * - Gifts are keyed by Stripe ids (session for one-off, invoice for monthly), so two different events
 *   about the same payment (checkout.session.completed and invoice.paid) make one gift.
 * - Order does not matter: whichever event about a payment arrives first creates the gift with what it
 *   carries and later ones fill in the rest; a refund that arrives before its gift is kept by payment
 *   and applied when the gift appears; refund totals only ever rise; an ended pledge stays ended.
 * - Events are applied one at a time across processes (a transaction lock), so two events about the same
 *   payment never each miss the other's uncommitted work.
 */
import { monthIn } from '../../lib/time-zone.js';
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import type { I18n } from '../../platform/i18n.js';
import { msg } from '../../lib/message.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { LOCKS, lockTransaction } from '../../db/dialect.js';
import { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import { refreshCampaignTotals } from './campaign.repo.js';
import type { Deps } from '../../deps.js';
import { publishGoal, type FundingDeps } from './campaign.service.js';
import {
  applyRefundToGift,
  completeStripeGift,
  findDonationByStripeId,
  insertStripeGift,
  setGiftPaymentIntent,
  type NewStripeGift,
} from './donation.repo.js';
import { findPledgeBySubscription, upsertPledge } from './pledge.repo.js';
import {
  PaymentServiceError,
  WebhookSignatureError,
  type ChargeRefundedEvent,
  type CheckoutPaidEvent,
  type InvoicePaidEvent,
  type PaymentEvent,
  type PaymentProvider,
} from './payment-provider.js';
import { receiptMail } from './receipt.js';
import { claimStripeEvent, findStripeRefund, recordWebhookFailure, upsertStripeRefund } from './stripe-event.repo.js';
import { optInSupporter } from './supporter.repo.js';
import { touchSupporterAfterGift } from './supporter.service.js';
import { announceGoal, type FundingHooks } from './funding.hooks.js';

type DB = Kysely<Database>;

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored';

interface ApplyContext {
  now: Date;
  config: FundingDeps['config'];
  /** The site's time zone: a gift counts towards the campaign month it was paid in there. */
  timeZone: string;
  /** The site's language (and zone) for receipts, read before the transaction. */
  i18n: I18n;
  /** Looked up at Stripe before the transaction (no network call while holding locks). */
  refundInvoiceId: string | null;
  /** Filled while applying: the donor e-mails of the gifts the event created, completed or refunded. */
  giftEmails: Set<string>;
  /** Reactions in the applying transaction (discussions refresh a Supporter badge). */
  hooks: FundingHooks;
}

/** Verifies and applies one webhook delivery. Throws AppError INVALID_SIGNATURE (400), NOT_CONFIGURED (503) or INTERNAL (500); Stripe retries the last two. */
export async function receiveStripeWebhook(
  deps: FundingDeps & Pick<Deps, 'payments'>,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookOutcome> {
  const db = deps.db.kysely;
  const provider = deps.payments;
  if (!provider.canVerify) {
    await recordWebhookFailure(db, {
      eventId: null,
      eventType: null,
      reason: 'STRIPE_WEBHOOK_SECRET is not configured, so no event can be verified',
      now: iso(deps.clock.now()),
    });
    // 503, not 400: Stripe keeps retrying for three days, so nothing is lost once the secret is set.
    throw new AppError('WEBHOOKS_NOT_CONFIGURED', msg('funding.webhook_error_not_configured'));
  }
  let event: PaymentEvent;
  try {
    event = provider.verifyWebhook(rawBody, signature);
  } catch (err) {
    if (!(err instanceof WebhookSignatureError)) throw err;
    await recordWebhookFailure(db, { eventId: null, eventType: null, reason: err.message, now: iso(deps.clock.now()) });
    throw new AppError('WEBHOOK_SIGNATURE_INVALID', msg('funding.webhook_error_signature'), {
      internal: { reason: err.message },
    });
  }
  try {
    const now = deps.clock.now();
    const refundInvoiceId = await lookUpRefundedInvoice(db, provider, event);
    const site = await readSiteIdentity(deps);
    const outcome = await db.transaction().execute(async (trx) => {
      // Without it, a refund and its gift applied at once on two PostgreSQL processes each miss the
      // other's uncommitted row: the refund waits for a gift that has already looked for it, and is lost.
      await lockTransaction(trx, deps.db.dialect, LOCKS.paymentEvents);
      if (!(await claimStripeEvent(trx, { id: event.eventId, type: event.type, now: iso(now) })))
        return { status: 'duplicate' as const, months: [] };
      const ctx: ApplyContext = {
        now,
        // Receipts name the site as the publisher set it (/admin/site), read before the transaction.
        config: { ...deps.config, siteName: site.name },
        timeZone: site.timeZone,
        i18n: siteI18n(site),
        refundInvoiceId,
        giftEmails: new Set(),
        hooks: deps.hooks.funding,
      };
      const months = await applyPaymentEvent(trx, event, ctx);
      // Sorted, so two transactions touching the same months lock the campaign rows in the same order.
      for (const month of [...months].sort())
        await announceGoal(trx, ctx.hooks, month, await refreshCampaignTotals(trx, month, iso(now)), now);
      // A gift confirmed or refunded may turn a reader's Supporter badge on or off: cached discussions follow.
      for (const email of ctx.giftEmails) await touchSupporterAfterGift(trx, ctx.hooks, email);
      return { status: event.kind === 'ignored' ? ('ignored' as const) : ('applied' as const), months: [...months] };
    });
    deps.log.info({ eventId: event.eventId, type: event.type, outcome: outcome.status }, 'stripe webhook');
    await publishGoal(deps, outcome.months);
    return outcome.status;
  } catch (err) {
    const reason =
      err instanceof PaymentServiceError
        ? `Stripe lookup failed: ${err.detail}`
        : `Could not apply the event: ${(err as Error).message}`;
    await recordWebhookFailure(db, {
      eventId: event.eventId,
      eventType: event.type,
      reason,
      now: iso(deps.clock.now()),
    }).catch(() => undefined);
    throw new AppError('WEBHOOK_NOT_APPLIED', msg('funding.webhook_error_not_applied'), {
      cause: err,
      internal: { eventId: event.eventId },
    });
  }
}

/** A refund of a payment we do not know yet may belong to a monthly gift's invoice: ask Stripe which. */
async function lookUpRefundedInvoice(db: DB, provider: PaymentProvider, event: PaymentEvent): Promise<string | null> {
  if (event.kind !== 'charge.refunded' || !event.paymentIntentId || !provider.canCharge) return null;
  if (await findDonationByStripeId(db, { paymentIntentId: event.paymentIntentId })) return null;
  return provider.findInvoiceForPayment(event.paymentIntentId);
}

/** Applies one event; returns the months whose totals changed. */
export async function applyPaymentEvent(trx: DB, event: PaymentEvent, ctx: ApplyContext): Promise<Set<string>> {
  switch (event.kind) {
    case 'checkout.paid':
      return applyCheckoutPaid(trx, event, ctx);
    case 'invoice.paid':
      return applyInvoicePaid(trx, event, ctx);
    case 'charge.refunded':
      return applyRefund(trx, event, ctx);
    case 'subscription.ended':
      await upsertPledge(trx, {
        subscriptionId: event.subscriptionId,
        customerId: event.customerId,
        email: null,
        amountMinor: null,
        currency: null,
        donor: null,
        endedAt: iso(event.endedAt),
        at: iso(ctx.now),
      });
      return new Set();
    case 'ignored':
      return new Set();
  }
}

async function applyCheckoutPaid(trx: DB, e: CheckoutPaidEvent, ctx: ApplyContext): Promise<Set<string>> {
  const monthly = e.frequency === 'monthly';
  if (monthly && e.subscriptionId) {
    await upsertPledge(trx, {
      subscriptionId: e.subscriptionId,
      customerId: e.customerId,
      email: e.email,
      amountMinor: e.amountMinor,
      currency: e.currency,
      donor: e.donor,
      endedAt: null,
      at: iso(e.created),
    });
  }
  // The badge is opted into at checkout only: a renewal never undoes a later opt-out.
  if (e.donor.badge && e.email && (await optInSupporter(trx, e.email, iso(ctx.now))))
    await ctx.hooks.badgeChanged.run(trx, { email: e.email });
  // A subscription checkout without an invoice charged nothing (a trial): the pledge exists, no gift yet.
  if (monthly && !e.invoiceId) return new Set();
  return recordGift(
    trx,
    {
      donatedAt: iso(e.created),
      month: monthIn(e.created, ctx.timeZone),
      amountMinor: e.amountMinor,
      currency: e.currency,
      frequency: e.frequency,
      email: e.email,
      donor: e.donor,
      sessionId: e.sessionId,
      paymentIntentId: e.paymentIntentId,
      subscriptionId: e.subscriptionId,
      invoiceId: monthly ? e.invoiceId : null,
      now: iso(ctx.now),
    },
    ctx,
  );
}

async function applyInvoicePaid(trx: DB, e: InvoicePaidEvent, ctx: ApplyContext): Promise<Set<string>> {
  const pledge = e.subscriptionId ? await findPledgeBySubscription(trx, e.subscriptionId) : undefined;
  // An invoice with none of our metadata counts only for a pledge we know (another product may share the account).
  if (!e.donor && !pledge) return new Set();
  // The pledge's stored choices win over the subscription's metadata: the publisher may have taken the
  // donor off the wall since, and every renewal must respect that.
  const donor = pledge?.hasChoices ? pledge.donor : (e.donor ?? pledge!.donor);
  if (e.subscriptionId) {
    await upsertPledge(trx, {
      subscriptionId: e.subscriptionId,
      customerId: e.customerId,
      email: e.email,
      amountMinor: e.amountMinor,
      currency: e.currency,
      donor,
      endedAt: null,
      at: iso(e.paidAt),
    });
  }
  return recordGift(
    trx,
    {
      donatedAt: iso(e.paidAt),
      month: monthIn(e.paidAt, ctx.timeZone),
      amountMinor: e.amountMinor,
      currency: e.currency,
      frequency: 'monthly',
      email: e.email ?? pledge?.donorEmail ?? null,
      donor,
      sessionId: null,
      paymentIntentId: e.paymentIntentId,
      subscriptionId: e.subscriptionId,
      invoiceId: e.invoiceId,
      now: iso(ctx.now),
    },
    ctx,
  );
}

async function applyRefund(trx: DB, e: ChargeRefundedEvent, ctx: ApplyContext): Promise<Set<string>> {
  if (!e.paymentIntentId) return new Set();
  const gift =
    (await findDonationByStripeId(trx, { paymentIntentId: e.paymentIntentId })) ??
    (ctx.refundInvoiceId ? await findDonationByStripeId(trx, { invoiceId: ctx.refundInvoiceId }) : undefined);
  await upsertStripeRefund(trx, {
    paymentIntentId: e.paymentIntentId,
    invoiceId: ctx.refundInvoiceId ?? gift?.stripeInvoiceId ?? null,
    chargeId: e.chargeId,
    amountRefundedMinor: e.amountRefundedMinor,
    currency: e.currency,
    now: iso(ctx.now),
  });
  if (!gift) return new Set();
  if (!gift.stripePaymentIntentId) await setGiftPaymentIntent(trx, gift.id, e.paymentIntentId);
  await applyRefundToGift(trx, gift.id, e.amountRefundedMinor, iso(ctx.now));
  if (gift.donorEmail) ctx.giftEmails.add(gift.donorEmail);
  return new Set([gift.month]);
}

/** Creates the gift, or completes it when another event about the same payment created it first. */
async function recordGift(trx: DB, g: NewStripeGift, ctx: ApplyContext): Promise<Set<string>> {
  const id = await insertStripeGift(trx, g);
  if (id === null) {
    const existing = await findDonationByStripeId(trx, { sessionId: g.sessionId, invoiceId: g.invoiceId });
    if (!existing) throw new Error('gift conflicted on a Stripe id but could not be found');
    await completeStripeGift(trx, existing, g);
    await applyEarlyRefund(trx, existing.id, existing.stripePaymentIntentId ?? g.paymentIntentId, g.invoiceId, g.now);
    // The first event may have had no e-mail: the gift may only now belong to a reader.
    const email = existing.donorEmail ?? g.email;
    if (email) ctx.giftEmails.add(email);
    return new Set([existing.month]);
  }
  const refunded = await applyEarlyRefund(trx, id, g.paymentIntentId, g.invoiceId, g.now);
  if (g.email) ctx.giftEmails.add(g.email);
  await ctx.hooks.donationReceived.run(trx, {
    donationId: id,
    month: g.month,
    amountMinor: g.amountMinor,
    currency: g.currency,
    frequency: g.frequency,
    source: 'stripe',
    now: ctx.now,
  });
  if (g.email && refunded < g.amountMinor) {
    const pledge = g.subscriptionId ? await findPledgeBySubscription(trx, g.subscriptionId) : undefined;
    await enqueueMail(
      trx,
      receiptMail({
        to: g.email,
        siteName: ctx.config.siteName,
        siteUrl: ctx.config.siteUrl,
        secretKey: ctx.config.secretKey,
        amountMinor: g.amountMinor,
        currency: g.currency,
        donatedAt: g.donatedAt,
        i18n: ctx.i18n,
        month: g.month,
        frequency: g.frequency,
        method: 'card',
        giftId: id,
        pledgeId: pledge?.id ?? null,
      }),
      ctx.now,
    );
  }
  return new Set([g.month]);
}

/** Applies a refund that arrived before its gift; returns the refunded amount (0 if none). */
async function applyEarlyRefund(
  trx: DB,
  giftId: number,
  paymentIntentId: string | null,
  invoiceId: string | null,
  now: string,
): Promise<number> {
  const refund = await findStripeRefund(trx, { paymentIntentId, invoiceId });
  if (!refund) return 0;
  if (!paymentIntentId) await setGiftPaymentIntent(trx, giftId, refund.paymentIntentId);
  await applyRefundToGift(trx, giftId, refund.amountRefundedMinor, now);
  return refund.amountRefundedMinor;
}
