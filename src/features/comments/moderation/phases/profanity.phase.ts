import { msg } from '../../../../lib/message.js';
import { settingsFor } from '../moderation.settings.js';
import type { Phase } from '../pipeline.js';
import { countProfanity, htmlToText, maskHtml, maskText } from '../profanity.js';

/**
 * Profanity (obscenity's English list): off, hold for a moderator, or mask (publish "f***"). Masking
 * rewrites both the HTML and the text the later phases read. What masking cannot reach (a word split by
 * a tag) or cannot rewrite (the commenter's name) is held instead.
 */
export const profanityPhase: Phase = async (input, ctx) => {
  const { profanity } = await settingsFor(ctx);
  if (profanity === 'off') return null;
  if (countProfanity(input.authorName) > 0) return { action: 'hold', reason: msg('moderation.reason_profanity_name') };
  const found = countProfanity(input.text) + countProfanity(htmlToText(input.html));
  if (found === 0) return null;
  if (profanity === 'hold') return { action: 'hold', reason: msg('moderation.reason_profanity') };
  const html = maskHtml(input.html);
  if (countProfanity(htmlToText(html)) > 0)
    return { action: 'hold', reason: msg('moderation.reason_profanity_unmasked') };
  return { rewrite: { html, text: maskText(input.text) } };
};
