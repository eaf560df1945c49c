/**
 * The operator's way in: `npm run cli -- create-publisher <email>` gives an account the publisher role
 * with a fresh random password, printed once. For a site started without demo content (SEED_DEMO=false)
 * and for a publisher who lost their password where mail does not reach them. Sessions of the account
 * end, because its old password no longer opens it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { hashPassword, randomPassword } from '../../lib/crypto.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { findAccountAuthByEmail, replacePasswordHash, setUserDisabled, setUserRole } from './staff.repo.js';
import { deleteSessionsOfUser } from './session.repo.js';
import { insertUser } from './user.repo.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface PublisherAccess {
  email: string;
  password: string;
  created: boolean;
}

export async function grantPublisherAccess(
  db: Kysely<Database>,
  input: { email: string; name?: string },
  now: Date,
): Promise<PublisherAccess> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254)
    throw new AppError('PUBLISHER_EMAIL_INVALID', msg('accounts.publisher_email_invalid', { email: input.email }));
  const password = randomPassword();
  const hash = await hashPassword(password);
  const created = await db.transaction().execute(async (trx) => {
    const existing = await findAccountAuthByEmail(trx, email);
    if (!existing) {
      const id = await insertUser(trx, {
        email,
        displayName: input.name?.trim() || 'Publisher',
        slug: null,
        role: 'publisher',
        passwordHash: hash,
        createdAt: now.toISOString(),
      });
      await recordAudit(
        trx,
        {
          actorUserId: null,
          action: 'staff.cli.create',
          subjectType: 'user',
          subjectId: id,
          after: { role: 'publisher' },
        },
        now,
      );
      return true;
    }
    await setUserRole(trx, existing.id, 'publisher');
    await setUserDisabled(trx, existing.id, null);
    await replacePasswordHash(trx, existing.id, existing.passwordHash, hash);
    await deleteSessionsOfUser(trx, existing.id);
    await recordAudit(
      trx,
      {
        actorUserId: null,
        action: 'staff.cli.grant',
        subjectType: 'user',
        subjectId: existing.id,
        before: { role: existing.role, disabled: existing.disabled },
        after: { role: 'publisher' },
      },
      now,
    );
    return false;
  });
  return { email, password, created };
}
