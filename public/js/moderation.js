// @ts-check
// Moderation queue enhancements. Without this file every button is a form post that reloads the queue.
// With it: j/k move between comments, x selects, a/s/t/r approve, spam, trash or send back to pending
// the focused comment; buttons act in place; results are announced in the page's live region.
// Shortcuts work only while focus is inside the list (WCAG 2.1.4: single-key shortcuts scoped to a component).
import { announce } from './announce.js';
import { closestTo, find, findAll, must } from './dom.js';
import { requestJson } from './http.js';
import { t } from './i18n.js';

/** @typedef {'approve' | 'spam' | 'trash' | 'restore'} Action */

/** @type {Record<string, Action>} */
const KEYS = { a: 'approve', s: 'spam', t: 'trash', r: 'restore' };
/** @type {Action[]} */
const ACTIONS = ['approve', 'spam', 'trash', 'restore'];
/** @type {Record<string, string>} each status's label */
const LABELS = {
  pending: 'modsettings.js_status_pending',
  approved: 'modsettings.js_status_approved',
  spam: 'modsettings.js_status_spam',
  trash: 'modsettings.js_status_trash',
};
/** @type {Record<string, string>} */
const HIDES = { approve: 'approved', spam: 'spam', trash: 'trash', restore: 'pending' };

/**
 * @param {string} s
 * @returns {s is Action}
 */
function isAction(s) {
  return ACTIONS.some((a) => a === s);
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLElement} list
 * @param {HTMLElement} live
 */
function enhance(form, list, live) {
  const csrf = must(form, 'input[name="_csrf"]', HTMLInputElement).value;
  // Not form.action: the bulk buttons are named "action", which shadows the property.
  const endpoint = form.getAttribute('action') || '';

  const items = () => findAll(list, '.mod-item');
  /** @param {number | string} id */
  const itemById = (id) => find(list, '.mod-item[data-id="' + id + '"]');

  /**
   * @param {string} text
   * @param {boolean} [isError]
   */
  function say(text, isError) {
    live.className = 'notice mod-live ' + (isError ? 'notice-error' : 'notice-ok');
    announce(live, text);
  }

  /** @param {HTMLElement | undefined} item */
  function focusItem(item) {
    if (!item) return;
    for (const el of items()) {
      el.tabIndex = -1;
      el.classList.remove('is-current');
    }
    item.tabIndex = 0;
    item.classList.add('is-current');
    item.focus();
  }

  /**
   * @param {HTMLElement} item
   * @param {string} status
   */
  function setStatus(item, status) {
    item.setAttribute('data-status', status);
    const label = must(item, '[data-status-label]');
    const key = LABELS[status];
    label.textContent = key ? t(key) : status;
    label.className = 'mod-status status-' + status;
    for (const b of findAll(item, 'button.mod-act')) b.hidden = HIDES[b.getAttribute('data-action') || ''] === status;
  }

  /**
   * Applies `action` to the comments `ids` and announces what changed. Rejects (after announcing) on failure.
   * @param {Action} action
   * @param {number[]} ids
   */
  async function act(action, ids) {
    try {
      const body = /** @type {{ changed: Array<{ id: number; status: string }> }} */ (
        await requestJson(endpoint, {
          json: { action, ids },
          csrf,
          fallback: t('modsettings.js_action_failed'),
        })
      );
      for (const c of body.changed) {
        const el = itemById(c.id);
        if (el) setStatus(el, c.status);
      }
      const one = ids.length === 1 && ids[0] !== undefined ? itemById(ids[0]) : null;
      const author = one ? one.getAttribute('data-author') || '' : '';
      const n = body.changed.length;
      const many = ids.length !== 1;
      if (n === 0)
        say(
          t(
            many
              ? 'modsettings.js_unchanged_many'
              : author
                ? 'modsettings.js_unchanged_by'
                : 'modsettings.js_unchanged_one',
            { action, author },
          ),
        );
      else if (n === 1)
        say(t(!many && author ? 'modsettings.js_done_by' : 'modsettings.js_done_one', { action, author }));
      else say(t('modsettings.js_done_many', { action, count: n }));
      return body;
    } catch (err) {
      say((err instanceof Error && err.message) || t('modsettings.js_network_error'), true);
      throw err;
    }
  }

  // Roving focus: the first comment is reachable with Tab; j/k move.
  const first = items()[0];
  if (first) first.tabIndex = 0;
  list.addEventListener('focusin', (e) => {
    const item = closestTo(e, '.mod-item');
    if (item && !item.classList.contains('is-current')) {
      for (const el of items()) {
        el.classList.remove('is-current');
        if (el !== item) el.tabIndex = -1;
      }
      item.classList.add('is-current');
      item.tabIndex = 0;
    }
  });

  list.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement ||
      (target instanceof HTMLInputElement && target.type !== 'checkbox')
    )
      return;
    const item = closestTo(e, '.mod-item');
    if (!item) return;
    const all = items();
    const i = all.indexOf(item);
    const key = e.key.toLowerCase();
    const action = KEYS[key];
    if (key === 'j' || key === 'k') {
      e.preventDefault();
      focusItem(all[key === 'j' ? Math.min(i + 1, all.length - 1) : Math.max(i - 1, 0)]);
    } else if (key === 'x') {
      e.preventDefault();
      const box = must(item, '.mod-select', HTMLInputElement);
      box.checked = !box.checked;
      say(
        t(box.checked ? 'modsettings.js_selected' : 'modsettings.js_unselected', {
          author: item.getAttribute('data-author') || '',
        }),
      );
    } else if (action) {
      e.preventDefault();
      act(action, [Number(item.getAttribute('data-id'))]).then(
        () => focusItem(all[Math.min(i + 1, all.length - 1)]),
        () => {
          /* announced */
        },
      );
    }
  });

  // Buttons act in place too; the form still posts normally if scripts fail to load.
  form.addEventListener('submit', (e) => {
    const b = e.submitter;
    if (!(b instanceof HTMLButtonElement)) return;
    /** @type {string} */
    let action;
    /** @type {number[]} */
    let ids;
    if (b.name === 'one') {
      const [what = '', id] = b.value.split(':');
      action = what;
      ids = [Number(id)];
    } else if (b.name === 'action') {
      action = b.value;
      ids = findAll(form, '.mod-select:checked', HTMLInputElement).map((c) => Number(c.value));
      if (ids.length === 0) {
        e.preventDefault();
        say(t('modsettings.js_select_first'), true);
        return;
      }
    } else return;
    if (!isAction(action)) return;
    e.preventDefault();
    act(action, ids).then(
      () => {
        if (b.name === 'action')
          for (const c of findAll(form, '.mod-select:checked', HTMLInputElement)) c.checked = false;
      },
      () => {
        /* announced */
      },
    );
  });

  const selectAll = find(document, '#mod-select-all', HTMLInputElement);
  if (selectAll) {
    selectAll.addEventListener('change', () => {
      for (const c of findAll(form, '.mod-select', HTMLInputElement)) c.checked = selectAll.checked;
    });
  }
}

const form = document.getElementById('mod-form');
const list = form && find(form, '.mod-queue');
const live = document.getElementById('mod-live');
if (form instanceof HTMLFormElement && list && live) enhance(form, list, live);
