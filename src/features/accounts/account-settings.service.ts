/**
 * A signed-in reader's own account: the name shown beside their comments, their password, and deleting
 * the account. Every
 * change is written to the audit log in its transaction. A password change ends every other session
 * (the usual reason to change it is that it may be known), and the caller opens a fresh one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { hashPassword, verifyPassword } from '../../lib/crypto.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { dropPendingMailTo } from '../../platform/outbox.repo.js';
import { checkNewPassword } from './password.service.js';
import { deleteSessionsOfUser } from './session.repo.js';
import { NAME_MAX } from './signup.service.js';
import { findAccountAuthById, replacePasswordHash } from './staff.repo.js';
import { deleteUser, findActiveUserById, setDisplayName } from './user.repo.js';
import type { Role } from './user.table.js';

type DB = Kysely<Database>;

export interface OwnAccount {
  id: number;
  name: string;
  /** Shown to the account's owner only, on their own account page. */
  email: string;
  role: Role;
  createdAt: string;
}

export async function loadOwnAccount(db: DB, userId: number): Promise<OwnAccount> {
  const account = await findActiveUserById(db, userId);
  if (!account) throw notFound('ACCOUNT_NOT_FOUND', 'account');
  return account;
}

/** Renames the account. Comments already written keep the name they were written under. */
export async function renameOwnAccount(
  ctx: Pick<Deps, 'db' | 'clock'>,
  userId: number,
  rawName: string,
): Promise<void> {
  const now = ctx.clock.now();
  const name = rawName.replace(/\s+/g, ' ').trim();
  if (name === '' || [...name].length > NAME_MAX) {
    throw new AppError('ACCOUNT_NAME_INVALID', msg('accounts.name_invalid'), {
      fields: { name: msg('accounts.name_invalid_field', { max: NAME_MAX }) },
    });
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadOwnAccount(trx, userId);
    if (before.name === name) return;
    await setDisplayName(trx, userId, name);
    await recordAudit(
      trx,
      {
        actorUserId: userId,
        action: 'account.rename',
        subjectType: 'user',
        subjectId: userId,
        before: { name: before.name },
        after: { name },
      },
      now,
    );
  });
}

/**
 * Replaces the password after checking the current one. Ends every session of the account; returns
 * the e-mail so the caller can sign the reader in again on this device.
 */
export async function changeOwnPassword(
  ctx: Pick<Deps, 'db' | 'clock'>,
  userId: number,
  input: { current: string; password: string; confirm: string },
): Promise<{ email: string }> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const account = await findAccountAuthById(db, userId);
  if (!account || account.disabled) throw notFound('ACCOUNT_NOT_FOUND', 'account');
  if (!(await verifyPassword(input.current, account.passwordHash))) {
    throw new AppError('PASSWORD_CURRENT_WRONG', msg('accounts.password_current_wrong'), {
      fields: { current: msg('accounts.password_current_check') },
    });
  }
  checkNewPassword(input.password, input.confirm, account.email);
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    // The compare-and-set on the old hash: a concurrent reset or change wins, this one fails clearly.
    if (!(await replacePasswordHash(trx, userId, account.passwordHash, hash))) {
      throw new AppError('PASSWORD_CHANGED_ELSEWHERE', msg('accounts.password_changed_elsewhere'));
    }
    await deleteSessionsOfUser(trx, userId);
    await recordAudit(
      trx,
      { actorUserId: userId, action: 'account.password_change', subjectType: 'user', subjectId: userId },
      now,
    );
  });
  return { email: account.email };
}

/**
 * Deletes a reader's account after checking their password. Their comments stay as "Former reader"
 * (or, with `removeComments`, the unanswered ones go to the trash); their e-mail subscriptions and
 * Supporter opt-in go with the account. Donation records stay: they are the newsroom's accounts, and
 * hold no link to the reader's account. Staff accounts are closed by the publisher instead (bylines and
 * the audit log point at them).
 */
export async function deleteOwnAccount(
  ctx: Pick<Deps, 'db' | 'clock' | 'hooks'>,
  userId: number,
  input: { password: string; removeComments: boolean },
): Promise<{ articles: number[] }> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const hooks = ctx.hooks.accounts;
  const account = await findAccountAuthById(db, userId);
  if (!account || account.disabled) throw notFound('ACCOUNT_NOT_FOUND', 'account');
  if (account.role !== 'reader') {
    throw new AppError('ACCOUNT_DELETE_STAFF', msg('accounts.delete_staff'));
  }
  if (!(await verifyPassword(input.password, account.passwordHash))) {
    throw new AppError('ACCOUNT_DELETE_PASSWORD_WRONG', msg('accounts.delete_password_wrong'), {
      fields: { delete_password: msg('accounts.delete_password_check') },
    });
  }
  return db.transaction().execute(async (trx) => {
    // Comments, subscriptions and the Supporter opt-in belong to their features: each forgets the reader here.
    const effects = await hooks.forgotten.run(trx, {
      userId,
      email: account.email,
      removeComments: input.removeComments,
      now,
    });
    const articles = [...new Set(effects.flatMap((e) => e.articleIds ?? []))];
    // Notifications still waiting in the outbox would reach someone who just left.
    await dropPendingMailTo(trx, account.email);
    // Written before the row goes; the foreign key then clears the actor. No e-mail or name is kept.
    await recordAudit(
      trx,
      {
        actorUserId: userId,
        action: 'account.delete',
        subjectType: 'user',
        subjectId: userId,
        after: { comments: input.removeComments ? 'removed unanswered' : 'kept as Former reader' },
      },
      now,
    );
    await deleteUser(trx, userId);
    return { articles };
  });
}
