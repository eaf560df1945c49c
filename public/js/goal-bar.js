// @ts-check
// The month's goal bar, kept current: each `broadsheet:goal.update` (from live.js) sets the bar's value, its
// text, the milestones and the amounts shown elsewhere on the page, or hides the bar when the campaign went.
import { findAll } from './dom.js';
import { on } from './events.js';
import { fetchJson } from './http.js';
import { t } from './i18n.js';

/**
 * @param {Element} bar
 * @param {import('./events.js').GoalUpdate} d
 */
function update(bar, d) {
  const around = bar.closest('[data-goal-month]');
  const section = around instanceof HTMLElement ? around : null;
  if (section && d.month && section.getAttribute('data-goal-month') !== d.month) return;
  if (d.removed) {
    if (section) section.hidden = true;
    return;
  }
  if (section) section.hidden = false;
  const raisedText = String(d.raisedText);
  if (typeof d.goalMinor === 'number') bar.setAttribute('aria-valuemax', String(d.goalMinor));
  const max = Number(bar.getAttribute('aria-valuemax'));
  const raised = Number(d.raisedMinor);
  bar.setAttribute('aria-valuenow', String(max > 0 ? Math.min(raised, max) : raised));
  // The goal as the page shows it, unless the update brings a new one (amounts come written in the site's language).
  const shownGoal = document.querySelector('[data-goal-goal]');
  const goalText = typeof d.goalText === 'string' ? d.goalText : shownGoal ? shownGoal.textContent || '' : '';
  bar.setAttribute(
    'aria-valuetext',
    goalText
      ? t('funding.js_goal_valuetext', { raised: raisedText, goal: goalText })
      : t('funding.js_goal_valuetext_raised', { raised: raisedText }),
  );
  if (typeof d.goalText === 'string') {
    for (const g of findAll(document, '[data-goal-goal]')) g.textContent = d.goalText;
  }
  const list = section && section.querySelector('[data-goal-ticks]');
  if (list && Array.isArray(d.ticks)) {
    list.replaceChildren();
    for (const t of d.ticks) {
      const li = document.createElement('li');
      li.className =
        'goal-tick at-' + Math.max(0, Math.min(100, Math.round(Number(t.at) || 0))) + (t.reached ? ' reached' : '');
      li.textContent = String(t.text);
      list.appendChild(li);
    }
  }
  const fill = bar.querySelector('.goal-fill');
  if (fill) {
    const pct = Math.max(0, Math.min(100, Math.round(Number(d.percent) || 0)));
    fill.className = fill.className.replace(/\bw-\d+\b/, '').trim() + ' w-' + pct;
  }
  for (const el of findAll(document, '[data-goal-raised]')) el.textContent = raisedText;
}

const bar = document.querySelector('[data-goal-bar]');
if (bar) {
  on(document, 'broadsheet:goal.update', (d) => update(bar, d));
  // Updates may have been missed while the live connection was down: read the goal as it stands.
  on(document, 'broadsheet:resync', async ({ topic }) => {
    if (topic !== 'goal') return;
    const answer = /** @type {{ goal?: import('./events.js').GoalUpdate | null } | null} */ (
      await fetchJson('/api/funding/goal').catch(() => null)
    );
    if (answer && answer.goal) update(bar, answer.goal);
  });
}
