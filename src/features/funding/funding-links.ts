/**
 * Signed links in receipts: "manage my monthly gift" and "show a Supporter badge". The signature is an
 * HMAC under SECRET_KEY, so nothing needs storing and nobody can forge a link for someone else's gift.
 * Rotating SECRET_KEY invalidates old links (a donor can ask for new ones at /donate/manage).
 */
import { timingSafeEqual } from 'node:crypto';
import { hmac } from '../../lib/crypto.js';

const sign = (secret: string, purpose: string, value: string) => hmac(secret, `${purpose}:${value}`).slice(0, 32);

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function pledgeToken(secret: string, pledgeId: number): string {
  return sign(secret, 'pledge', String(pledgeId));
}

export function verifyPledgeToken(secret: string, pledgeId: number, token: string): boolean {
  return same(token, pledgeToken(secret, pledgeId));
}

export const manageUrl = (siteUrl: string, secret: string, pledgeId: number): string =>
  `${siteUrl}/donate/manage/${pledgeId}?t=${pledgeToken(secret, pledgeId)}`;

/** Opaque token carrying the e-mail (not in clear text in access logs) and its signature. */
export function supporterToken(secret: string, email: string): string {
  const e = email.toLowerCase();
  return `${Buffer.from(e).toString('base64url')}.${sign(secret, 'supporter', e)}`;
}

/** The e-mail in a valid supporter token, or null. */
export function readSupporterToken(secret: string, token: string): string | null {
  const [encoded, sig] = token.split('.');
  if (!encoded || !sig) return null;
  const email = Buffer.from(encoded, 'base64url').toString('utf8');
  return email.includes('@') && same(sig, sign(secret, 'supporter', email)) ? email : null;
}

export const supporterUrl = (siteUrl: string, secret: string, email: string): string =>
  `${siteUrl}/supporter?t=${encodeURIComponent(supporterToken(secret, email))}`;
