import { msg } from '../../../../lib/message.js';
import { countApprovedByAuthor } from '../moderation.repo.js';
import { settingsFor } from '../moderation.settings.js';
import type { Phase } from '../pipeline.js';

/**
 * A commenter is held until N of their comments were approved. The author is the account when signed in,
 * otherwise the (private) e-mail address; a guest with neither is always new.
 */
export const newCommenterPhase: Phase = async (input, ctx) => {
  const { newCommenterApprovals: needed } = await settingsFor(ctx);
  if (needed === 0) return null;
  const approved = await countApprovedByAuthor(
    ctx.db,
    { userId: input.authorUserId, email: input.authorEmail },
    needed,
  );
  return approved >= needed
    ? null
    : { action: 'hold', reason: msg('moderation.reason_new_commenter', { approved, needed }) };
};
