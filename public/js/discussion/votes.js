// @ts-check
// Votes in place: the reader's own votes shown as pressed buttons, scores updated, a vote posted without
// leaving the page (its error shown under the comment).
import { locale, t } from '../i18n.js';
import { findAll } from '../dom.js';
import { requestJson } from '../http.js';

/**
 * Presses the vote buttons under `root` that match the reader's votes.
 * @param {import('./state.js').Discussion} d
 * @param {ParentNode} root
 */
export function markVotes(d, root) {
  for (const b of findAll(root, 'button[data-vote]', HTMLButtonElement)) {
    const mine = d.myVotes[b.value.split(':')[0] ?? ''] || 0;
    const kind = b.getAttribute('data-vote');
    b.setAttribute('aria-pressed', String((kind === 'up' && mine === 1) || (kind === 'down' && mine === -1)));
  }
}

/**
 * @param {import('./state.js').Discussion} d
 * @param {number | string} id
 * @param {number} score
 */
export function setScore(d, id, score) {
  const el = d.section.querySelector('[data-score-for="' + id + '"]');
  const last = el && el.lastChild;
  if (last && last.nodeType === Node.TEXT_NODE)
    last.nodeValue = new Intl.NumberFormat(locale(), { signDisplay: 'exceptZero' }).format(score);
}

/**
 * @param {import('./state.js').Discussion} d
 * @param {Element | null} li
 * @param {string} message
 */
function showError(d, li, message) {
  const actions = li && li.querySelector('.comment-actions');
  if (!actions) {
    d.say(message);
    return;
  }
  const p = document.createElement('p');
  p.className = 'field-error comment-error';
  p.setAttribute('role', 'alert');
  p.textContent = message;
  actions.appendChild(p);
}

/** @param {Element | null} li */
function clearError(li) {
  li?.querySelector('.comment-error')?.remove();
}

/**
 * Casts (or, on a pressed button, takes back) the vote a button stands for.
 * @param {import('./state.js').Discussion} d
 * @param {HTMLButtonElement} button
 */
export async function vote(d, button) {
  const [id = '', kind] = button.value.split(':');
  const value = button.getAttribute('aria-pressed') === 'true' ? 0 : kind === 'up' ? 1 : -1;
  const li = document.getElementById('comment-' + id);
  clearError(li);
  button.disabled = true;
  try {
    const r = /** @type {{ myVote: number; score: number }} */ (
      await requestJson('/api/comments/' + id + '/vote', { json: { value }, csrf: d.csrf })
    );
    d.myVotes[id] = r.myVote;
    const actions = li && li.querySelector('.comment-actions');
    if (actions) markVotes(d, actions);
    setScore(d, id, r.score);
    d.say(t(r.myVote === 0 ? 'discussion.js_vote_taken_back' : 'discussion.js_vote_recorded', { score: r.score }));
  } catch (err) {
    showError(d, li, err instanceof Error ? err.message : String(err));
  } finally {
    button.disabled = false;
  }
}
