/** What other features may react to, in the same transaction, when reader funding changes. */
import { Hook } from '../../platform/hooks.js';

/** A reader's Supporter badge may have turned on or off (opt-in changed, first gift came, last gift went). */
export interface SupporterBadgeChanged {
  /** The donor's e-mail, any case. */
  email: string;
}

export interface FundingHooks {
  badgeChanged: Hook<SupporterBadgeChanged>;
}

export const createFundingHooks = (): FundingHooks => ({ badgeChanged: new Hook() });
