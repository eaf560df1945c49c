/**
 * Subscriptions: one row per (article, address). Addresses are stored trimmed and lower-cased; they are
 * private and never leave the server except in the mail sent to them.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { SubscriptionTable } from './subscription.table.js';

type DB = Kysely<Database>;

/** all: every new approved comment on the article; replies: only replies to the subscriber's own comments. */
export type SubscriptionKind = 'all' | 'replies';
export const SUBSCRIPTION_KINDS: readonly SubscriptionKind[] = ['all', 'replies'];

/** pending: waiting for the double opt-in; confirmed: receives digests; unsubscribed: receives nothing until confirmed again. */
export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

export interface Subscription {
  id: number;
  articleId: number;
  /** Private: only ever used to address mail and to match the subscriber's own comments. */
  email: string;
  userId: number | null;
  kind: SubscriptionKind;
  /** A change of kind waiting for its confirmation link. */
  requestedKind: SubscriptionKind | null;
  status: SubscriptionStatus;
  createdAt: string;
  confirmedAt: string | null;
  /** When the last confirmation mail was queued; null when none was (limit reached). */
  confirmSentAt: string | null;
  lastNotifiedAt: string | null;
}

/** A subscription with what a reader needs to recognize it. */
export interface SubscriptionListing extends Subscription {
  headline: string;
  slug: string;
}

/** The article facts subscribing needs. */
export interface SubscribableArticle {
  id: number;
  slug: string;
  headline: string;
  published: boolean;
  commentsOpen: boolean;
}

type Row = Selectable<SubscriptionTable>;

function toSubscription(r: Row): Subscription {
  return {
    id: r.id,
    articleId: r.article_id!,
    email: r.email,
    userId: r.user_id,
    kind: r.kind,
    requestedKind: r.requested_kind,
    status: r.status,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    confirmSentAt: r.confirm_sent_at,
    lastNotifiedAt: r.last_notified_at,
  };
}

export async function findSubscribableArticle(db: DB, articleId: number): Promise<SubscribableArticle | undefined> {
  const r = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'status', 'comments_open'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        published: r.status === 'published',
        commentsOpen: r.comments_open === 1,
      }
    : undefined;
}

export async function findSubscription(db: DB, articleId: number, email: string): Promise<Subscription | undefined> {
  const r = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('email', '=', email)
    .executeTakeFirst();
  return r ? toSubscription(r) : undefined;
}

export async function findSubscriptionById(db: DB, id: number): Promise<SubscriptionListing | undefined> {
  const r = await db
    .selectFrom('subscriptions')
    .innerJoin('articles', 'articles.id', 'subscriptions.article_id')
    .selectAll('subscriptions')
    .select(['articles.headline', 'articles.slug'])
    .where('subscriptions.id', '=', id)
    .executeTakeFirst();
  return r ? { ...toSubscription(r), headline: r.headline, slug: r.slug } : undefined;
}

