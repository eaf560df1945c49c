import { useI18n } from '../../../web/i18n-context.js';
import type { Campaign } from '../campaign.types.js';
import { barMax, pct } from '../goal.js';

export { pct };

/**
 * The month's goal bar, on every page: server-rendered, accessible, updated live by /js/goal-bar.js (fed by live.js).
 * Its texts and amounts are in the site's language; the page cache follows the site identity, language included.
 */
export function GoalBar({ campaign }: { campaign: Campaign }) {
  const i18n = useI18n();
  const month = i18n.month(campaign.month).toLocaleUpperCase(i18n.intlLocale);
  const max = barMax(campaign);
  const raised = i18n.money(campaign.raisedMinor, campaign.currency);
  const goal = i18n.money(campaign.goalMinor, campaign.currency);
  const fill = pct(campaign.raisedMinor, max);
  return (
    <section class="goal" aria-labelledby="goal-label" data-goal-month={campaign.month}>
      <div class="goal-inner">
        <p class="goal-label" id="goal-label">
          {i18n.rich('funding.goal_label', {
            month,
            raised,
            goal,
            m: (chunks: string[]) => <span class="goal-month">{chunks}</span>,
            r: (chunks: string[]) => (
              <span class="goal-raised" data-goal-raised>
                {chunks}
              </span>
            ),
            g: (chunks: string[]) => <span data-goal-goal>{chunks}</span>,
          })}
        </p>
        <div
          class="goal-track"
          role="progressbar"
          aria-labelledby="goal-label"
          aria-valuemin={0}
          aria-valuemax={campaign.goalMinor}
          aria-valuenow={Math.min(campaign.raisedMinor, max)}
          aria-valuetext={i18n.t('funding.js_goal_valuetext', { raised, goal })}
          data-goal-bar
        >
          <div class={`goal-fill w-${fill}`} data-goal-fill />
        </div>
        <ol class="goal-ticks" aria-label={i18n.t('funding.goal_milestones')} data-goal-ticks>
          {campaign.ticks.map((t) => (
            <li class={`goal-tick at-${pct(t, max)}${campaign.raisedMinor >= t ? ' reached' : ''}`}>
              {i18n.money(t, campaign.currency)}
            </li>
          ))}
        </ol>
        <a class="goal-cta" href="/donate">
          {i18n.t('funding.goal_give_now')}
        </a>
      </div>
    </section>
  );
}
