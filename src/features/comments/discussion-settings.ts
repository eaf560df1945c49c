/**
 * The publisher's discussion settings, stored under one key in `settings`. Read on every article view
 * (one primary-key row), so a change applies to every process at once.
 */
import type { Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { getSetting, putSetting } from '../../platform/settings.repo.js';

export const DISCUSSION_SETTINGS_KEY = 'discussion';

export const DiscussionSettingsSchema = Type.Object({
  /** Deepest reply level (top-level comments are depth 0); a reply below it attaches at this depth and names whom it answers. */
  maxDepth: Type.Integer({ minimum: 1, maximum: 10 }),
  /** Minutes during which an author may edit or delete their comment. */
  editWindowMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  /** Whether readers may vote comments down (up votes are always on). */
  downvotes: Type.Boolean(),
  /** Top-level threads per page. */
  threadsPerPage: Type.Integer({ minimum: 5, maximum: 100 }),
  /** Most comments one reader (account, or guest address) may post per window. */
  postLimit: Type.Integer({ minimum: 1, maximum: 100 }),
  /** Length of the posting window, in seconds. */
  postWindowSeconds: Type.Integer({ minimum: 10, maximum: 3600 }),
  /** Most votes per minute from one address (counted in each app process). */
  voteLimit: Type.Integer({ minimum: 5, maximum: 1000 }),
  /**
   * Most guest votes one comment takes from one network (an IPv4 address, an IPv6 /64): several guests
   * behind one office, campus or carrier address can vote, and a guest who drops their cookie gets at most
   * this many votes, not one per cookie. Accounts are not counted.
   */
  guestVotesPerNetwork: Type.Integer({ minimum: 1, maximum: 100 }),
});
export type DiscussionSettings = Static<typeof DiscussionSettingsSchema>;

export const DEFAULT_DISCUSSION_SETTINGS: DiscussionSettings = {
  maxDepth: 5,
  editWindowMinutes: 15,
  downvotes: true,
  threadsPerPage: 20,
  postLimit: 5,
  postWindowSeconds: 60,
  voteLimit: 30,
  guestVotesPerNetwork: 5,
};

export async function getDiscussionSettings(db: Kysely<Database>): Promise<DiscussionSettings> {
  return getSetting(db, DISCUSSION_SETTINGS_KEY, DEFAULT_DISCUSSION_SETTINGS);
}

/** Saves the settings and records who changed what in the audit log, in one transaction. */
export async function updateDiscussionSettings(
  db: Kysely<Database>,
  value: DiscussionSettings,
  actorUserId: number,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getDiscussionSettings(trx);
    await putSetting(trx, DISCUSSION_SETTINGS_KEY, value, now);
    await recordAudit(
      trx,
      {
        actorUserId,
        action: 'settings.discussion.update',
        subjectType: 'settings',
        subjectId: DISCUSSION_SETTINGS_KEY,
        before,
        after: value,
      },
      now,
    );
  });
}