export async function findSubscriptionByTokenHash(db: DB, tokenHash: string): Promise<SubscriptionListing | undefined> {
  const r = await db
    .selectFrom('subscriptions')
    .innerJoin('articles', 'articles.id', 'subscriptions.article_id')
    .selectAll('subscriptions')
    .select(['articles.headline', 'articles.slug'])
    .where('subscriptions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r ? { ...toSubscription(r), headline: r.headline, slug: r.slug } : undefined;
}

export interface NewSubscription {
  articleId: number;
  email: string;
  userId: number | null;
  kind: SubscriptionKind;
  tokenHash: string;
  confirmSentAt: string | null;
  ipHash: string | null;
  createdAt: string;
}

/** Inserts a pending subscription; undefined when one for this article and address appeared meanwhile. */
export async function insertPendingSubscription(db: DB, s: NewSubscription): Promise<number | undefined> {
  const row = await db
    .insertInto('subscriptions')
    .values({
      article_id: s.articleId,
      email: s.email,
      user_id: s.userId,
      kind: s.kind,
      status: 'pending',
      token_hash: s.tokenHash,
      confirm_sent_at: s.confirmSentAt,
      ip_hash: s.ipHash,
      created_at: s.createdAt,
    })
    .onConflict((oc) => oc.columns(['article_id', 'email']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Starts a new confirmation round: for a pending or unsubscribed row it asks for `kind`; for a confirmed one it records `requestedKind`. */
export async function renewConfirmation(
  db: DB,
  id: number,
  r: {
    status: SubscriptionStatus;
    kind: SubscriptionKind;
    requestedKind: SubscriptionKind | null;
    tokenHash: string;
    confirmSentAt: string;
    ipHash: string | null;
    userId: number | null;
  },
): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set((eb) => ({
      status: r.status,
      kind: r.kind,
      requested_kind: r.requestedKind,
      token_hash: r.tokenHash,
      confirm_sent_at: r.confirmSentAt,
      ip_hash: r.ipHash,
      user_id: r.userId ?? eb.ref('user_id'),
    }))
    .where('id', '=', id)
    .execute();
}

/** Changes what a pending request asks for (no new mail: its link will confirm the new kind). */
export async function setPendingKind(db: DB, id: number, kind: SubscriptionKind): Promise<void> {
  await db.updateTable('subscriptions').set({ kind }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Withdraws a change of kind that was waiting for confirmation. */
export async function clearRequestedKind(db: DB, id: number): Promise<void> {
  await db.updateTable('subscriptions').set({ requested_kind: null }).where('id', '=', id).execute();
}

/**
 * Applies a confirmation: the subscription becomes confirmed with `kind`, and the token is replaced by
 * the hash of a fresh random value so the link cannot be used again (e.g. after a later unsubscribe).
 */
export async function markConfirmed(
  db: DB,
  id: number,
  c: { kind: SubscriptionKind; deadTokenHash: string; now: string; wasConfirmed: boolean },
): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set((eb) => ({
      status: 'confirmed',
      kind: c.kind,
      requested_kind: null,
      token_hash: c.deadTokenHash,
      unsubscribed_at: null,
      confirmed_at: c.wasConfirmed ? eb.ref('confirmed_at') : c.now,
    }))
    .where('id', '=', id)
    .execute();
}

/** Stops a subscription and drops what was waiting for its next digest. True when it was not already stopped. */
export async function markUnsubscribed(db: DB, id: number, now: string): Promise<boolean> {
  const res = await db
    .updateTable('subscriptions')
    .set({ status: 'unsubscribed', requested_kind: null, unsubscribed_at: now })
    .where('id', '=', id)
    .where('status', '!=', 'unsubscribed')
    .executeTakeFirst();
  await db.deleteFrom('notification_queue').where('subscription_id', '=', id).execute();
  return Number(res.numUpdatedRows) > 0;
}

export async function setConfirmedKind(db: DB, id: number, kind: SubscriptionKind): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({ kind, requested_kind: null })
    .where('id', '=', id)
    .where('status', '=', 'confirmed')
    .execute();
}

/** Every live (pending or confirmed) subscription of an address, or of an account, newest first. */
export async function listSubscriptionsOf(
  db: DB,
  who: { email: string; userId?: number },
): Promise<SubscriptionListing[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .innerJoin('articles', 'articles.id', 'subscriptions.article_id')
    .selectAll('subscriptions')
    .select(['articles.headline', 'articles.slug'])
    .where((eb) =>
      who.userId !== undefined
        ? eb.or([eb('subscriptions.email', '=', who.email), eb('subscriptions.user_id', '=', who.userId)])
        : eb('subscriptions.email', '=', who.email),
    )
    .where('subscriptions.status', '!=', 'unsubscribed')
    .orderBy('subscriptions.created_at', 'desc')
    .orderBy('subscriptions.id', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...toSubscription(r), headline: r.headline, slug: r.slug }));
}

/** The newest confirmed subscription of an address (anchor of a manage link), if any. */
export async function findLatestConfirmedOf(db: DB, email: string): Promise<Subscription | undefined> {
  const r = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('email', '=', email)
    .where('status', '=', 'confirmed')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r ? toSubscription(r) : undefined;
}

/**
 * Forgets requests never confirmed and subscriptions stopped before `before`: they only hold an address
 * someone typed or that no longer wants mail. (An unsubscribe link to a forgotten row says "not subscribed".)
 */
export async function deleteStaleSubscriptions(db: DB, before: string): Promise<number> {
  const res = await db
    .deleteFrom('subscriptions')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb(eb.fn.coalesce('confirm_sent_at', 'created_at'), '<', before)]),
        eb.and([eb('status', '=', 'unsubscribed'), eb('unsubscribed_at', '<', before)]),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Forgets every subscription of a deleted account: those it made signed in and those to its address. */
export async function deleteSubscriptionsOf(db: DB, who: { userId: number; email: string }): Promise<void> {
  await db
    .deleteFrom('subscriptions')
    .where((eb) => eb.or([eb('user_id', '=', who.userId), eb('email', '=', who.email)]))
    .execute();
}
