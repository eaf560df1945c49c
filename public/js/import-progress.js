// @ts-check
// Updates an import's progress in place while it runs (the page works without this: it has a Refresh link).
import { fetchJson } from './http.js';

/**
 * The progress endpoint's answer.
 * @typedef {object} Progress
 * @property {string} label
 * @property {number} items
 * @property {number} created
 * @property {number} updated
 * @property {number} skipped
 * @property {number | null} percent
 * @property {boolean} active
 */

/**
 * @param {string} id
 * @param {unknown} text
 */
function set(id, text) {
  const el = document.getElementById(id);
  if (el && el.textContent !== String(text)) el.textContent = String(text);
}

/** @param {string} url */
function follow(url) {
  const tick = async () => {
    /** @type {Progress | null} */
    let p;
    try {
      p = /** @type {Progress | null} */ (await fetchJson(url));
    } catch {
      setTimeout(tick, 5000);
      return;
    }
    if (!p) return;
    set('job-state', p.label);
    set('job-items', p.items);
    set('job-created', p.created);
    set('job-updated', p.updated);
    set('job-skipped', p.skipped);
    const bar = document.getElementById('job-bar');
    if (bar && p.percent !== null) {
      bar.setAttribute('max', '100');
      bar.setAttribute('value', String(p.percent));
      set('job-percent', p.percent + '%');
    }
    // When it ends, reload once to show the summary the server renders.
    if (!p.active) {
      location.reload();
      return;
    }
    setTimeout(tick, 2000);
  };
  setTimeout(tick, 1000);
}

const root = document.getElementById('import-job');
const url = root && root.getAttribute('data-active') === 'true' ? root.getAttribute('data-progress-url') : null;
if (url) follow(url);
