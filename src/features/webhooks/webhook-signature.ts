/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing. The secret is `whsec_` + base64 of random
 * bytes (24–64 per the spec; we issue 32); the key is those bytes, base64-decoded. The signed content is
 * `<webhook-id>.<webhook-timestamp>.<body>`, the timestamp in whole seconds since the epoch, and the
 * `webhook-signature` header is `v1,` + the base64 HMAC-SHA256 (a space-separated list, so a rotated
 * secret could add a second signature later).
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes. */
export const newWebhookSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;

/** A message id: stays the same across retries and redeliveries of one event (receivers deduplicate by it). */
export const newMessageId = (): string => `msg_${randomBytes(16).toString('base64url')}`;

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The three Standard Webhooks headers for `body` sent as message `id` at `at`. */
export function signWebhook(secret: string, id: string, at: Date, body: string): SignedHeaders {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
