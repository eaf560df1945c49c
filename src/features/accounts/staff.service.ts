/**
 * The publisher's staff management: invite by e-mail, change roles, disable accounts. Every role change
 * is written to the audit log in the transaction that makes it. Two guards against locking the site out:
 * nobody changes or disables their own account here, and the last active publisher stays a publisher.
 */
import { AppError, notFound } from '../../errors.js';
import { msg, type Message } from '../../lib/message.js';
import { loadSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import { iso } from '../../platform/clock.js';
import { slugify } from '../../lib/slug.js';
import { hasRole } from '../../platform/roles.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import { LINK_LIFETIME_MS } from './account-link.js';
import { EMAIL_PATTERN, accountLinkUrl } from './password.service.js';
import { deleteSessionsOfUser } from './session.repo.js';
import {
  countActivePublishers,
  findAccountAuthByEmail,
  findAccountAuthById,
  isUserSlugTaken,
  setUserDisabled,
  setUserRole,
  listStaff,
  setUserSlugIfMissing,
  type AccountAuth,
  type StaffMember,
} from './staff.repo.js';
import { ROLES, type Role } from './user.table.js';
import { insertUser } from './user.repo.js';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';

export interface StaffActor {
  id: number;
  role: string;
}

export const STAFF_ROLES: Role[] = ['author', 'editor', 'moderator', 'publisher'];

const requirePublisher = (actor: StaffActor): void => {
  if (!hasRole(actor.role, 'publisher'))
    throw new AppError('STAFF_PUBLISHER_ONLY', msg('accounts.staff_publisher_only'));
};
const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** The staff page's list: every staff account (the publisher only sees the page). */
export async function loadStaffPage(ctx: Pick<Deps, 'db'>): Promise<{ staff: StaffMember[] }> {
  return { staff: await listStaff(ctx.db.kysely) };
}

/**
 * Invites someone to the staff. A new address gets an account without a password and a mail with a
 * link to choose one (valid 7 days); an existing reader account is given the role and told by mail.
 */
export async function inviteStaff(
  ctx: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: StaffActor,
  input: { email: string; name: string; role: string },
): Promise<{ userId: number; invited: boolean }> {
  const now = ctx.clock.now();
  requirePublisher(actor);
  const email = input.email.trim().toLowerCase();
  const name = input.name.replace(/\s+/g, ' ').trim();
  const fields: Record<string, Message> = {};
  if (!EMAIL_PATTERN.test(email) || email.length > 320) fields.email = msg('accounts.email_invalid');
  if (name === '' || name.length > 100) fields.name = msg('accounts.staff_name_invalid');
  if (!isRole(input.role) || !STAFF_ROLES.includes(input.role)) fields.role = msg('accounts.staff_role_choose');
  if (Object.keys(fields).length > 0)
    throw new AppError('STAFF_INVITE_INVALID', msg('accounts.staff_invite_invalid'), { fields });
  const role = input.role as Role;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await findAccountAuthByEmail(trx, email);
    if (existing && existing.role !== 'reader') {
      throw new AppError(
        'STAFF_ALREADY_MEMBER',
        msg('accounts.staff_already_member', { name: existing.name, role: existing.role }),
        { fields: { email: msg('accounts.staff_already_member_field') } },
      );
    }
    if (existing) {
      await changeRoleIn(trx, now, actor, existing, role);
      await setUserSlugIfMissing(trx, existing.id, await freeSlug(trx, existing.name, now));
      const site = await loadSiteIdentity(trx, ctx.config);
      const i18n = siteI18n(site);
      await enqueueMail(
        trx,
        {
          to: existing.email,
          kind: 'staff_role',
          subject: i18n.t('accounts.mail_staff_role_subject', { site: site.name }),
          text: i18n.t('accounts.mail_staff_role_text', {
            name: existing.name,
            role,
            site: site.name,
            link: `${ctx.config.siteUrl}/admin`,
          }),
        },
        now,
      );
      return { userId: existing.id, invited: false };
    }
    const userId = await insertUser(trx, {
      email,
      displayName: name,
      slug: await freeSlug(trx, name, now),
      role,
      passwordHash: null,
      createdAt: iso(now),
    });
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'staff.invite',
        subjectType: 'user',
        subjectId: userId,
        after: { email, name, role },
      },
      now,
    );
    await sendInvite(trx, ctx.config, now, (await findAccountAuthById(trx, userId))!);
    return { userId, invited: true };
  });
}

