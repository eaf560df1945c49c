import { findActiveBan } from '../ban.repo.js';
import { msg } from '../../../../lib/message.js';
import { DEFAULT_TIME_ZONE } from '../../../../lib/time-zone.js';
import { i18nFor } from '../../../../platform/i18n.js';
import { loadSiteIdentity } from '../../../../platform/site-identity.js';
import type { Phase } from '../pipeline.js';

/**
 * A banned commenter cannot post: by account, by e-mail HMAC or by IP HMAC, while the ban is in force.
 * The moderator's reason stays private; the commenter learns that they are blocked and until when (a date
 * written in the site's language, read from the site identity only when a ban matches).
 */
export const banPhase: Phase = async (input, { db, now, timeZone }) => {
  const ban = await findActiveBan(
    db,
    { userId: input.authorUserId, emailHash: input.emailHash, ipHash: input.ipHash },
    now.toISOString(),
  );
  if (!ban) return null;
  let message = msg('moderation.refusal_banned');
  if (ban.expiresAt) {
    const { locale } = await loadSiteIdentity(db, { siteName: '', siteTimeZone: timeZone });
    const until = i18nFor(locale, timeZone ?? DEFAULT_TIME_ZONE).dateTime(ban.expiresAt);
    message = msg('moderation.refusal_banned_until', { until });
  }
  return { action: 'reject', reason: msg('moderation.reason_banned', { kind: ban.kind, id: ban.id }), message };
};
