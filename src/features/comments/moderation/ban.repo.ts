/** Bans: who may not comment, vote or report, by account, e-mail HMAC or IP HMAC. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { BanKind, BanRow } from './moderation.table.js';

type DB = Kysely<Database>;

/** A ban as staff see it: the matched value only as a short fingerprint. */
export interface Ban {
  id: number;
  kind: BanKind;
  /** First characters of the HMAC (or the account id for account bans): enough to tell bans apart. */
  fingerprint: string;
  /** Account name for account bans (null when the account is gone or for other kinds). */
  accountName: string | null;
  reason: string;
  expiresAt: string | null;
  liftedAt: string | null;
  createdByName: string | null;
  createdAt: string;
}

/** Short, non-reversible label of an HMAC for screens and audit entries. */
export const fingerprint = (hash: string): string => hash.slice(0, 8);

/** Whom a submission, vote or report comes from. Any of the three may be null (a guest has no account). */
export interface BanSubject {
  userId: number | null;
  emailHash: string | null;
  ipHash: string | null;
}

/** A ban in force at `now` matching any of the subject's keys, the one that lasts longest first. */
export async function findActiveBan(
  db: DB,
  who: BanSubject,
  now: string,
): Promise<{ id: number; kind: BanKind; expiresAt: string | null } | undefined> {
  const keys: Array<[BanKind, string]> = [];
  if (who.userId !== null) keys.push(['user', String(who.userId)]);
  if (who.emailHash) keys.push(['email', who.emailHash]);
  if (who.ipHash) keys.push(['ip', who.ipHash]);
  if (keys.length === 0) return undefined;
  const rows = await db
    .selectFrom('bans')
    .select(['id', 'kind', 'expires_at'])
    .where((eb) => eb.or(keys.map(([kind, value]) => eb.and([eb('kind', '=', kind), eb('value', '=', value)]))))
    .where('lifted_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .execute();
  rows.sort((a, b) =>
    a.expires_at === null ? -1 : b.expires_at === null ? 1 : b.expires_at.localeCompare(a.expires_at),
  );
  const r = rows[0];
  return r ? { id: r.id, kind: r.kind, expiresAt: r.expires_at } : undefined;
}

export interface NewBan {
  kind: BanKind;
  value: string;
  reason: string;
  expiresAt: string | null;
  createdBy: number | null;
  createdAt: string;
}

export async function insertBan(db: DB, b: NewBan): Promise<number> {
  const { id } = await db
    .insertInto('bans')
    .values({
      kind: b.kind,
      value: b.value,
      reason: b.reason,
      expires_at: b.expiresAt,
      lifted_at: null,
      created_by: b.createdBy,
      created_at: b.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function toBan(r: BanRow & { account_name: string | null; creator_name: string | null }): Ban {
  return {
    id: r.id,
    kind: r.kind,
    fingerprint: r.kind === 'user' ? `#${r.value}` : fingerprint(r.value),
    accountName: r.account_name,
    reason: r.reason,
    expiresAt: r.expires_at,
    liftedAt: r.lifted_at,
    createdByName: r.creator_name,
    createdAt: r.created_at,
  };
}

function bansQuery(db: DB) {
  return (
    db
      .selectFrom('bans')
      .leftJoin('users as creator', 'creator.id', 'bans.created_by')
      // Account bans name the account; the join is on text because bans.value is text on both dialects.
      .leftJoin('users as account', (j) =>
        j.on('bans.kind', '=', 'user').on((eb) => eb(eb.cast('account.id', 'text'), '=', eb.ref('bans.value'))),
      )
      .selectAll('bans')
      .select(['creator.display_name as creator_name', 'account.display_name as account_name'])
  );
}

/** One page of bans, newest first; `active` keeps those in force at `now`, otherwise those that ended. */
export async function listBans(
  db: DB,
  opts: { active: boolean; now: string; limit: number; beforeId?: number },
): Promise<Ban[]> {
  let q = bansQuery(db);
  if (opts.active) {
    q = q
      .where('bans.lifted_at', 'is', null)
      .where((eb) => eb.or([eb('bans.expires_at', 'is', null), eb('bans.expires_at', '>', opts.now)]));
  } else {
    q = q.where((eb) => eb.or([eb('bans.lifted_at', 'is not', null), eb('bans.expires_at', '<=', opts.now)]));
  }
  if (opts.beforeId) q = q.where('bans.id', '<', opts.beforeId);
  const rows = await q.orderBy('bans.id', 'desc').limit(opts.limit).execute();
  return rows.map(toBan);
}

export async function findBanById(db: DB, id: number): Promise<Ban | undefined> {
  const row = await bansQuery(db).where('bans.id', '=', id).executeTakeFirst();
  return row ? toBan(row) : undefined;
}

/** Ends a ban now; returns false when it had already ended (nothing changes). */
export async function liftBanRow(db: DB, id: number, now: string): Promise<boolean> {
  const res = await db
    .updateTable('bans')
    .set({ lifted_at: now })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
