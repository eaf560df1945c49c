/**
 * A signed-in reader's own account: the name shown beside their comments, and their password. Every
 * change is written to the audit log in its transaction. A password change ends every other session
 * (the usual reason to change it is that it may be known), and the caller opens a fresh one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { hashPassword, verifyPassword } from '../../lib/crypto.js';
import { recordAudit } from '../ops/audit.repo.js';
import { checkNewPassword } from './password.service.js';
import { deleteSessionsOfUser } from './session.repo.js';
import { NAME_MAX } from './signup.service.js';
import { findAccountAuthById, replacePasswordHash } from './staff.repo.js';
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
  const r = await db.selectFrom('users').select(['id', 'display_name', 'email', 'role', 'created_at'])
    .where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst();
  if (!r) throw notFound('account');
  return { id: r.id, name: r.display_name, email: r.email, role: r.role, createdAt: r.created_at };
}

/** Renames the account. Comments already written keep the name they were written under. */
export async function renameOwnAccount(db: DB, now: Date, userId: number, rawName: string): Promise<void> {
  const name = rawName.replace(/\s+/g, ' ').trim();
  if (name === '' || [...name].length > NAME_MAX) {
    throw new AppError('VALIDATION', 'Choose another name; nothing was changed.', { fields: { name: `Enter a name of up to ${NAME_MAX} characters.` } });
  }
  await db.transaction().execute(async (trx) => {
    const before = await loadOwnAccount(trx, userId);
    if (before.name === name) return;
    await trx.updateTable('users').set({ display_name: name }).where('id', '=', userId).execute();
    await recordAudit(trx, { actorUserId: userId, action: 'account.rename', subjectType: 'user', subjectId: userId, before: { name: before.name }, after: { name } }, now);
  });
}

/**
 * Replaces the password after checking the current one. Ends every session of the account; returns
 * the e-mail so the caller can sign the reader in again on this device.
 */
export async function changeOwnPassword(db: DB, now: Date, userId: number, input: { current: string; password: string; confirm: string }): Promise<{ email: string }> {
  const account = await findAccountAuthById(db, userId);
  if (!account || account.disabled) throw notFound('account');
  if (!(await verifyPassword(input.current, account.passwordHash))) {
    throw new AppError('VALIDATION', 'Your current password is not right; nothing was changed.', { fields: { current: 'Check your current password.' } });
  }
  checkNewPassword(input.password, input.confirm, account.email);
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    // The compare-and-set on the old hash: a concurrent reset or change wins, this one fails clearly.
    if (!(await replacePasswordHash(trx, userId, account.passwordHash, hash))) {
      throw new AppError('CONFLICT', 'Your password was changed elsewhere a moment ago. Sign in again and retry.');
    }
    await deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, { actorUserId: userId, action: 'account.password_change', subjectType: 'user', subjectId: userId }, now);
  });
  return { email: account.email };
}
