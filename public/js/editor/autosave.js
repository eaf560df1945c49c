// @ts-check
// Autosave: a few seconds after the writer stops typing, the text fields go to the article's autosave
// endpoint, which keeps them as the pending autosave (never the article readers see). The form's revision and
// the autosave counter travel with each request, so a save or an autosave from another tab is never
// overwritten: the server answers 409 and this tab stops, saying why. Without this script the form posts
// as always.
import { requestJson, HttpError } from '../http.js';
import { locale, t } from '../i18n.js';

const DELAY_MS = 2000;
const RETRY_MS = 15000;
const FIELDS = ['headline', 'excerpt', 'dateline', 'body'];

/**
 * @param {HTMLFormElement} form the article form, carrying data-autosave-url and data-draft
 * @param {HTMLElement} status the aria-live status line under the body
 */
export function startAutosave(form, status) {
  const url = form.dataset.autosaveUrl;
  if (!url) return;
  let draft = Number(form.dataset.draft || '0');
  const csrfField = form.elements.namedItem('_csrf');
  const revisionField = form.elements.namedItem('revision');
  const csrf = csrfField instanceof HTMLInputElement ? csrfField.value : '';
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let inFlight = false;
  let again = false;
  let stopped = false;
  let lastSent = JSON.stringify(snapshot());

  /** @returns {Record<string, string>} */
  function snapshot() {
    /** @type {Record<string, string>} */
    const out = {};
    for (const name of FIELDS) {
      const el = form.elements.namedItem(name);
      out[name] = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : '';
    }
    return out;
  }

  /** @param {string} text @param {'ok' | 'error' | ''} kind */
  function say(text, kind) {
    status.textContent = text;
    status.classList.toggle('autosave-error', kind === 'error');
  }

  async function save() {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    const snap = snapshot();
    const text = JSON.stringify(snap);
    if (text === lastSent) {
      form.dataset.autosaveState = 'saved';
      return;
    }
    inFlight = true;
    try {
      const revision = revisionField instanceof HTMLInputElement ? Number(revisionField.value) : 0;
      const answer = /** @type {{ draft: number; savedAt: string }} */ (
        await requestJson(url || '', { json: { ...snap, revision, draft }, csrf })
      );
      draft = answer.draft;
      form.dataset.draft = String(draft);
      lastSent = text;
      if (JSON.stringify(snapshot()) === text) form.dataset.autosaveState = 'saved';
      const at = new Date(answer.savedAt).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
      say(t('scripts.js_autosaved_at', { time: at }), 'ok');
    } catch (err) {
      if (err instanceof HttpError && (err.status === 409 || err.status === 403 || err.status === 404)) {
        stopped = true;
        say(t('scripts.js_not_autosaved', { reason: err.message }), 'error');
      } else {
        say(t('scripts.js_not_autosaved_unreachable'), 'error');
        clearTimeout(timer);
        timer = setTimeout(save, RETRY_MS);
      }
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void save();
      }
    }
  }

  form.addEventListener('input', (e) => {
    const field = e.target;
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) || !FIELDS.includes(field.name))
      return;
    form.dataset.autosaveState = 'pending';
    clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  });
  // A real save sends the text itself; an autosave landing after it would only be thrown away.
  form.addEventListener('submit', (e) => {
    // Previews and passage checks open in a new tab and save nothing.
    if (e.submitter && e.submitter.getAttribute('formtarget') === '_blank') return;
    clearTimeout(timer);
    stopped = true;
  });
}
