import type { Generated, Selectable } from 'kysely';

/**
 * An API token a publisher issued for the Admin API. Only the SHA-256 of its secret is stored: the secret
 * is 32 random bytes, so a fast hash is enough (nobody can guess a preimage; a slow password hash would
 * only cost every request a few milliseconds and buy nothing). Written only by api-token.repo.ts.
 */
export interface ApiTokenTable {
  id: Generated<number>;
  /** What the publisher called it ("Newsletter sync"). */
  name: string;
  /** hex SHA-256 of the whole secret (`bs_…`). */
  secret_hash: string;
  /** The secret's first 10 characters, shown in the list so the publisher can tell tokens apart. */
  prefix: string;
  /** Space-separated scopes (read_drafts publish moderate funding). */
  scopes: string;
  /** The publisher who issued it: the API acts as this account, within the scopes. */
  created_by: number;
  created_at: string;
  /** Refused from this time on; null: until revoked. */
  expires_at: string | null;
  /** Refused from this time on; null: not revoked. */
  revoked_at: string | null;
  /** Last accepted request, recorded at most once a minute. */
  last_used_at: string | null;
}
export type ApiTokenRow = Selectable<ApiTokenTable>;
