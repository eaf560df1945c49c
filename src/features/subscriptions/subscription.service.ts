/**
 * "Notify of": asking for, confirming and stopping e-mail subscriptions to an article's comments.
 *
 * Invariants:
 * - Nothing but a confirmation mail ever goes to an address before its owner follows the link in it;
 *   an address that unsubscribed must confirm again.
 * - Confirmation mails are limited per address and per IP in the database (mail_quota), so the site
 *   cannot be used to flood an inbox, whatever the number of app processes.
 * - Callers never learn whether an address is known: every request gets the same answer
 *   (`requestSubscription` returns an outcome for logs and tests only; routes must not show it).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { hmac } from '../../lib/crypto.js';
import { msg } from '../../lib/message.js';
import { mailboxOf } from '../../lib/mailbox.js';
import { findUserById } from '../accounts/index.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import type { I18n } from '../../platform/i18n.js';
import { loadSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import { takeQuota } from '../../platform/mail-quota.repo.js';
import { confirmUrl, CONFIRM_TTL_MS, hashConfirmToken, newConfirmToken } from './subscription-links.js';
import { confirmationMail, type MailSite } from './subscription-mail.js';
import {
  clearRequestedKind,
  findSubscribableArticle,
  findSubscription,
  findSubscriptionByTokenHash,
  insertPendingSubscription,
  markConfirmed,
  renewConfirmation,
  setPendingKind,
  SUBSCRIPTION_KINDS,
  type SubscriptionKind,
  type SubscriptionListing,
} from './subscription.repo.js';

type DB = Kysely<Database>;

export { SUBSCRIPTION_KINDS, type SubscriptionKind };

export type SiteConfig = Pick<Config, 'siteUrl' | 'siteName' | 'secretKey'> & {
  siteTimeZone?: string;
  siteLocale?: string;
  /** The site's language for the mail; read from the site identity in the transaction when absent. */
  i18n?: I18n;
  /** The publisher's logo for the HTML part of the mail (src/platform/brand-urls.ts mailLogo). */
  siteLogo?: MailSite['siteLogo'];
};

/** Limits on mail a stranger can cause. Windows are fixed (see quota.repo.ts). */
export const SUBSCRIPTION_LIMITS = {
  /** A second request within this time after a confirmation mail sends nothing new. */
  resendAfterMs: 60 * 60_000,
  /** Confirmation and manage-link mails to one inbox per day, all articles and `+tag` spellings together. */
  perAddressPerDay: 3,
  /** Confirmation and manage-link mails caused from one IP (IPv4) or one /64 (IPv6) per day. */
  perIpPerDay: 20,
} as const;

const DAY_MS = 86400_000;

export interface SubscribeInput {
  articleId: number;
  /** The address to write to; empty for a signed-in reader means the account's address. */
  email: string;
  kind: SubscriptionKind;
  /** The signed-in account asking, if any. */
  userId: number | null;
  /** hmac(SECRET_KEY, client IP), as comments store it. */
  ipHash: string | null;
  /** hashNetwork(SECRET_KEY, client IP): the key of the daily per-network allowance. */
  networkHash: string | null;
}

/** What happened, for logs and tests. Never shown: the reader sees the same answer in every case. */
export type SubscribeOutcome = 'mailed' | 'already-pending' | 'already-confirmed' | 'limited';

const EMAIL_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Trimmed, lower-cased address, or a validation error the form can show. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL_RE.test(email))
    throw new AppError('SUBSCRIBE_EMAIL_INVALID', msg('subscriptions.error_email_invalid'), {
      fields: { email: msg('subscriptions.error_email_field') },
    });
  return email;
}

/**
 * Takes one mail from the inbox's and the network's daily allowance; false when either is used up. The
 * inbox is the address without its `+tag` (mailboxOf), the network an IPv4 address or an IPv6 /64
 * (hashNetwork), so neither varying the address nor rotating IPv6 addresses buys more mail.
 */
export async function takeMailAllowance(
  db: DB,
  secret: string,
  email: string,
  networkHash: string | null,
  now: Date,
): Promise<boolean> {
  // The network first: someone spraying many addresses from one place is stopped before eating their allowances.
  if (
    networkHash &&
    !(await takeQuota(
      db,
      { key: `confirm-net:${networkHash}`, limit: SUBSCRIPTION_LIMITS.perIpPerDay, windowMs: DAY_MS },
      now,
    ))
  )
    return false;
  return takeQuota(
    db,
    {
      key: `confirm-inbox:${hmac(secret, mailboxOf(email))}`,
      limit: SUBSCRIPTION_LIMITS.perAddressPerDay,
      windowMs: DAY_MS,
    },
    now,
  );
}

/**
 * Records a request to be notified and, when allowed, queues the confirmation mail — all in `trx`, so the
 * discussion can call it in the transaction that stores a comment (when its "Notify of" box is ticked).
 * Throws VALIDATION for a malformed address, NOT_FOUND for an unknown or unpublished article,
 * UNPROCESSABLE when the article's comments are closed.
 */
