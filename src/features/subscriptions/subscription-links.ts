/**
 * The links in subscription mail.
 *
 * - Confirmation: a random token; only its SHA-256 is stored (subscriptions.token_hash), so a database
 *   leak does not let anyone confirm. Single use, expires CONFIRM_TTL after the mail was queued.
 * - Unsubscribe: HMAC(SECRET_KEY, subscription id). Nothing stored, never expires (RFC 8058 clients and
 *   readers use links from old mails), needs no login, and cannot be forged for another subscription.
 * - Manage: HMAC over (subscription id, expiry); opens the list of every subscription of that address.
 *   It grants more than one unsubscribe, so it expires (each new mail carries a fresh one).
 *
 * Rotating SECRET_KEY invalidates unsubscribe and manage links in mails already sent.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmac, randomToken, sha256 } from '../../lib/crypto.js';

export const CONFIRM_TTL_MS = 7 * 86400_000;
export const MANAGE_TTL_MS = 30 * 86400_000;

/** A new confirmation token and the hash to store. */
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomToken(24);
  return { token, hash: sha256(token) };
}

export const hashConfirmToken = (token: string): string => sha256(token);

const mac = (secret: string, purpose: string, payload: string): string =>
  hmac(secret, `subscriptions:${purpose}:${payload}`).slice(0, 32);

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function unsubscribeToken(secret: string, subscriptionId: number): string {
  return `${subscriptionId}.${mac(secret, 'unsubscribe', String(subscriptionId))}`;
}

/** The subscription id an unsubscribe token names, or null when it was not made with this key. */
export function verifyUnsubscribeToken(secret: string, token: string): number | null {
  const m = /^(\d{1,12})\.([0-9a-f]{32})$/.exec(token);
  if (!m) return null;
  return sameMac(m[2]!, mac(secret, 'unsubscribe', m[1]!)) ? Number(m[1]) : null;
}

export function manageToken(secret: string, subscriptionId: number, now: Date): string {
  const exp = Math.floor((now.getTime() + MANAGE_TTL_MS) / 1000);
  return `${subscriptionId}.${exp}.${mac(secret, 'manage', `${subscriptionId}.${exp}`)}`;
}

export type ManageTokenCheck = { ok: true; subscriptionId: number } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyManageToken(secret: string, token: string, now: Date): ManageTokenCheck {
  const m = /^(\d{1,12})\.(\d{1,12})\.([0-9a-f]{32})$/.exec(token);
  if (!m || !sameMac(m[3]!, mac(secret, 'manage', `${m[1]}.${m[2]}`))) return { ok: false, reason: 'invalid' };
  if (Number(m[2]) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, subscriptionId: Number(m[1]) };
}

export interface SiteLinks {
  siteUrl: string;
  secretKey: string;
}

export const confirmUrl = (site: SiteLinks, token: string): string =>
  `${site.siteUrl}/subscriptions/confirm?token=${encodeURIComponent(token)}`;
export const unsubscribeUrl = (site: SiteLinks, subscriptionId: number): string =>
  `${site.siteUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(site.secretKey, subscriptionId))}`;
export const managePath = (secret: string, subscriptionId: number, now: Date): string =>
  `/subscriptions/manage?token=${encodeURIComponent(manageToken(secret, subscriptionId, now))}`;
export const manageUrl = (site: SiteLinks, subscriptionId: number, now: Date): string =>
  `${site.siteUrl}${managePath(site.secretKey, subscriptionId, now)}`;
