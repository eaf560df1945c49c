/**
 * Signed, expiring links for setting a password (invites, sign-ups and password resets). No table: the link is
 * `purpose.userId.expiry.signature`, where the signature (HMAC with SECRET_KEY) also covers the account's
 * e-mail and current password hash. Setting a password changes the hash, so a link works once; changing
 * the e-mail or SECRET_KEY voids every link.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmac } from '../../lib/crypto.js';

/** invite: staff invitation; reset: forgotten password; signup: a reader confirming the address they signed up with. */
export type LinkPurpose = 'invite' | 'reset' | 'signup';

export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  invite: 7 * 86400_000,
  reset: 60 * 60_000,
  signup: 2 * 86400_000,
};

/** What the signature is bound to, besides the link's own fields. */
export interface LinkStamp {
  email: string;
  passwordHash: string | null;
}

export interface ParsedLink {
  purpose: LinkPurpose;
  userId: number;
  expiresAt: number;
  signature: string;
}

const payload = (purpose: LinkPurpose, userId: number, expiresSec: number, stamp: LinkStamp): string =>
  `account-link|${purpose}|${userId}|${expiresSec}|${stamp.email.toLowerCase()}|${stamp.passwordHash ?? ''}`;

export function signAccountLink(
  secret: string,
  purpose: LinkPurpose,
  userId: number,
  stamp: LinkStamp,
  now: Date,
): string {
  const expiresSec = Math.floor((now.getTime() + LINK_LIFETIME_MS[purpose]) / 1000);
  return `${purpose}.${userId}.${expiresSec}.${hmac(secret, payload(purpose, userId, expiresSec, stamp))}`;
}

/** Reads a link's fields without trusting them; undefined for anything malformed. */
export function parseAccountLink(token: string): ParsedLink | undefined {
  const m = /^(invite|reset|signup)\.(\d{1,12})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(token);
  if (!m) return undefined;
  return { purpose: m[1] as LinkPurpose, userId: Number(m[2]), expiresAt: Number(m[3]) * 1000, signature: m[4]! };
}

/** True when the link was signed by us for this account state and has not expired. */
export function verifyAccountLink(secret: string, link: ParsedLink, stamp: LinkStamp, now: Date): boolean {
  if (link.expiresAt <= now.getTime()) return false;
  const expected = Buffer.from(hmac(secret, payload(link.purpose, link.userId, link.expiresAt / 1000, stamp)), 'hex');
  const given = Buffer.from(link.signature, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
