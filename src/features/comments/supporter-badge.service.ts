/** The Supporter badge beside comments: when funding says it may have changed, the cached lists follow. */
import type { Trx } from '../../platform/hooks.js';
import { recordDiscussionChanges } from '../articles/index.js';
import { findArticlesCommentedByAccount } from './comment.repo.js';

/**
 * Bumps the discussion version of every article where the account with this e-mail has an approved comment,
 * so every process re-renders those lists with the reader's new badge state; returns how many. Call it in the
 * transaction that changed the badge state.
 */
export async function refreshSupporterDiscussions(trx: Trx, email: string): Promise<number> {
  return recordDiscussionChanges(trx, await findArticlesCommentedByAccount(trx, email));
}
