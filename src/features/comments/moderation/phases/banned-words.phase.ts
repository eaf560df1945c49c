import { msg } from '../../../../lib/message.js';
import { settingsFor } from '../moderation.settings.js';
import type { Phase } from '../pipeline.js';
import { cachedWordList, findListedTerm } from '../word-list.js';

/** A word or phrase on the "banned" list refuses the comment, saying which one, so the commenter can fix it. */
export const bannedWordsPhase: Phase = async (input, ctx) => {
  const { bannedWords } = await settingsFor(ctx);
  if (bannedWords.length === 0) return null;
  const list = cachedWordList(ctx.wordLists, bannedWords);
  const inText = findListedTerm(list, input.text);
  if (inText !== null) {
    return {
      action: 'reject',
      reason: msg('moderation.reason_banned_word', { term: inText }),
      message: msg('moderation.refusal_banned_word', { term: inText }),
    };
  }
  const inName = findListedTerm(list, input.authorName);
  if (inName !== null) {
    return {
      action: 'reject',
      reason: msg('moderation.reason_banned_word_name', { term: inName }),
      message: msg('moderation.refusal_banned_word_name', { term: inName }),
    };
  }
  return null;
};
