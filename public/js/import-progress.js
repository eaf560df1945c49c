// @ts-check
// Updates an import's progress in place while it runs (the page works without this: it has a Refresh link).
// The state's label comes translated from the server; numbers are written in the page's language.
import { fetchJson } from './http.js';
import { formatNumber, locale } from './i18n.js';

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
    set('job-items', formatNumber(p.items));
    set('job-created', formatNumber(p.created));
    set('job-updated', formatNumber(p.updated));
    set('job-skipped', formatNumber(p.skipped));
    const bar = document.getElementById('job-bar');
    if (bar && p.percent !== null) {
      bar.setAttribute('max', '100');
      bar.setAttribute('value', String(p.percent));
      set('job-percent', new Intl.NumberFormat(locale(), { style: 'percent' }).format(p.percent / 100));
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
