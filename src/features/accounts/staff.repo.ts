/** Staff accounts as the publisher manages them, and password changes. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Role } from './user.table.js';

type DB = Kysely<Database>;

/** One account on the staff page. The e-mail is shown only to the publisher, on that page. */
export interface StaffMember {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Invited and has not set a password yet. */
  invited: boolean;
  disabled: boolean;
  createdAt: string;
}

/** An account with what links are signed against. */
export interface AccountAuth {
  id: number;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  disabled: boolean;
  resetRequestedAt: string | null;
}

export async function listStaff(db: DB): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'password_hash', 'disabled_at', 'created_at'])
    .where('role', '!=', 'reader')
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.display_name,
    role: r.role,
    invited: r.password_hash === null,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  }));
}

export async function findAccountAuthById(db: DB, id: number): Promise<AccountAuth | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'role', 'password_hash', 'disabled_at', 'reset_requested_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        email: r.email,
        name: r.display_name,
        role: r.role,
        passwordHash: r.password_hash,
        disabled: r.disabled_at !== null,
        resetRequestedAt: r.reset_requested_at,
      }
    : undefined;
}

export async function findAccountAuthByEmail(db: DB, email: string): Promise<AccountAuth | undefined> {
  const r = await db.selectFrom('users').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst();
  return r ? findAccountAuthById(db, r.id) : undefined;
}

export async function countActivePublishers(db: DB): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'publisher')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function setUserRole(db: DB, id: number, role: Role): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', id).execute();
}

/** Gives an account without an author-page slug one (bylines link to /author/<slug>). */
export async function setUserSlugIfMissing(db: DB, id: number, slug: string): Promise<void> {
  await db.updateTable('users').set({ slug }).where('id', '=', id).where('slug', 'is', null).execute();
}

export async function isUserSlugTaken(db: DB, slug: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

export async function setUserDisabled(db: DB, id: number, disabledAt: string | null): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
}

/**
 * Sets a new password only if the hash is still the one the link was signed against: of two requests
 * racing with the same link, one wins.
 */
export async function replacePasswordHash(db: DB, id: number, expected: string | null, next: string): Promise<boolean> {
  let q = db.updateTable('users').set({ password_hash: next }).where('id', '=', id);
  q = expected === null ? q.where('password_hash', 'is', null) : q.where('password_hash', '=', expected);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function markResetRequested(db: DB, id: number, at: string): Promise<void> {
  await db.updateTable('users').set({ reset_requested_at: at }).where('id', '=', id).execute();
}
