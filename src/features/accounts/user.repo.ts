import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Role, UserRow } from './user.table.js';
import { slugify } from '../../lib/slug.js';

type DB = Kysely<Database>;

/** An account as the application sees it. `email` is private: views never render it for others. */
export interface User {
  id: number;
  email: string;
  displayName: string;
  slug: string | null;
  bio: string | null;
  role: Role;
  disabled: boolean;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    slug: r.slug,
    bio: r.bio,
    role: r.role,
    disabled: r.disabled_at !== null,
  };
}

export interface NewUser {
  email: string;
  displayName: string;
  slug: string | null;
  bio?: string | null;
  role: Role;
  passwordHash: string | null;
  createdAt: string;
}

export async function insertUser(db: DB, u: NewUser): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      email: u.email.toLowerCase(),
      display_name: u.displayName,
      slug: u.slug,
      bio: u.bio ?? null,
      role: u.role,
      password_hash: u.passwordHash,
      created_at: u.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findUserByEmail(
  db: DB,
  email: string,
): Promise<(User & { passwordHash: string | null }) | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function findUserById(db: DB, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function countUsers(db: DB): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function setDisplayName(db: DB, id: number, name: string): Promise<void> {
  await db.updateTable('users').set({ display_name: name }).where('id', '=', id).execute();
}

/** Deletes an account row; foreign keys clear what points at it (sessions go, audit actors become null). */
export async function deleteUser(db: DB, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/** Ids of reader accounts created before `cutoff` that never set a password (unconfirmed sign-ups). */
export async function findUnconfirmedReaders(db: DB, cutoff: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('password_hash', 'is', null)
    .where('created_at', '<', cutoff)
    .where('role', '=', 'reader')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes the given accounts if they still have no password; returns how many went. */
export async function deleteUnconfirmedReaders(db: DB, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db.deleteFrom('users').where('id', 'in', ids).where('password_hash', 'is', null).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** An account that is not disabled, as its owner sees it (e-mail included: never on a public page). */
export async function findActiveUserById(
  db: DB,
  id: number,
): Promise<{ id: number; name: string; email: string; role: Role; createdAt: string } | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'email', 'role', 'created_at'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return r && { id: r.id, name: r.display_name, email: r.email, role: r.role, createdAt: r.created_at };
}

/**
 * Gives each of these accounts that has no author page one (`/author/<slug>` from the display name,
 * numbered until free), so every byline links to a page and JSON-LD names an author URL: a publisher
 * made by `create-publisher`, or a reader given a writing role, starts without one.
 */
export async function giveAuthorPages(db: DB, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  const missing = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', userIds)
    .where('slug', 'is', null)
    .execute();
  for (const u of missing) {
    const base = slugify(u.display_name, 60);
    let slug = base;
    for (let n = 2; await db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst(); n++)
      slug = `${base}-${n}`;
    await db.updateTable('users').set({ slug }).where('id', '=', u.id).where('slug', 'is', null).execute();
  }
}
