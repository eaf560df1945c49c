/** What other features may react to, in the same transaction, when reader funding changes. */
import { Hook } from '../../platform/hooks.js';

/** A reader's Supporter badge may have turned on or off (opt-in changed, first gift came, last gift went). */
export interface SupporterBadgeChanged {
  /** The donor's e-mail, any case. */
  email: string;
}

/** A new confirmed gift was recorded (online through Stripe, or offline by the publisher or the Admin API). */
export interface DonationReceived {
  donationId: number;
  /** The campaign month it counts towards, YYYY-MM. */
  month: string;
  amountMinor: number;
  currency: string;
  frequency: 'one_off' | 'monthly';
  source: 'stripe' | 'offline';
  now: Date;
}

/** A month's total reached its campaign goal (it was below before this transaction). */
export interface CampaignGoalReached {
  month: string;
  goalMinor: number;
  raisedMinor: number;
  currency: string;
  now: Date;
}

export interface FundingHooks {
  badgeChanged: Hook<SupporterBadgeChanged>;
  donationReceived: Hook<DonationReceived>;
  goalReached: Hook<CampaignGoalReached>;
}

export const createFundingHooks = (): FundingHooks => ({
  badgeChanged: new Hook(),
  donationReceived: new Hook(),
  goalReached: new Hook(),
});

/** Runs goalReached when a month's total went from below its goal to at least the goal. */
export async function announceGoal(
  trx: Parameters<Hook<CampaignGoalReached>['run']>[0],
  hooks: Pick<FundingHooks, 'goalReached'>,
  month: string,
  totals: { raisedBefore: number; raisedMinor: number; goalMinor: number; currency: string } | undefined,
  now: Date,
): Promise<void> {
  if (!totals || totals.goalMinor <= 0) return;
  if (totals.raisedBefore < totals.goalMinor && totals.raisedMinor >= totals.goalMinor)
    await hooks.goalReached.run(trx, {
      month,
      goalMinor: totals.goalMinor,
      raisedMinor: totals.raisedMinor,
      currency: totals.currency,
      now,
    });
}
