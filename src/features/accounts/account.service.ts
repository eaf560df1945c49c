/** Signing in and out. Sessions are server-side rows keyed by the SHA-256 of a random token. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { iso } from '../../platform/clock.js';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../lib/crypto.js';
import { deleteSession, findSessionViewer, insertSession } from './session.repo.js';
import { findUserByEmail } from './user.repo.js';
import type { Viewer } from '../../web/render.js';

import { SESSION_COOKIE } from '../../web/personal-cache.js';

export { SESSION_COOKIE };
export const SESSION_DAYS = 30;

/** A hash to compare against when the account does not exist, so timing does not reveal which e-mails have accounts. */
let dummyHash: Promise<string> | undefined;

/** Checks e-mail and password and opens a session; returns the session token for the cookie. */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; now: Date },
): Promise<{ token: string; viewer: Viewer }> {
  const user = await findUserByEmail(db, input.email.trim());
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok || user.disabled) {
    throw new AppError('SIGN_IN_FAILED', msg('accounts.sign_in_failed'), {
      fields: { password: msg('accounts.sign_in_check') },
    });
  }
  const token = randomToken(32);
  await insertSession(db, {
    idHash: sha256(token),
    userId: user.id,
    createdAt: iso(input.now),
    expiresAt: iso(new Date(input.now.getTime() + SESSION_DAYS * 86400_000)),
  });
  return { token, viewer: { id: user.id, name: user.displayName, role: user.role } };
}

export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}

export async function viewerForToken(db: Kysely<Database>, token: string, now: Date): Promise<Viewer | null> {
  return (await findSessionViewer(db, sha256(token), iso(now))) ?? null;
}
