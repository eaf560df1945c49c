/**
 * Readers create their own accounts. The address is proven before the account can be used: sign-up
 * makes an account without a password and mails a signed link to choose one (the same link machinery
 * as invitations and resets, purpose `signup`). Until the link is used nobody can sign in to it.
 *
 * The form never reveals whether an address has an account: every valid request gets the same answer,
 * and the mail says what fits the address (a link to finish signing up, or "you already have an
 * account" with a reset link). One such mail per address per RESET_MAIL_INTERVAL_MS, however many
 * requests come, and at most SIGNUPS_PER_INBOX_PER_DAY new accounts per inbox (`ann+1@…`, `ann+2@…` are
 * one inbox), so the form cannot be used to flood somebody's inbox.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg, type Message } from '../../lib/message.js';
import { loadSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import { iso } from '../../platform/clock.js';
import { hmac } from '../../lib/crypto.js';
import { mailboxOf } from '../../lib/mailbox.js';
import { takeQuota } from '../../platform/mail-quota.repo.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import { LINK_LIFETIME_MS } from './account-link.js';
import { EMAIL_PATTERN, RESET_MAIL_INTERVAL_MS, accountLinkUrl, safeNext } from './password.service.js';
import { findAccountAuthByEmail, findAccountAuthById, markResetRequested, type AccountAuth } from './staff.repo.js';
import { deleteUnconfirmedReaders, findUnconfirmedReaders, insertUser } from './user.repo.js';

/** The site's name and address, and the key that signs its links. */
type SiteConfig = Pick<Config, 'secretKey' | 'siteUrl' | 'siteName'> &
  Partial<Pick<Config, 'siteTimeZone' | 'siteLocale'>>;

export const NAME_MAX = 80;

/** New accounts (each mails a link) for one inbox per day, all its `+tag` spellings together. */
export const SIGNUPS_PER_INBOX_PER_DAY = 3;

export interface SignupInput {
  name: string;
  email: string;
  /** Where to go after the address is confirmed (a same-site path, e.g. the article being read). */
  next?: string;
}

/** Checks the form; throws VALIDATION with a message per field and changes nothing. */
export function checkSignup(input: SignupInput): { name: string; email: string } {
  const name = input.name.replace(/\s+/g, ' ').trim();
  const email = input.email.trim().toLowerCase();
  const fields: Record<string, Message> = {};
  if (name === '' || [...name].length > NAME_MAX) fields.name = msg('accounts.signup_name_invalid', { max: NAME_MAX });
  if (!EMAIL_PATTERN.test(email) || email.length > 320) fields.email = msg('accounts.email_invalid');
  if (Object.keys(fields).length > 0) throw new AppError('SIGNUP_INVALID', msg('accounts.signup_invalid'), { fields });
  return { name, email };
}

/**
 * Starts a sign-up. A new address gets a reader account without a password and a link to choose one;
 * an address that already has an account gets a mail saying so. Either way the caller shows the same
 * "check your inbox" answer.
 */
export async function requestSignup(ctx: Pick<Deps, 'db' | 'clock' | 'config'>, input: SignupInput): Promise<void> {
  const now = ctx.clock.now();
  const { config } = ctx;
  const { name, email } = checkSignup(input);
  const next = input.next ? safeNext(input.next) : undefined;
  // Two sign-ups of one address at once: the second insert hits the unique e-mail; the first one mails.
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const existing = await findAccountAuthByEmail(trx, email);
      if (existing) return mailExisting(trx, config, now, existing, next);
      // Over the allowance nothing is made: no account that could not be confirmed, no mail.
      if (
        !(await takeQuota(
          trx,
          {
            key: `signup-inbox:${hmac(config.secretKey, mailboxOf(email))}`,
            limit: SIGNUPS_PER_INBOX_PER_DAY,
            windowMs: 86400_000,
          },
          now,
        ))
      )
        return;
      const userId = await insertUser(trx, {
        email,
        displayName: name,
        slug: null,
        role: 'reader',
        passwordHash: null,
        createdAt: iso(now),
      });
      await recordAudit(
        trx,
        { actorUserId: userId, action: 'account.signup', subjectType: 'user', subjectId: userId },
        now,
      );
      const account = (await findAccountAuthById(trx, userId))!;
      await markResetRequested(trx, userId, iso(now));
      await mailSignupLink(trx, config, now, account, next);
    })
    .catch((err: unknown) => {
      if (!isUniqueViolation(err)) throw err;
    });
}

