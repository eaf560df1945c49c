/** The api_tokens table: the only module that writes it. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { API_SCOPES, type ApiScope } from '../../web/token-guard.js';
import type { ApiTokenRow } from './api-token.table.js';

type DB = Kysely<Database>;

/** A token as the admin and the guard see it: never its secret, never its hash. */
export interface ApiToken {
  id: number;
  name: string;
  /** The secret's first characters (`bs_AbCd123`). */
  prefix: string;
  scopes: ApiScope[];
  createdBy: number;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const toToken = (r: ApiTokenRow & { creator_name?: string | null }): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes.split(' ').filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
  createdBy: r.created_by,
  createdByName: r.creator_name ?? null,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export interface NewApiToken {
  name: string;
  secretHash: string;
  prefix: string;
  scopes: readonly ApiScope[];
  createdBy: number;
  createdAt: string;
  expiresAt: string | null;
}

export async function insertApiToken(db: DB, t: NewApiToken): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: t.name,
      secret_hash: t.secretHash,
      prefix: t.prefix,
      scopes: t.scopes.join(' '),
      created_by: t.createdBy,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every token, newest first, with the issuer's name. */
export async function listApiTokens(db: DB): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .selectAll('api_tokens')
    .select('users.display_name as creator_name')
    .orderBy('api_tokens.id', 'desc')
    .limit(500)
    .execute();
  return rows.map(toToken);
}

export async function findApiTokenById(db: DB, id: number): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toToken(row) : undefined;
}

export async function findApiTokenByHash(db: DB, secretHash: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
  return row ? toToken(row) : undefined;
}

/** Revokes a token that is not revoked yet; false when it already was. */
export async function revokeApiTokenRow(db: DB, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Records a use unless one was recorded after `notBefore`: the condition makes concurrent requests of
 * one token write the row at most once a minute, whatever the number of processes.
 */
export async function touchApiToken(db: DB, id: number, now: string, notBefore: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', notBefore)]))
    .execute();
}
