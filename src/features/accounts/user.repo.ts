import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Role, UserRow } from './user.table.js';

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
