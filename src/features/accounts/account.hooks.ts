/** What other features may react to, in the same transaction, when an account changes. */
import { Hook } from '../../platform/hooks.js';

/** A reader deleted their account: every feature that stores their e-mail or id forgets it now. */
export interface AccountForgotten {
  userId: number;
  /** Lower-cased, as stored. */
  email: string;
  /** The reader asked for their unanswered comments to be removed (else they stay as "Former reader"). */
  removeComments: boolean;
  now: Date;
}

/** What a reaction changed that readers can see: articles whose discussion must be refreshed. */
export interface ForgottenEffects {
  articleIds?: number[];
}

export interface AccountHooks {
  forgotten: Hook<AccountForgotten, ForgottenEffects>;
}

export const createAccountHooks = (): AccountHooks => ({ forgotten: new Hook() });
