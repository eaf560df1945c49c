/** Webhook bookkeeping: which Stripe events were applied, and which deliveries failed. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type DB = Kysely<Database>;

/** Failures kept for the health panel; older ones are pruned on insert. */
const KEEP_FAILURES = 200;

/**
 * Claims an event id inside the transaction that applies it. Returns false when the id is already stored:
 * the event was applied before, or is being applied right now by another process (on PostgreSQL this
 * INSERT waits for that transaction; if it commits, the conflict makes this a no-op; if it rolls back,
 * this one claims the id and applies the event).
 */
export async function claimStripeEvent(db: DB, e: { id: string; type: string; now: string }): Promise<boolean> {
  const row = await db
    .insertInto('stripe_events')
    .values({ id: e.id, type: e.type, received_at: e.now, processed_at: e.now, error: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Failures alike within this time are one row with a count. */
const REPEAT_WINDOW_MS = 60 * 60_000;

/**
 * Records a failed delivery. One like it (same event, or both unverified, and the same reason) in the last
 * hour is counted on that row instead, so a flood of unsigned requests is one line on the health page and
 * a real event's failure stays in view. Two processes recording at once may make two rows; nothing is lost.
 */
export async function recordWebhookFailure(
  db: DB,
  f: { eventId: string | null; eventType: string | null; reason: string; now: string },
): Promise<void> {
  const reason = f.reason.slice(0, 500);
  const since = new Date(Date.parse(f.now) - REPEAT_WINDOW_MS).toISOString();
  const bumped = await db
    .updateTable('stripe_webhook_failures')
    .set((eb) => ({ repeats: eb(eb.ref('repeats'), '+', 1), last_received_at: f.now }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('stripe_webhook_failures')
        .select('id')
        .where('last_received_at', '>=', since)
        .where('reason', '=', reason)
        .where('event_id', f.eventId === null ? 'is' : '=', f.eventId)
        .orderBy('last_received_at', 'desc')
        .limit(1),
    )
    .executeTakeFirst();
  if (Number(bumped.numUpdatedRows) > 0) return;
  const { id } = await db
    .insertInto('stripe_webhook_failures')
    .values({
      received_at: f.now,
      last_received_at: f.now,
      event_id: f.eventId,
      event_type: f.eventType,
      reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (id % 50 === 0)
    await db
      .deleteFrom('stripe_webhook_failures')
      .where('id', '<=', id - KEEP_FAILURES)
      .execute();
}

export interface WebhookHealth {
  lastEvent: { id: string; type: string; receivedAt: string } | null;
  eventsLast24h: number;
  /** Failed deliveries (repeats included) counted on rows last seen in the period. */
  failuresLast24h: number;
  recentFailures: Array<{
    receivedAt: string;
    lastReceivedAt: string;
    repeats: number;
    eventId: string | null;
    eventType: string | null;
    reason: string;
  }>;
}

export async function webhookHealth(db: DB, since: string): Promise<WebhookHealth> {
  const [last, events, failures, recent] = await Promise.all([
    db
      .selectFrom('stripe_events')
      .select(['id', 'type', 'received_at'])
      .orderBy('received_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('stripe_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('received_at', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('stripe_webhook_failures')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('repeats'), eb.lit(0)).as('n'))
      .where('last_received_at', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('stripe_webhook_failures')
      .selectAll()
      .orderBy('last_received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
  ]);
  return {
    lastEvent: last ? { id: last.id, type: last.type, receivedAt: last.received_at } : null,
    eventsLast24h: Number(events.n),
    failuresLast24h: Number(failures.n),
    recentFailures: recent.map((r) => ({
      receivedAt: r.received_at,
      lastReceivedAt: r.last_received_at,
      repeats: Number(r.repeats),
      eventId: r.event_id,
      eventType: r.event_type,
      reason: r.reason,
    })),
  };
}

/** Records a refund's running total for a payment, keeping the largest total seen (events may arrive out of order). */
export async function upsertStripeRefund(
  db: DB,
  r: {
    paymentIntentId: string;
    invoiceId: string | null;
    chargeId: string;
    amountRefundedMinor: number;
    currency: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('stripe_refunds')
    .values({
      payment_intent_id: r.paymentIntentId,
      invoice_id: r.invoiceId,
      charge_id: r.chargeId,
      amount_refunded_minor: r.amountRefundedMinor,
      currency: r.currency,
      refunded_at: r.now,
      updated_at: r.now,
    })
    .onConflict((oc) =>
      oc.column('payment_intent_id').doUpdateSet((eb) => ({
        amount_refunded_minor: eb
          .case()
          .when(eb.ref('excluded.amount_refunded_minor'), '>', eb.ref('stripe_refunds.amount_refunded_minor'))
          .then(eb.ref('excluded.amount_refunded_minor'))
          .else(eb.ref('stripe_refunds.amount_refunded_minor'))
          .end(),
        invoice_id: eb.fn.coalesce('stripe_refunds.invoice_id', 'excluded.invoice_id'),
        updated_at: r.now,
      })),
    )
    .execute();
}

/** A refund recorded before its gift was known, by the gift's payment intent or invoice. */
export async function findStripeRefund(
  db: DB,
  by: { paymentIntentId: string | null; invoiceId: string | null },
): Promise<{ paymentIntentId: string; amountRefundedMinor: number } | undefined> {
  if (!by.paymentIntentId && !by.invoiceId) return undefined;
  const row = await db
    .selectFrom('stripe_refunds')
    .select(['payment_intent_id', 'amount_refunded_minor'])
    .where((eb) =>
      eb.or([
        ...(by.paymentIntentId ? [eb('payment_intent_id', '=', by.paymentIntentId)] : []),
        ...(by.invoiceId ? [eb('invoice_id', '=', by.invoiceId)] : []),
      ]),
    )
    .orderBy('amount_refunded_minor', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { paymentIntentId: row.payment_intent_id, amountRefundedMinor: row.amount_refunded_minor } : undefined;
}
