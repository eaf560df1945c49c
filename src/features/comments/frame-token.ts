/**
 * A guest's identity inside the embedded discussion. Another site frames the discussion, and browsers withhold
 * our cookies from a third-party frame (Safari always, others by setting), so the frame carries its own: a token
 * in the frame's address (`/embed/articles/<slug>/comments/<token>`). The server issues it on the guest's first
 * comment or vote there; the frame hands it to the host page (embed-frame.js), which keeps it in its own
 * storage and puts it in the frame's address the next time (embed.js), so the guest stays one guest across
 * visits to that site. The host page's other scripts could read it there, as they could read anything the
 * reader types on that page; links out of the frame carry only our origin as Referer
 * (Referrer-Policy strict-origin-when-cross-origin).
 *
 * The token is a guest id (as in the `bs_guest` cookie) and a MAC over it, so only ids this site issued are
 * taken: a token passes for the guest's cookie in votes (one per guest and address, reader-identity.ts) and as
 * the owner of their comments.
 */
import { timingSafeEqual } from 'node:crypto';
import { hmac, randomToken } from '../../lib/crypto.js';

/** `<guest id: 24 base64url characters>.<MAC: 22>`. */
export const FRAME_TOKEN_PATTERN = '^[A-Za-z0-9_-]{24}\\.[A-Za-z0-9_-]{22}$';
const FRAME_TOKEN = new RegExp(FRAME_TOKEN_PATTERN);

const macOf = (secret: string, guestId: string) =>
  Buffer.from(hmac(secret, `frame-token:${guestId}`), 'hex')
    .subarray(0, 16)
    .toString('base64url')
    .slice(0, 22);

/** A new guest's token. */
export function issueFrameToken(secret: string): { token: string; guestId: string } {
  const guestId = randomToken(18);
  return { token: `${guestId}.${macOf(secret, guestId)}`, guestId };
}

/** The guest id a token carries, or null when this site did not issue it. */
export function guestOfFrameToken(secret: string, token: string | undefined): string | null {
  if (!token || !FRAME_TOKEN.test(token)) return null;
  const [guestId, mac] = token.split('.') as [string, string];
  return timingSafeEqual(Buffer.from(macOf(secret, guestId)), Buffer.from(mac)) ? guestId : null;
}
