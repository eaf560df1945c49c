/**
 * Who may do what. Roles: reader < author < editor; moderator keeps the discussion; publisher may do
 * everything. Every feature asks `hasRole`; the accounts feature stores the role of each account.
 */
export const ROLES = ['reader', 'author', 'editor', 'moderator', 'publisher'] as const;
/** reader < author < editor; moderator keeps the discussion; publisher may do everything. */
export type Role = (typeof ROLES)[number];

/** Which roles each role includes. */
const INCLUDES: Record<Role, Role[]> = {
  reader: ['reader'],
  author: ['reader', 'author'],
  editor: ['reader', 'author', 'editor'],
  moderator: ['reader', 'moderator'],
  publisher: ['reader', 'author', 'editor', 'moderator', 'publisher'],
};

/** True when `role` may act as any of `allowed`. */
export function hasRole(role: string | undefined, ...allowed: Role[]): boolean {
  if (!role || !(role in INCLUDES)) return false;
  return allowed.some((a) => INCLUDES[role as Role].includes(a));
}

/** The signed-in account as every request sees it (set by the accounts feature; null for guests). */
export interface Viewer {
  id: number;
  name: string;
  role: string;
}
