/**
 * The Supporter badge. A reader shows it only if both hold: their e-mail gave a confirmed gift (not fully
 * refunded), and they opted in (at checkout, or later from the link in their receipt).
 *
 * For the discussion: `isSupporter(db, emailOrUserId)` answers for one reader; `supportersAmong(db,
 * emails)` answers for a page of comments in one query. Only trust an e-mail the site has verified
 * (a signed-in account or a confirmed subscription): a guest can type anyone's address.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type DB = Kysely<Database>;

export async function optInSupporter(db: DB, email: string, now: string): Promise<void> {
  await db.insertInto('supporters').values({ email: email.toLowerCase(), opted_in_at: now }).onConflict((oc) => oc.column('email').doNothing()).execute();
}

export async function optOutSupporter(db: DB, email: string): Promise<void> {
  await db.deleteFrom('supporters').where('email', '=', email.toLowerCase()).execute();
}

export async function hasSupporterOptIn(db: DB, email: string): Promise<boolean> {
  return (await db.selectFrom('supporters').select('email').where('email', '=', email.toLowerCase()).executeTakeFirst()) !== undefined;
}

/** True when the reader (by e-mail, or by account id through the account's e-mail) opted in and gave a confirmed gift. */
export async function isSupporter(db: DB, emailOrUserId: string | number): Promise<boolean> {
  let email: string | undefined;
  if (typeof emailOrUserId === 'number') {
    email = (await db.selectFrom('users').select('email').where('id', '=', emailOrUserId).executeTakeFirst())?.email;
  } else {
    email = emailOrUserId;
  }
  if (!email) return false;
  return (await supportersAmong(db, [email])).size > 0;
}

/** The subset of `emails` (lower-cased) that are supporters; one query for a whole page of comments. */
export async function supportersAmong(db: DB, emails: string[]): Promise<Set<string>> {
  const wanted = [...new Set(emails.filter(Boolean).map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await db.selectFrom('supporters').select('supporters.email')
    .where('supporters.email', 'in', wanted)
    .where((eb) => eb.exists(eb.selectFrom('donations').select('donations.id')
      .whereRef('donations.donor_email', '=', 'supporters.email').where('donations.status', '=', 'confirmed')))
    .execute();
  return new Set(rows.map((r) => r.email));
}
