/**
 * Reader funding: the donation page, the ledger, the Stripe webhook and the publisher's admin areas.
 * One Stripe-backed PaymentProvider, built from configuration, is shared by the routes that need it.
 */
import type { AppInstance } from '../../web/app-instance.js';
import { campaignAdminRoutes } from './campaign-admin.routes.js';
import { donationAdminRoutes } from './donation-admin.routes.js';
import { givingRoutes } from './giving.routes.js';
import { ledgerRoutes } from './ledger.routes.js';
import type { PaymentProvider } from './payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';
import { webhookRoutes } from './webhook.routes.js';

export async function fundingRoutes(app: AppInstance, opts: { provider?: PaymentProvider } = {}): Promise<void> {
  const provider = opts.provider ?? createStripeProvider(app.deps.config);
  await app.register(givingRoutes, { provider });
  await app.register(ledgerRoutes);
  await app.register(webhookRoutes, { provider });
  await app.register(campaignAdminRoutes);
  await app.register(donationAdminRoutes, { provider });
}
