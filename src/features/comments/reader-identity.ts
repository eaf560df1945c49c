/**
 * Who is reading, as far as the discussion cares: a signed-in account, or a guest known by a random id
 * in a signed, HttpOnly cookie (`bs_guest`, set on their first comment or vote). From it come:
 * - the voter key: `u:<id>` for accounts, `g:<hmac(secret, guest id + ip hash)>` for guests, so one
 *   browser on one address has one vote per comment;
 * - the edit token: a guest's comments store SHA-256 of their guest id, so only that browser can edit
 *   or delete them, and the server keeps nothing that would let anyone else.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { hmac, randomToken, sha256 } from '../../lib/crypto.js';
import { hashIp, hashNetwork } from '../../lib/ip-address.js';
import type { CommentOwner } from './comment.types.js';
import { clientAddress } from '../../web/client-address.js';

import { GUEST_COOKIE } from '../../web/personal-cache.js';

export { GUEST_COOKIE };
const GUEST_COOKIE_DAYS = 365;

export interface Reader {
  userId: number | null;
  guestId: string | null;
  /** hmac(secret, normalized client IP); the address itself is never stored. */
  ipHash: string;
  /** hashNetwork(secret, client IP): the IPv4 address or IPv6 /64, for limits on mail the reader can cause. */
  networkHash: string;
}

/**
 * `frameGuest`: in the embedded discussion, the guest its frame token names (frame-token.ts), or null before
 * their first comment or vote there. The frame is another site's, so it is nobody's session: accounts and the
 * guest cookie count only on the site's own pages.
 */
export function readReader(
  request: FastifyRequest,
  config: Pick<Config, 'secretKey'>,
  frameGuest?: { guestId: string | null },
): Reader {
  return {
    userId: frameGuest ? null : (request.viewer?.id ?? null),
    guestId: frameGuest ? frameGuest.guestId : guestIdOf(request),
    ipHash: hashIp(config.secretKey, clientAddress(request)),
    networkHash: hashNetwork(config.secretKey, clientAddress(request)),
  };
}

function guestIdOf(request: FastifyRequest): string | null {
  const raw = request.cookies[GUEST_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value && /^[\w-]{16,64}$/.test(unsigned.value) ? unsigned.value : null;
}

/** The guest id, setting the cookie on the reply when the reader has none yet. Accounts need none. */
export function ensureGuest(reader: Reader, reply: FastifyReply, config: Pick<Config, 'secureCookies'>): Reader {
  if (reader.userId !== null || reader.guestId !== null) return reader;
  const guestId = randomToken(24);
  reply.setCookie(GUEST_COOKIE, guestId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    signed: true,
    maxAge: GUEST_COOKIE_DAYS * 86400,
  });
  return { ...reader, guestId };
}

export function voterKey(reader: Reader, secret: string): string | null {
  if (reader.userId !== null) return `u:${reader.userId}`;
  return reader.guestId ? `g:${hmac(secret, `${reader.guestId}|${reader.ipHash}`)}` : null;
}

/** Hash stored in `edit_token_hash` for a guest's comments. */
export const editTokenHash = (guestId: string): string => sha256(`edit:${guestId}`);

export function commentOwner(reader: Reader): CommentOwner | null {
  if (reader.userId !== null) return { userId: reader.userId };
  return reader.guestId ? { editTokenHash: editTokenHash(reader.guestId) } : null;
}
