/** The Supporter badge's effect on cached discussions, decided here and carried out by the discussion. */
import type { Trx } from '../../platform/hooks.js';
import type { FundingHooks } from './funding.hooks.js';
import { badgeMayHaveFlipped } from './supporter.repo.js';

/**
 * After a gift of this e-mail was confirmed, completed or refunded: tells the discussion to refresh when that
 * may have flipped the badge (see badgeMayHaveFlipped), so a monthly renewal leaves the cached pages alone.
 */
export async function touchSupporterAfterGift(trx: Trx, hooks: FundingHooks, email: string): Promise<void> {
  if (await badgeMayHaveFlipped(trx, email)) await hooks.badgeChanged.run(trx, { email });
}
