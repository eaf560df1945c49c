import { formatMoney } from '../../../lib/money.js';
import type { Campaign } from '../campaign.types.js';
import { barMax, pct } from '../goal.js';

export { pct };

const monthFmt = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The month's goal bar, on every page: server-rendered, accessible, updated live by /js/goal-bar.js (fed by live.js). */
export function GoalBar({ campaign }: { campaign: Campaign }) {
  const month = monthFmt.format(new Date(`${campaign.month}-01T00:00:00Z`));
  const max = barMax(campaign);
  const raised = formatMoney(campaign.raisedMinor, campaign.currency);
  const goal = formatMoney(campaign.goalMinor, campaign.currency);
  const fill = pct(campaign.raisedMinor, max);
  return (
    <section class="goal" aria-labelledby="goal-label" data-goal-month={campaign.month}>
      <div class="goal-inner">
        <p class="goal-label" id="goal-label">
          <span class="goal-month">{month.toUpperCase()}</span>{' '}
          <span class="goal-raised" data-goal-raised>
            {raised}
          </span>{' '}
          raised of <span data-goal-goal>{goal}</span> goal
        </p>
        <div
          class="goal-track"
          role="progressbar"
          aria-labelledby="goal-label"
          aria-valuemin={0}
          aria-valuemax={campaign.goalMinor}
          aria-valuenow={Math.min(campaign.raisedMinor, max)}
          aria-valuetext={`${raised} raised of ${goal}`}
          data-goal-bar
        >
          <div class={`goal-fill w-${fill}`} data-goal-fill />
        </div>
        <ol class="goal-ticks" aria-label="Milestones" data-goal-ticks>
          {campaign.ticks.map((t) => (
            <li class={`goal-tick at-${pct(t, max)}${campaign.raisedMinor >= t ? ' reached' : ''}`}>
              {formatMoney(t, campaign.currency)}
            </li>
          ))}
        </ol>
        <a class="goal-cta" href="/donate">
          Give now
        </a>
      </div>
    </section>
  );
}
