import { findActiveBan } from '../ban.repo.js';
import type { Phase } from '../pipeline.js';

const until = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/**
 * A banned commenter cannot post: by account, by e-mail HMAC or by IP HMAC, while the ban is in force.
 * The moderator's reason stays private; the commenter learns that they are blocked and until when.
 */
export const banPhase: Phase = async (input, { db, now }) => {
  const ban = await findActiveBan(
    db,
    { userId: input.authorUserId, emailHash: input.emailHash, ipHash: input.ipHash },
    now.toISOString(),
  );
  if (!ban) return null;
  const message = ban.expiresAt
    ? `You cannot comment on this site until ${until.format(new Date(ban.expiresAt))} UTC.`
    : 'You can no longer comment on this site.';
  return { action: 'reject', reason: `banned (${ban.kind} ban #${ban.id})`, message };
};
