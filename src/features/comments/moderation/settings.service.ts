/** Changing the moderation rules: stored as one setting, audit-logged with the rules before and after. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import { recordAudit } from '../../../platform/audit.repo.js';
import { putSetting } from '../../../platform/settings.repo.js';
import {
  getModerationSettings,
  normalizeSettings,
  SETTINGS_KEY,
  type ModerationSettings,
} from './moderation.settings.js';

/** Saves the rules; returns false (and logs nothing) when nothing changed. */
export async function saveModerationSettings(
  db: Kysely<Database>,
  input: { actorId: number; settings: ModerationSettings; now: Date },
): Promise<boolean> {
  const next = normalizeSettings(input.settings);
  return db.transaction().execute(async (trx) => {
    const before = await getModerationSettings(trx);
    if (JSON.stringify(before) === JSON.stringify(next)) return false;
    await putSetting(trx, SETTINGS_KEY, next, input.now);
    await recordAudit(
      trx,
      {
        actorUserId: input.actorId,
        action: 'moderation.settings.update',
        subjectType: 'setting',
        subjectId: SETTINGS_KEY,
        before,
        after: next,
      },
      input.now,
    );
    return true;
  });
}
