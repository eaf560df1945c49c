/** The public entry of the funding feature: the only module other features and the composition root may import. */
export { insertCampaign, refreshCampaignTotals } from './campaign.repo.js';
export { type Campaign } from './campaign.types.js';
export { createCampaignLoader } from './current-campaign.js';
export { fundingRoutes } from './funding.plugin.js';
export { type PaymentProvider } from './payment-provider.js';
export { createStripeProvider } from './stripe-provider.js';
export {
  type CampaignTable,
  type DonationTable,
  type PledgeTable,
  type StripeEventTable,
  type StripeRefundTable,
  type StripeWebhookFailureTable,
  type SupporterTable,
} from './funding.table.js';
export { supporterCommentIds } from './supporter.repo.js';
export { GoalBar } from './views/GoalBar.js';
export { optInSupporter, optOutSupporter } from './supporter.repo.js';
export { createFundingHooks, type FundingHooks, type SupporterBadgeChanged } from './funding.hooks.js';
export { addOfflineGiftOnce } from './donation.service.js';
export { type Donation } from './donation.types.js';
