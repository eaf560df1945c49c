import { msg } from '../../../../lib/message.js';
import { settingsFor } from '../moderation.settings.js';
import type { Phase } from '../pipeline.js';

/** More links than the publisher allows is the classic mark of spam: hold it. */
export const linksPhase: Phase = async (input, ctx) => {
  const { maxLinks } = await settingsFor(ctx);
  return input.linkCount > maxLinks
    ? { action: 'hold', reason: msg('moderation.reason_links', { count: input.linkCount, max: maxLinks }) }
    : null;
};
