import { msg } from '../../../../lib/message.js';
import type { Phase } from '../pipeline.js';

/** Editors, moderators and the publisher are not held by the rules below (bans and banned words still apply). */
export const staffPhase: Phase = (input) =>
  input.isStaff ? { action: 'approve', reason: msg('moderation.reason_staff') } : null;
