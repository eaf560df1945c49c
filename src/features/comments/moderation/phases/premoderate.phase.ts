import { msg } from '../../../../lib/message.js';
import { settingsFor } from '../moderation.settings.js';
import type { Phase } from '../pipeline.js';

/** "Pre-moderate everything": every comment from a non-staff commenter waits for a moderator. */
export const premoderatePhase: Phase = async (_input, ctx) =>
  (await settingsFor(ctx)).premoderateAll ? { action: 'hold', reason: msg('moderation.reason_premoderate') } : null;
