/** Funding test set-up: the real app configured for Stripe against the fake Stripe server on loopback. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import type { DialectName } from '../../src/db/dialect.js';
import {
  findCampaignByMonth,
  insertCampaign,
  refreshCampaignTotals,
} from '../../src/features/funding/campaign.repo.js';
import type { Clock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from './build-test-app.js';
import type { FakeStripe } from './fake-stripe.js';
import { makeUser } from './factories.js';
import { formSession, type FormSession } from './forms.js';
import type { TestDb } from './test-db.js';
import { WEBHOOK_SECRET } from './stripe-events.js';

export async function createFundingApp(
  dialect: DialectName,
  opts: { fake?: FakeStripe; clock?: Clock; testDb?: TestDb; webhookSecret?: string | null } = {},
): Promise<TestApp> {
  return createTestApp(dialect, {
    clock: opts.clock,
    testDb: opts.testDb,
    config: {
      stripeSecretKey: opts.fake?.apiKey,
      stripeApiBase: opts.fake?.url,
      stripeWebhookSecret: opts.webhookSecret === null ? undefined : (opts.webhookSecret ?? WEBHOOK_SECRET),
    },
  });
}

export async function makeCampaign(
  db: Kysely<Database>,
  c: { month: string; goalMinor: number; currency: string; ticks?: number[]; message?: string },
): Promise<void> {
  const now = new Date().toISOString();
  await insertCampaign(db, {
    month: c.month,
    goalMinor: c.goalMinor,
    currency: c.currency,
    ticks: c.ticks ?? [0, c.goalMinor],
    message: c.message ?? null,
    now,
  });
  await refreshCampaignTotals(db, c.month, now);
}

export async function raised(db: Kysely<Database>, month: string): Promise<{ raisedMinor: number; giftCount: number }> {
  const c = await findCampaignByMonth(db, month);
  if (!c) throw new Error(`no campaign for ${month}`);
  return { raisedMinor: c.raisedMinor, giftCount: c.giftCount };
}

export async function signedInAs(t: TestApp, role: 'publisher' | 'editor' | 'reader'): Promise<FormSession> {
  const user = await makeUser(t.deps.db.kysely, { role });
  const s = await formSession(t.app, '/login');
  const res = await s.post('/login', { email: user.email, password: user.password });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  return s;
}

export async function count(
  db: Kysely<Database>,
  table: 'stripe_events' | 'donations' | 'outbox' | 'stripe_webhook_failures' | 'pledges' | 'audit_log',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
