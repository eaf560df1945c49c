/**
 * Setting a password through a signed link: the "forgot your password" mail and the staff invitation
 * both end here. Mail goes through the outbox in the transaction that decides to send it.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg, type Message } from '../../lib/message.js';
import { loadSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import { iso } from '../../platform/clock.js';
import { hashPassword } from '../../lib/crypto.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import {
  LINK_LIFETIME_MS,
  parseAccountLink,
  signAccountLink,
  verifyAccountLink,
  type LinkPurpose,
} from './account-link.js';
import { deleteSessionsOfUser } from './session.repo.js';
import {
  findAccountAuthByEmail,
  findAccountAuthById,
  markResetRequested,
  replacePasswordHash,
  type AccountAuth,
} from './staff.repo.js';

/** What the account services that mail a signed link use from the context. */
type AccountCtx = Pick<Deps, 'db' | 'clock' | 'config'>;

/** One reset mail per account per this interval, however many people ask. */
export const RESET_MAIL_INTERVAL_MS = 5 * 60_000;
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

/** The address of the page where a link's owner chooses a password. */
export function accountLinkUrl(
  config: Pick<Config, 'secretKey' | 'siteUrl'>,
  now: Date,
  purpose: LinkPurpose,
  account: AccountAuth,
  next?: string,
): string {
  const url = `${config.siteUrl}/password/reset?token=${signAccountLink(config.secretKey, purpose, account.id, account, now)}`;
  return next ? `${url}&next=${encodeURIComponent(next)}` : url;
}

/** Only same-site paths are followed after signing in (no open redirect). */
export const safeNext = (next: string | undefined): string =>
  next && next.length <= 2000 && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';

/**
 * Queues a reset link when the address belongs to an active account. Says nothing either way (the
 * page shows the same answer), so the form does not reveal who has an account.
 */
export async function requestPasswordReset(ctx: AccountCtx, rawEmail: string): Promise<void> {
  const now = ctx.clock.now();
  const email = rawEmail.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(email)) {
    throw new AppError('PASSWORD_RESET_EMAIL_INVALID', msg('accounts.reset_email_invalid'), {
      fields: { email: msg('accounts.email_invalid') },
    });
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await findAccountAuthByEmail(trx, email);
    if (!account || account.disabled) return;
    if (account.resetRequestedAt && now.getTime() - Date.parse(account.resetRequestedAt) < RESET_MAIL_INTERVAL_MS)
      return;
    await markResetRequested(trx, account.id, iso(now));
    const link = accountLinkUrl(ctx.config, now, 'reset', account);
    // In the site's language at the time of sending.
    const site = await loadSiteIdentity(trx, ctx.config);
    const i18n = siteI18n(site);
    await enqueueMail(
      trx,
      {
        to: account.email,
        kind: 'password_reset',
        subject: i18n.t('accounts.mail_reset_subject', { site: site.name }),
        text: i18n.t('accounts.mail_reset_text', {
          name: account.name,
          site: site.name,
          minutes: LINK_LIFETIME_MS.reset / 60_000,
          link,
        }),
      },
      now,
    );
  });
}

const AUDIT_ACTION: Record<LinkPurpose, string> = {
  invite: 'account.invite_accept',
  signup: 'account.signup_confirm',
  reset: 'account.password_reset',
};

const invalidLink = (): AppError => new AppError('PASSWORD_LINK_EXPIRED', msg('accounts.link_expired'));

/** The account a link is for, if the link is genuine, unexpired and unused. */
export async function checkAccountLink(
  ctx: AccountCtx,
  token: string,
): Promise<{ account: AccountAuth; purpose: LinkPurpose }> {
  return linkedAccount(ctx.db.kysely, ctx.config.secretKey, ctx.clock.now(), token);
}

async function linkedAccount(
  db: Kysely<Database>,
  secretKey: string,
  now: Date,
  token: string,
): Promise<{ account: AccountAuth; purpose: LinkPurpose }> {
  const link = parseAccountLink(token);
  if (!link) throw invalidLink();
  const account = await findAccountAuthById(db, link.userId);
  if (!account || account.disabled || !verifyAccountLink(secretKey, link, account, now)) throw invalidLink();
  return { account, purpose: link.purpose };
}

export function checkNewPassword(password: string, confirm: string, email: string): void {
  const fields: Record<string, Message> = {};
  if (password.length < PASSWORD_MIN) fields.password = msg('accounts.password_too_short', { min: PASSWORD_MIN });
  else if (password.length > PASSWORD_MAX) fields.password = msg('accounts.password_too_long', { max: PASSWORD_MAX });
  else if (password.trim().toLowerCase() === email.toLowerCase()) fields.password = msg('accounts.password_is_email');
  else if (password !== confirm) fields.confirm = msg('accounts.password_mismatch');
  if (Object.keys(fields).length > 0)
    throw new AppError('PASSWORD_INVALID', msg('accounts.password_invalid'), { fields });
}

/**
 * Sets the password a link allows and ends every session of the account (a reset usually means the
 * old password is not safe). The link is spent: the stored hash it was signed against is gone.
 */
export async function setPasswordWithLink(
  ctx: AccountCtx,
  token: string,
  password: string,
  confirm: string,
): Promise<{ email: string; purpose: LinkPurpose }> {
  const now = ctx.clock.now();
  const { secretKey } = ctx.config;
  const { account } = await linkedAccount(ctx.db.kysely, secretKey, now, token);
  checkNewPassword(password, confirm, account.email);
  const hash = await hashPassword(password);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { account: current, purpose } = await linkedAccount(trx, secretKey, now, token);
    if (!(await replacePasswordHash(trx, current.id, current.passwordHash, hash))) throw invalidLink();
    await deleteSessionsOfUser(trx, current.id);
    await recordAudit(
      trx,
      { actorUserId: current.id, action: AUDIT_ACTION[purpose], subjectType: 'user', subjectId: current.id },
      now,
    );
    return { email: current.email, purpose };
  });
}
