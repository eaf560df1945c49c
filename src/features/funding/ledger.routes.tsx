/** The public ledger (page and API) and the live goal as JSON. */
import type { AppInstance } from '../../web/app-instance.js';
import { monthOf } from '../../lib/clock.js';
import { findCampaignByMonth } from './campaign.repo.js';
import { goalUpdate } from './goal.js';
import { loadGivingSettings } from './giving-settings.js';
import { buildLedger } from './ledger.service.js';
import { LedgerPage } from './views/LedgerPage.js';

export async function ledgerRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const ledger = async () =>
    buildLedger(deps.db.kysely, monthOf(deps.clock.now()), (await loadGivingSettings(deps.db.kysely)).defaultCurrency);

  app.get('/ledger', async (_request, reply) =>
    reply.page(
      {
        title: 'Where the money comes from',
        description: `Monthly goals, gifts and donors of ${deps.config.siteName}.`,
        canonical: `${deps.config.siteUrl}/ledger`,
      },
      <LedgerPage siteName={deps.config.siteName} ledger={await ledger()} />,
    ),
  );

  app.get(
    '/api/funding/ledger',
    {
      schema: {
        tags: ['donations'],
        summary: 'Public ledger: per-month goal, raised, gifts and online/offline split (minor units), donor wall.',
      },
    },
    async () => {
      const l = await ledger();
      return { activePledges: l.activePledges, months: l.months, wall: l.wall };
    },
  );

  app.get(
    '/api/funding/goal',
    {
      schema: {
        tags: ['donations'],
        summary: "This month's goal (the bar's numbers), or null when the month has no campaign.",
      },
    },
    async () => {
      const c = await findCampaignByMonth(deps.db.kysely, monthOf(deps.clock.now()));
      return { goal: c ? goalUpdate(c) : null };
    },
  );
}
