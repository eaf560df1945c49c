/**
 * Readers sign up themselves; an account whose owner never used the mailed link has no password. The
 * job that forgets such sign-ups after a week finds them through this partial index (only accounts
 * without a password are in it, so it stays small however many readers the site has).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('users_without_password')
    .on('users')
    .column('created_at')
    .where(sql.ref('password_hash'), 'is', null)
    .execute();
}