export async function requestSubscription(
  trx: DB,
  input: SubscribeInput,
  site: SiteConfig,
  now: Date,
): Promise<SubscribeOutcome> {
  const account =
    input.userId !== null && input.email.trim() === '' ? await findUserById(trx, input.userId) : undefined;
  const email = normalizeEmail(account?.email ?? input.email);
  const article = await findSubscribableArticle(trx, input.articleId);
  if (!article || !article.published) throw notFound('ARTICLE_NOT_FOUND', 'article');
  if (!article.commentsOpen) throw new AppError('SUBSCRIBE_COMMENTS_CLOSED', msg('subscriptions.error_closed'));

  const existing = await findSubscription(trx, article.id, email);
  const recentlyMailed =
    existing?.confirmSentAt != null &&
    now.getTime() - Date.parse(existing.confirmSentAt) < SUBSCRIPTION_LIMITS.resendAfterMs;
  if (existing?.status === 'confirmed') {
    if (existing.kind === input.kind) {
      if (existing.requestedKind) await clearRequestedKind(trx, existing.id);
      return 'already-confirmed';
    }
    if (existing.requestedKind === input.kind && recentlyMailed) return 'already-pending';
  }
  if (existing?.status === 'pending' && recentlyMailed) {
    // The link already on its way will confirm what was asked last.
    if (existing.kind !== input.kind) await setPendingKind(trx, existing.id, input.kind);
    return 'already-pending';
  }

  // Over the limit nothing changes: an earlier link still works, and no new one is made that could not be sent.
  if (!(await takeMailAllowance(trx, site.secretKey, email, input.networkHash, now))) return 'limited';
  const { token, hash } = newConfirmToken();
  const isChange = existing?.status === 'confirmed';
  if (!existing) {
    const inserted = await insertPendingSubscription(trx, {
      articleId: article.id,
      email,
      userId: input.userId,
      kind: input.kind,
      tokenHash: hash,
      confirmSentAt: now.toISOString(),
      ipHash: input.ipHash,
      createdAt: now.toISOString(),
    });
    // Another request for the same address won the race; its mail is on the way.
    if (inserted === undefined) return 'already-pending';
  } else {
    await renewConfirmation(trx, existing.id, {
      status: isChange ? 'confirmed' : 'pending',
      kind: isChange ? existing.kind : input.kind,
      requestedKind: isChange ? input.kind : null,
      tokenHash: hash,
      confirmSentAt: now.toISOString(),
      ipHash: input.ipHash,
      userId: input.userId,
    });
  }
  const i18n = await mailI18n(trx, site);
  await enqueueMail(
    trx,
    confirmationMail({
      site: { ...site, i18n },
      to: email,
      headline: article.headline,
      articleUrl: `${site.siteUrl}/articles/${article.slug}`,
      kind: input.kind,
      isChange,
      confirmUrl: confirmUrl(site, token),
    }),
    now,
  );
  return 'mailed';
}

/**
 * The language a mail queued in this transaction is written in: the caller's, or the site identity as the
 * publisher saved it last (read now, so a change in /admin/site applies to the next mail of every process).
 */
export async function mailI18n(trx: DB, site: SiteConfig): Promise<I18n> {
  return site.i18n ?? siteI18n(await loadSiteIdentity(trx, site));
}

/** The published article a subscribe page is about (the form, and "check your inbox"). */
export interface SubscriptionPageData {
  articleId: number;
  headline: string;
  slug: string;
}

/** The subscribe pages' article: a published one, else ARTICLE_NOT_FOUND. */
export async function loadSubscriptionPage(
  deps: { db: { kysely: DB } },
  articleId: number,
): Promise<SubscriptionPageData> {
  const article = await findSubscribableArticle(deps.db.kysely, articleId);
  if (!article || !article.published)
    throw new AppError('ARTICLE_NOT_FOUND', msg('subscriptions.error_article_not_found'));
  return { articleId: article.id, headline: article.headline, slug: article.slug };
}

/**
 * The standalone form (POST /subscriptions): a signed-in reader is written to at the account's address,
 * a guest at the address typed. One transaction.
 */
export async function subscribeReader(
  db: DB,
  input: Omit<SubscribeInput, 'userId'> & { viewerId: number | null },
  site: SiteConfig,
  now: Date,
): Promise<SubscribeOutcome> {
  const account = input.viewerId !== null ? await findUserById(db, input.viewerId) : undefined;
  const email = account ? account.email : input.email;
  return db
    .transaction()
    .execute((trx) => requestSubscription(trx, { ...input, email, userId: account?.id ?? null }, site, now));
}

/** What a confirmation link would do, for the page that asks the reader to press the button. */
export interface PendingConfirmation {
  subscription: SubscriptionListing;
  /** The kind the subscription will have once confirmed. */
  kind: SubscriptionKind;
}

/** The request a confirmation token stands for, if it is still usable; otherwise a GONE error with a readable message. */
export async function findPendingConfirmation(db: DB, token: string, now: Date): Promise<PendingConfirmation> {
  const sub =
    token.length >= 16 && token.length <= 200
      ? await findSubscriptionByTokenHash(db, hashConfirmToken(token))
      : undefined;
  const waiting = sub && (sub.status === 'pending' || sub.requestedKind !== null) && sub.confirmSentAt !== null;
  if (!sub || !waiting) throw new AppError('CONFIRM_LINK_USED', msg('subscriptions.error_confirm_used'));
  if (now.getTime() - Date.parse(sub.confirmSentAt!) > CONFIRM_TTL_MS) {
    throw new AppError('CONFIRM_LINK_EXPIRED', msg('subscriptions.error_confirm_expired'));
  }
  return { subscription: sub, kind: sub.requestedKind ?? sub.kind };
}

/** Confirms the subscription a token stands for. The token cannot be used again afterwards. */
export async function confirmSubscription(trx: DB, token: string, now: Date): Promise<PendingConfirmation> {
  const pending = await findPendingConfirmation(trx, token, now);
  await markConfirmed(trx, pending.subscription.id, {
    kind: pending.kind,
    deadTokenHash: newConfirmToken().hash,
    now: now.toISOString(),
    wasConfirmed: pending.subscription.status === 'confirmed',
  });
  return pending;
}
