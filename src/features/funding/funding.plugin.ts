/**
 * Reader funding: the donation page, the ledger, the Stripe webhook and the publisher's admin areas.
 * The payment provider they need is the context's (`deps.payments`, built once in createDeps).
 */
import type { AppInstance } from '../../web/app-instance.js';
import { campaignAdminRoutes } from './campaign-admin.routes.js';
import { donationAdminRoutes } from './donation-admin.routes.js';
import { givingRoutes } from './giving.routes.js';
import { ledgerRoutes } from './ledger.routes.js';
import { webhookRoutes } from './webhook.routes.js';

export async function fundingRoutes(app: AppInstance): Promise<void> {
  await app.register(givingRoutes);
  await app.register(ledgerRoutes);
  await app.register(webhookRoutes);
  await app.register(campaignAdminRoutes);
  await app.register(donationAdminRoutes);
}
