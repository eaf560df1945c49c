/** Monthly pledges (Stripe subscriptions). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PledgeRow } from './funding.table.js';
import type { DonorChoices, Pledge } from './donation.types.js';

type DB = Kysely<Database>;

const toPledge = (r: PledgeRow): Pledge => ({
  id: r.id,
  stripeSubscriptionId: r.stripe_subscription_id,
  stripeCustomerId: r.stripe_customer_id,
  donorEmail: r.donor_email,
  amountMinor: r.amount_minor,
  currency: r.currency,
  status: r.status,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

export async function findPledgeById(db: DB, id: number): Promise<Pledge | undefined> {
  const row = await db.selectFrom('pledges').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPledge(row) : undefined;
}

/** A pledge with the donor's wall choices; `hasChoices` is false while no event (or the publisher) has set them. */
export async function findPledgeBySubscription(
  db: DB,
  subscriptionId: string,
): Promise<(Pledge & { donor: DonorChoices; hasChoices: boolean }) | undefined> {
  const row = await db
    .selectFrom('pledges')
    .selectAll()
    .where('stripe_subscription_id', '=', subscriptionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const hasChoices = row.public_name !== null || row.public_message !== null || row.wall_consent === 1;
  return {
    ...toPledge(row),
    donor: {
      publicName: row.public_name || null,
      publicMessage: row.public_message,
      wallConsent: row.wall_consent === 1,
      badge: false,
    },
    hasChoices,
  };
}

export interface PledgeFacts {
  subscriptionId: string;
  customerId: string | null;
  email: string | null;
  amountMinor: number | null;
  currency: string | null;
  donor: DonorChoices | null;
  /** When the event says the pledge ended. */
  endedAt: string | null;
  at: string;
}

/**
 * Records what an event says about a pledge, whatever order events arrive in: creates the row if needed,
 * fills in missing facts, takes the amount of the newest payment, and ends it when told. `ended` is never
 * undone by a later event.
 */
export async function upsertPledge(db: DB, f: PledgeFacts): Promise<void> {
  await db
    .insertInto('pledges')
    .values({
      stripe_subscription_id: f.subscriptionId,
      stripe_customer_id: f.customerId,
      donor_email: f.email?.toLowerCase() ?? null,
      amount_minor: f.amountMinor ?? 0,
      currency: f.currency ?? '',
      status: f.endedAt ? 'ended' : 'active',
      public_name: f.donor?.publicName ?? null,
      public_message: f.donor?.publicMessage ?? null,
      wall_consent: f.donor?.wallConsent ? 1 : 0,
      started_at: f.at,
      ended_at: f.endedAt,
      created_at: f.at,
      updated_at: f.at,
    })
    .onConflict((oc) => oc.column('stripe_subscription_id').doNothing())
    .execute();
  const row = await db
    .selectFrom('pledges')
    .selectAll()
    .where('stripe_subscription_id', '=', f.subscriptionId)
    .executeTakeFirstOrThrow();
  const hasChoices = row.public_name !== null || row.public_message !== null || row.wall_consent === 1;
  await db
    .updateTable('pledges')
    .set({
      stripe_customer_id: row.stripe_customer_id ?? f.customerId,
      donor_email: row.donor_email ?? f.email?.toLowerCase() ?? null,
      // The newest payment sets the amount (a donor may change it in Stripe's portal); an older event
      // arriving late only fills a gap. updated_at is the time of the newest event applied.
      ...(f.amountMinor && f.currency && f.at >= row.updated_at
        ? { amount_minor: f.amountMinor, currency: f.currency }
        : { amount_minor: row.amount_minor || f.amountMinor || 0, currency: row.currency || f.currency || '' }),
      ...(f.donor && !hasChoices
        ? {
            public_name: f.donor.publicName,
            public_message: f.donor.publicMessage,
            wall_consent: f.donor.wallConsent ? 1 : 0,
          }
        : {}),
      started_at: f.at < row.started_at && !f.endedAt ? f.at : row.started_at,
      ...(f.endedAt ? { status: 'ended' as const, ended_at: row.ended_at ?? f.endedAt } : {}),
      updated_at: f.at > row.updated_at ? f.at : row.updated_at,
    })
    .where('id', '=', row.id)
    .execute();
}

export async function listActivePledgesByEmail(db: DB, email: string): Promise<Pledge[]> {
  const rows = await db
    .selectFrom('pledges')
    .selectAll()
    .where('donor_email', '=', email.toLowerCase())
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map(toPledge);
}

export async function countActivePledges(db: DB): Promise<number> {
  const row = await db
    .selectFrom('pledges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
