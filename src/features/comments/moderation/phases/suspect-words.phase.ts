import { msg } from '../../../../lib/message.js';
import { settingsFor } from '../moderation.settings.js';
import type { Phase } from '../pipeline.js';
import { cachedWordList, findListedTerm } from '../word-list.js';

/** A word or phrase on the "suspect" list holds the comment for a moderator, who sees which one. */
export const suspectWordsPhase: Phase = async (input, ctx) => {
  const { suspectWords } = await settingsFor(ctx);
  if (suspectWords.length === 0) return null;
  const list = cachedWordList(ctx.wordLists, suspectWords);
  const term = findListedTerm(list, input.text) ?? findListedTerm(list, input.authorName);
  return term === null ? null : { action: 'hold', reason: msg('moderation.reason_suspect_word', { term }) };
};
