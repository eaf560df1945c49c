/**
 * The publisher's staff management: invite by e-mail, change roles, disable accounts. Every role change
 * is written to the audit log in the transaction that makes it. Two guards against locking the site out:
 * nobody changes or disables their own account here, and the last active publisher stays a publisher.
 */
import { AppError, notFound } from '../../errors.js';
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
export const ROLE_HELP: Record<Role, string> = {
  reader: 'Reader: no admin access',
  author: 'Author: writes drafts',
  editor: 'Editor: edits, publishes and corrects any article',
  moderator: 'Moderator: keeps the discussion civil',
  publisher: 'Publisher: everything, including staff and settings',
};

const requirePublisher = (actor: StaffActor): void => {
  if (!hasRole(actor.role, 'publisher'))
    throw new AppError('STAFF_PUBLISHER_ONLY', 'Only the publisher manages the staff.');
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
  const fields: Record<string, string> = {};
  if (!EMAIL_PATTERN.test(email) || email.length > 320) fields.email = 'Enter an e-mail address like name@example.org.';
  if (name === '' || name.length > 100) fields.name = 'Enter the name to show in bylines (up to 100 characters).';
  if (!isRole(input.role) || !STAFF_ROLES.includes(input.role)) fields.role = 'Choose a role.';
  if (Object.keys(fields).length > 0)
    throw new AppError('STAFF_INVITE_INVALID', 'Some fields need attention; nobody was invited.', { fields });
  const role = input.role as Role;
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await findAccountAuthByEmail(trx, email);
    if (existing && existing.role !== 'reader') {
      throw new AppError(
        'STAFF_ALREADY_MEMBER',
        `${existing.name} is already on the staff (${existing.role}). Change the role in the list below.`,
        { fields: { email: 'Already on the staff.' } },
      );
    }
    if (existing) {
      await changeRoleIn(trx, now, actor, existing, role);
      await setUserSlugIfMissing(trx, existing.id, await freeSlug(trx, existing.name, now));
      await enqueueMail(
        trx,
        {
          to: existing.email,
          kind: 'staff_role',
          subject: `You are now on the staff of ${ctx.config.siteName}`,
          text: `Hello ${existing.name},\n\nYou now have ${role} access at ${ctx.config.siteName}. Sign in with your usual password:\n\n${ctx.config.siteUrl}/admin\n`,
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
        `${account.name} has already set a password; they can use “Forgot your password?” if needed.`,
      );
    if (account.disabled)
      throw new AppError('STAFF_ACCOUNT_DISABLED', `${account.name}’s account is disabled. Enable it first.`);
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
    throw new AppError('STAFF_ROLE_INVALID', 'Choose a role from the list.', { fields: { role: 'Choose a role.' } });
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
  if (userId === actor.id) throw new AppError('STAFF_DISABLE_SELF', 'You cannot disable your own account.');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const account = await findAccountAuthById(trx, userId);
    if (!account) throw notFound('ACCOUNT_NOT_FOUND', 'account');
    if (disabled && account.role === 'publisher' && !account.disabled && (await countActivePublishers(trx)) <= 1) {
      throw new AppError('LAST_PUBLISHER', 'The site needs at least one active publisher.');
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
    throw new AppError('STAFF_OWN_ROLE', 'You cannot change your own role; another publisher can.', {
      fields: { role: 'Not your own.' },
    });
  if (account.role === role) return;
  if (account.role === 'publisher' && !account.disabled && (await countActivePublishers(db)) <= 1) {
    throw new AppError('LAST_PUBLISHER', 'The site needs at least one active publisher.', {
      fields: { role: 'The last publisher.' },
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
  config: Pick<Config, 'secretKey' | 'siteUrl' | 'siteName'>,
  now: Date,
  account: AccountAuth,
): Promise<void> {
  const link = accountLinkUrl(config, now, 'invite', account);
  await enqueueMail(
    db,
    {
      to: account.email,
      kind: 'invite',
      subject: `You are invited to join ${config.siteName}`,
      text: [
        `Hello ${account.name},`,
        '',
        `You have been invited to the staff of ${config.siteName} as ${account.role}.`,
        `Choose your password here within ${LINK_LIFETIME_MS.invite / 86400_000} days:`,
        '',
        link,
        '',
        'If you were not expecting this, you can ignore this mail.',
      ].join('\n'),
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
