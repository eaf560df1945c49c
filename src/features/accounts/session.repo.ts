import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Role } from './user.table.js';

type DB = Kysely<Database>;

export async function insertSession(
  db: DB,
  s: { idHash: string; userId: number; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

/** The account behind a live session, or undefined when the session is unknown, expired or the account disabled. */
export async function findSessionViewer(
  db: DB,
  idHash: string,
  now: string,
): Promise<{ id: number; name: string; role: Role } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.display_name', 'users.role'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, name: row.display_name, role: row.role } : undefined;
}

export async function deleteSession(db: DB, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: DB, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: DB, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
