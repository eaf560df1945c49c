// @ts-check
// "Check passages" on the article editor, in place: posts the unsaved form and says how many readers'
// anchored comments the edit would orphan. Without this file the button opens the same check in a new tab.
import { t } from './i18n.js';
import { announce } from './announce.js';
import { find } from './dom.js';
import { requestJson } from './http.js';

/** @param {HTMLButtonElement} button */
function enhance(button) {
  /** @type {HTMLElement | null} */
  let result = null;
  // The status line is made on the first check, so the page keeps one status message (the save notice) until then.
  /** @param {string} text */
  function say(text) {
    if (!result) {
      result = document.createElement('p');
      result.className = 'passages-result';
      result.setAttribute('role', 'status');
      button.parentElement?.insertAdjacentElement('afterend', result);
    }
    announce(result, text);
  }
  button.textContent = t('inline.js_check_passages');
  button.addEventListener('click', async (e) => {
    e.preventDefault();
    const form = button.form;
    if (!form) return;
    const fields = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') fields.append(name, value);
    button.disabled = true;
    try {
      const r = /** @type {{ total: number; orphaned: number }} */ (
        await requestJson(button.getAttribute('formaction') || '', {
          form: fields,
        })
      );
      say(
        r.total === 0
          ? t('inline.js_check_none')
          : r.orphaned === 0
            ? t('inline.js_check_all_kept')
            : t('inline.js_check_orphans', { orphaned: r.orphaned, total: r.total }),
      );
    } catch {
      say(t('inline.js_check_failed'));
    } finally {
      button.disabled = false;
    }
  });
}

const button = find(document, '[data-passages-check]', HTMLButtonElement);
if (button) enhance(button);
