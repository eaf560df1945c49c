import type { Generated, Selectable } from 'kysely';

import type { Role } from '../../platform/roles.js';

export { ROLES, type Role } from '../../platform/roles.js';

export interface UserTable {
  id: Generated<number>;
  /** Lower-cased; private: never shown on a page or in a public API. */
  email: string;
  display_name: string;
  /** Author-page slug; null for readers. */
  slug: string | null;
  bio: string | null;
  role: Role;
  /** scrypt hash (`scrypt$N$r$p$salt$hash`); null for accounts that never set a password. */
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
  /** When the last password-reset mail was queued: throttles reset mail per account. */
  reset_requested_at: string | null;
}
export type UserRow = Selectable<UserTable>;

export interface SessionTable {
  /** SHA-256 of the session token; the token itself lives only in the reader's cookie. */
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}