/** Sends the invitation again (a new link) to someone who has not set a password yet. */
export async function resendInvite(
  ctx: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: StaffActor,
  userId: number,
): Promise<void> {
  const now = ctx.clock.now();
  requirePublisher(actor);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await findAccountAuthById(trx, userId);
    if (!account || account.role === 'reader') throw notFound('STAFF_NOT_FOUND', 'staff member');
    if (account.passwordHash !== null)
      throw new AppError(
        'STAFF_PASSWORD_ALREADY_SET',
        msg('accounts.staff_password_already_set', { name: account.name }),
      );
    if (account.disabled)
      throw new AppError('STAFF_ACCOUNT_DISABLED', msg('accounts.staff_account_disabled', { name: account.name }));
    await recordAudit(
      trx,
      { actorUserId: actor.id, action: 'staff.invite_resend', subjectType: 'user', subjectId: userId },
      now,
    );
    await sendInvite(trx, ctx.config, now, account);
  });
}

/** Changes someone's role (publisher only; never one's own; the last publisher stays). */
export async function changeStaffRole(
  ctx: Pick<Deps, 'db' | 'clock'>,
  actor: StaffActor,
  userId: number,
  role: string,
): Promise<void> {
  const now = ctx.clock.now();
  requirePublisher(actor);
  if (!isRole(role))
    throw new AppError('STAFF_ROLE_INVALID', msg('accounts.staff_role_invalid'), {
      fields: { role: msg('accounts.staff_role_choose') },
    });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await findAccountAuthById(trx, userId);
    if (!account) throw notFound('ACCOUNT_NOT_FOUND', 'account');
    await changeRoleIn(trx, now, actor, account, role);
    if (role !== 'reader') await setUserSlugIfMissing(trx, account.id, await freeSlug(trx, account.name, now));
  });
}

/** Disables (or enables again) a staff account; disabling ends its sessions at once. */
export async function setStaffDisabled(
  ctx: Pick<Deps, 'db' | 'clock'>,
  actor: StaffActor,
  userId: number,
  disabled: boolean,
): Promise<void> {
  const now = ctx.clock.now();
  requirePublisher(actor);
  if (userId === actor.id) throw new AppError('STAFF_DISABLE_SELF', msg('accounts.staff_disable_self'));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await findAccountAuthById(trx, userId);
    if (!account) throw notFound('ACCOUNT_NOT_FOUND', 'account');
    if (disabled && account.role === 'publisher' && !account.disabled && (await countActivePublishers(trx)) <= 1) {
      throw new AppError('LAST_PUBLISHER', msg('accounts.last_publisher'));
    }
    await setUserDisabled(trx, userId, disabled ? iso(now) : null);
    if (disabled) await deleteSessionsOfUser(trx, userId);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: disabled ? 'staff.disable' : 'staff.enable',
        subjectType: 'user',
        subjectId: userId,
        before: { disabled: account.disabled },
        after: { disabled },
      },
      now,
    );
  });
}

async function changeRoleIn(
  db: Kysely<Database>,
  now: Date,
  actor: StaffActor,
  account: AccountAuth,
  role: Role,
): Promise<void> {
  if (account.id === actor.id)
    throw new AppError('STAFF_OWN_ROLE', msg('accounts.staff_own_role'), {
      fields: { role: msg('accounts.staff_own_role_field') },
    });
  if (account.role === role) return;
  if (account.role === 'publisher' && !account.disabled && (await countActivePublishers(db)) <= 1) {
    throw new AppError('LAST_PUBLISHER', msg('accounts.last_publisher'), {
      fields: { role: msg('accounts.last_publisher_field') },
    });
  }
  await setUserRole(db, account.id, role);
  await recordAudit(
    db,
    {
      actorUserId: actor.id,
      action: 'staff.role',
      subjectType: 'user',
      subjectId: account.id,
      before: { role: account.role },
      after: { role },
    },
    now,
  );
}

async function sendInvite(
  db: Kysely<Database>,
  config: Pick<Config, 'secretKey' | 'siteUrl' | 'siteName'> & Partial<Pick<Config, 'siteTimeZone' | 'siteLocale'>>,
  now: Date,
  account: AccountAuth,
): Promise<void> {
  const link = accountLinkUrl(config, now, 'invite', account);
  const site = await loadSiteIdentity(db, config);
  const i18n = siteI18n(site);
  await enqueueMail(
    db,
    {
      to: account.email,
      kind: 'invite',
      subject: i18n.t('accounts.mail_invite_subject', { site: site.name }),
      text: i18n.t('accounts.mail_invite_text', {
        name: account.name,
        site: site.name,
        role: account.role,
        days: LINK_LIFETIME_MS.invite / 86400_000,
        link,
      }),
    },
    now,
  );
}

/** An author-page slug from a name, numbered until free (then made unique by the time). */
async function freeSlug(db: Kysely<Database>, name: string, now: Date): Promise<string> {
  const base = slugify(name, 60);
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await isUserSlugTaken(db, candidate))) return candidate;
  }
  return `${base}-${now.getTime().toString(36)}`;
}
