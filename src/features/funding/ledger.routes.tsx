/** The public ledger (page and API) and the live goal as JSON. */
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { AppInstance } from '../../web/app-instance.js';
import { problemResponses } from '../../web/problem.js';
import { GoalAnswer, LedgerAnswer } from './funding.schemas.js';
import { loadGoal, loadLedger } from './ledger.service.js';
import { LedgerPage } from './views/LedgerPage.js';

export async function ledgerRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const ledger = () => loadLedger(deps);

  app.get('/ledger', async (request, reply) => {
    const siteName = (await readSiteIdentity(deps)).name;
    return reply.page(
      {
        title: request.i18n.t('funding.ledger_heading'),
        description: request.i18n.t('funding.ledger_description', { site: siteName }),
        canonical: `${deps.config.siteUrl}/ledger`,
      },
      <LedgerPage siteName={siteName} ledger={await ledger()} />,
    );
  });

  app.get(
    '/api/funding/ledger',
    {
      schema: {
        tags: ['donations'],
        summary: 'Public ledger: per-month goal, raised, gifts and online/offline split (minor units), donor wall.',
        response: { 200: LedgerAnswer, ...problemResponses() },
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
        response: { 200: GoalAnswer, ...problemResponses() },
      },
    },
    async () => ({ goal: await loadGoal(deps) }),
  );
}
