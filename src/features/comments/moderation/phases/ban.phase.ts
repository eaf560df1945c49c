import { findActiveBan } from '../ban.repo.js';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../../../lib/time-zone.js';
import type { Phase } from '../pipeline.js';

/**
 * A banned commenter cannot post: by account, by e-mail HMAC or by IP HMAC, while the ban is in force.
 * The moderator's reason stays private; the commenter learns that they are blocked and until when.
 */
export const banPhase: Phase = async (input, { db, now, timeZone }) => {
  const ban = await findActiveBan(
    db,
    { userId: input.authorUserId, emailHash: input.emailHash, ipHash: input.ipHash },
    now.toISOString(),
  );
  if (!ban) return null;
  const message = ban.expiresAt
    ? `You cannot comment on this site until ${formatDateTime(ban.expiresAt, timeZone ?? DEFAULT_TIME_ZONE)}.`
    : 'You can no longer comment on this site.';
  return { action: 'reject', reason: `banned (${ban.kind} ban #${ban.id})`, message };
};
