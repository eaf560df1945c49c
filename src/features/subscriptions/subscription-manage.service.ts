/**
 * Stopping and managing subscriptions: from the one-click link in every notification (no login), from
 * the signed manage link (every subscription of that address), or from a signed-in reader's account.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import { findUserById } from '../accounts/index.js';
import { manageUrl, verifyManageToken, verifyUnsubscribeToken } from './subscription-links.js';
import { manageLinkMail } from './subscription-mail.js';
import {
  findLatestConfirmedOf,
  findSubscriptionById,
  listSubscriptionsOf,
  markUnsubscribed,
  setConfirmedKind,
  type SubscriptionKind,
  type SubscriptionListing,
} from './subscription.repo.js';
import { mailI18n, normalizeEmail, takeMailAllowance, type SiteConfig } from './subscription.service.js';

type DB = Kysely<Database>;

const invalidUnsubscribe = () => new AppError('UNSUBSCRIBE_LINK_INVALID', msg('subscriptions.error_unsubscribe_link'));

/**
 * The subscription an unsubscribe token names, for the page with the one-click button; null when the
 * link is genuine but the subscription has since been forgotten (nothing left to stop).
 */
export async function findByUnsubscribeToken(
  db: DB,
  secret: string,
  token: string,
): Promise<SubscriptionListing | null> {
  const id = verifyUnsubscribeToken(secret, token);
  if (id === null) throw invalidUnsubscribe();
  return (await findSubscriptionById(db, id)) ?? null;
}

/**
 * Stops the subscription an unsubscribe token names (RFC 8058 one-click, or the button on the page).
 * Idempotent: a second click, or a mail client's automatic retry, changes nothing and succeeds.
 */
export async function unsubscribeByToken(
  trx: DB,
  secret: string,
  token: string,
  now: Date,
): Promise<SubscriptionListing | null> {
  const sub = await findByUnsubscribeToken(trx, secret, token);
  if (!sub) return null;
  await markUnsubscribed(trx, sub.id, now.toISOString());
  return { ...sub, status: 'unsubscribed', requestedKind: null };
}

/** The address a manage token opens, with its live subscriptions. */
export interface ManageView {
  /** The subscription the link was made for; every subscription of the same address is shown. */
  anchorId: number;
  subscriptions: SubscriptionListing[];
}

async function anchorOfManageToken(db: DB, secret: string, token: string, now: Date): Promise<SubscriptionListing> {
  const check = verifyManageToken(secret, token, now);
  if (!check.ok) {
    throw new AppError(
      'MANAGE_LINK_INVALID',
      msg(
        check.reason === 'expired'
          ? 'subscriptions.error_manage_link_expired'
          : 'subscriptions.error_manage_link_invalid',
      ),
    );
  }
  const anchor = await findSubscriptionById(db, check.subscriptionId);
  if (!anchor) throw new AppError('MANAGE_LINK_EMPTY', msg('subscriptions.error_manage_link_empty'));
  return anchor;
}

export async function loadManageView(db: DB, secret: string, token: string, now: Date): Promise<ManageView> {
  const anchor = await anchorOfManageToken(db, secret, token, now);
  return { anchorId: anchor.id, subscriptions: await listSubscriptionsOf(db, { email: anchor.email }) };
}

export type ManageAction = 'remove' | 'all' | 'replies';

/**
 * Changes one subscription of the address a manage token (or a signed-in account) stands for. A change
 * of kind needs no new confirmation: whoever holds this link has shown they read that mailbox.
 */
async function applyAction(trx: DB, sub: SubscriptionListing, action: ManageAction, now: Date): Promise<void> {
  if (action === 'remove') await markUnsubscribed(trx, sub.id, now.toISOString());
  else if (sub.status === 'confirmed') await setConfirmedKind(trx, sub.id, action satisfies SubscriptionKind);
  else throw new AppError('SUBSCRIPTION_NOT_CONFIRMED', msg('subscriptions.error_not_confirmed'));
}

export async function manageByToken(
  trx: DB,
  secret: string,
  input: { token: string; subscriptionId: number; action: ManageAction },
  now: Date,
): Promise<SubscriptionListing> {
  const anchor = await anchorOfManageToken(trx, secret, input.token, now);
  const sub = await findSubscriptionById(trx, input.subscriptionId);
  if (!sub || sub.email !== anchor.email) throw notFound('SUBSCRIPTION_NOT_FOUND', 'subscription');
  await applyAction(trx, sub, input.action, now);
  return sub;
}

/** Everything a signed-in reader is subscribed to: by account, or by the account's address. */
export async function listAccountSubscriptions(db: DB, userId: number): Promise<SubscriptionListing[]> {
  const user = await findUserById(db, userId);
  if (!user) return [];
  return listSubscriptionsOf(db, { email: user.email.toLowerCase(), userId });
}

export async function manageForAccount(
  trx: DB,
  userId: number,
  input: { subscriptionId: number; action: ManageAction },
  now: Date,
): Promise<SubscriptionListing> {
  const user = await findUserById(trx, userId);
  const sub = await findSubscriptionById(trx, input.subscriptionId);
  if (!user || !sub || (sub.userId !== userId && sub.email !== user.email.toLowerCase()))
    throw notFound('SUBSCRIPTION_NOT_FOUND', 'subscription');
  await applyAction(trx, sub, input.action, now);
  return sub;
}

/**
 * Mails a fresh manage link to an address that has a confirmed subscription; for any other address it
 * does nothing, and the caller answers the same either way. Counts against the same daily allowance as
 * confirmation mails.
 */
export async function requestManageLink(
  trx: DB,
  site: SiteConfig,
  input: { email: string; networkHash: string | null },
  now: Date,
): Promise<'mailed' | 'unknown' | 'limited'> {
  const email = normalizeEmail(input.email);
  const anchor = await findLatestConfirmedOf(trx, email);
  if (!anchor) return 'unknown';
  if (!(await takeMailAllowance(trx, site.secretKey, email, input.networkHash, now))) return 'limited';
  const i18n = await mailI18n(trx, site);
  await enqueueMail(
    trx,
    manageLinkMail({ site: { ...site, i18n }, to: email, manageUrl: manageUrl(site, anchor.id, now) }),
    now,
  );
  return 'mailed';
}
