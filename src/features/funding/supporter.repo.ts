/**
 * The Supporter badge: the only file that reads and writes the supporters table.
 *
 * The rule. A comment shows the badge when all of these hold:
 * 1. it was written by a signed-in account (`comments.author_user_id`), whose e-mail the site verified:
 *    the account has a password, which it can only have set through the site's set-password link or
 *    been given by the operator (imported authors have none until they follow an invitation);
 * 2. that e-mail has a `supporters` row: the reader opted in (at checkout, from the link in their
 *    receipt, or on /supporter while signed in); opting out deletes the row;
 * 3. that e-mail gave at least one gift whose status is `confirmed` (a verified webhook confirmed it and it
 *    was not refunded in full: a full refund sets `refunded`, a partial one keeps `confirmed`).
 * Guest comments never show it: a guest can type anyone's address into the form, so a badge there could
 * be claimed by anyone. Offline gifts carry no e-mail, so they never count.
 *
 * E-mails are compared case-insensitively by storing them lower-cased: every writer of `users.email`
 * (insertUser), `supporters.email` (here) and `donations.donor_email` (donation.repo.ts) lower-cases, so the
 * joins below compare plain columns and stay on their indexes.
 *
 * The discussion list is cached per article version, so every change of a reader's badge state bumps the
 * versions of the articles they commented on (the `badgeChanged` hook, carried out by the comments feature),
 * in the transaction of the change.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type DB = Kysely<Database>;

/** Ids per statement: far below SQLite's and PostgreSQL's parameter limits, even for "View all comments". */
const ID_CHUNK = 500;

/** Records the opt-in; true when it is new (the reader was not opted in before). */
export async function optInSupporter(db: DB, email: string, now: string): Promise<boolean> {
  const row = await db
    .insertInto('supporters')
    .values({ email: email.toLowerCase(), opted_in_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('email')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes the opt-in; true when there was one. */
export async function optOutSupporter(db: DB, email: string): Promise<boolean> {
  const r = await db.deleteFrom('supporters').where('email', '=', email.toLowerCase()).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function hasSupporterOptIn(db: DB, email: string): Promise<boolean> {
  return (
    (await db.selectFrom('supporters').select('email').where('email', '=', email.toLowerCase()).executeTakeFirst()) !==
    undefined
  );
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

/** The subset of `emails` (lower-cased) that opted in and gave a confirmed gift. Trust only verified e-mails here. */
export async function supportersAmong(db: DB, emails: string[]): Promise<Set<string>> {
  const wanted = [...new Set(emails.filter(Boolean).map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('supporters')
    .select('supporters.email')
    .where('supporters.email', 'in', wanted)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('donations')
          .select('donations.id')
          .whereRef('donations.donor_email', '=', 'supporters.email')
          .where('donations.status', '=', 'confirmed'),
      ),
    )
    .execute();
  return new Set(rows.map((r) => r.email));
}

/**
 * Which of these comments show the badge (the rule above), in one statement per 500 ids. Every step is
 * a key lookup: comments and users by primary key, supporters by its e-mail key, donations through
 * donations_email; so the cost follows the page, not the tables.
 */
export async function supporterCommentIds(db: DB, commentIds: readonly number[]): Promise<Set<number>> {
  const ids = [...new Set(commentIds)];
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('comments')
      .innerJoin('users', 'users.id', 'comments.author_user_id')
      .innerJoin('supporters', 'supporters.email', 'users.email')
      .select('comments.id')
      .where('comments.id', 'in', ids.slice(i, i + ID_CHUNK))
      .where('users.password_hash', 'is not', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('donations')
            .select('donations.id')
            .whereRef('donations.donor_email', '=', 'supporters.email')
            .where('donations.status', '=', 'confirmed'),
        ),
      )
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/**
 * Whether a change to this e-mail's confirmed gifts may have flipped its badge: only an opted-in e-mail has a
 * badge to flip, and only when it now has no confirmed gift (its last one went) or exactly one (its first one
 * came); with two or more neither happened.
 */
export async function badgeMayHaveFlipped(db: DB, email: string): Promise<boolean> {
  const address = email.toLowerCase();
  if (!(await hasSupporterOptIn(db, address))) return false;
  const gifts = await db
    .selectFrom('donations')
    .select('id')
    .where('donor_email', '=', address)
    .where('status', '=', 'confirmed')
    .limit(2)
    .execute();
  return gifts.length <= 1;
}