/** The mail for an address that has an account already: finish setting it up, or sign in / reset. */
async function mailExisting(
  db: Kysely<Database>,
  config: SiteConfig,
  now: Date,
  account: AccountAuth,
  next: string | undefined,
): Promise<void> {
  if (account.disabled) return;
  if (account.resetRequestedAt && now.getTime() - Date.parse(account.resetRequestedAt) < RESET_MAIL_INTERVAL_MS) return;
  await markResetRequested(db, account.id, iso(now));
  if (account.passwordHash === null) {
    // Signed up (or was invited) and never chose a password: a fresh link of the same kind.
    if (account.role === 'reader') return mailSignupLink(db, config, now, account, next);
    const link = accountLinkUrl(config, now, 'invite', account);
    const { site, i18n } = await mailLanguage(db, config);
    return void (await enqueueMail(
      db,
      {
        to: account.email,
        kind: 'invite',
        subject: i18n.t('accounts.mail_finish_subject', { site }),
        text: i18n.t('accounts.mail_finish_text', {
          name: account.name,
          days: LINK_LIFETIME_MS.invite / 86400_000,
          link,
        }),
      },
      now,
    ));
  }
  const reset = accountLinkUrl(config, now, 'reset', account);
  const { site, i18n } = await mailLanguage(db, config);
  await enqueueMail(
    db,
    {
      to: account.email,
      kind: 'signup_existing',
      subject: i18n.t('accounts.mail_existing_subject', { site }),
      text: i18n.t('accounts.mail_existing_text', {
        name: account.name,
        site,
        login: `${config.siteUrl}/login`,
        minutes: LINK_LIFETIME_MS.reset / 60_000,
        link: reset,
      }),
    },
    now,
  );
}

async function mailSignupLink(
  db: Kysely<Database>,
  config: SiteConfig,
  now: Date,
  account: AccountAuth,
  next: string | undefined,
): Promise<void> {
  const link = accountLinkUrl(config, now, 'signup', account, next);
  const { site, i18n } = await mailLanguage(db, config);
  await enqueueMail(
    db,
    {
      to: account.email,
      kind: 'signup',
      subject: i18n.t('accounts.mail_signup_subject', { site }),
      text: i18n.t('accounts.mail_signup_text', {
        name: account.name,
        site,
        days: LINK_LIFETIME_MS.signup / 86400_000,
        link,
      }),
    },
    now,
  );
}

/** The site's name and language at the time of sending (mails have no request). */
async function mailLanguage(db: Kysely<Database>, config: SiteConfig) {
  const identity = await loadSiteIdentity(db, config);
  return { site: identity.name, i18n: siteI18n(identity) };
}

/** How long a sign-up waits for its link before the address is forgotten (the link itself lasts 2 days). */
export const UNCONFIRMED_RETENTION_MS = 7 * 86400_000;

/**
 * Forgets reader sign-ups whose link was never used: an address nobody confirmed is not kept. Staff
 * invitations are left alone (the publisher manages those). Bounded batches through the partial index
 * on accounts without a password; safe in several processes at once (a delete is idempotent).
 */
export async function forgetUnconfirmedSignups(db: Kysely<Database>, now: Date, batch = 500): Promise<number> {
  const cutoff = iso(new Date(now.getTime() - UNCONFIRMED_RETENTION_MS));
  const stale = await findUnconfirmedReaders(db, cutoff, batch);
  return deleteUnconfirmedReaders(db, stale);
}
