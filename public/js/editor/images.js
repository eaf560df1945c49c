// @ts-check
// Images pasted or dropped into the body, or chosen with the toolbar's "Image…": the dialog asks for the alt
// text (required unless the image is marked decorative), the file goes through the image library's upload
// (the same pipeline as /admin/images), and the library snippet lands on a line of its own at the caret.
import { HttpError } from '../http.js';
import { t } from '../i18n.js';
import { replaceRange } from './toolbar.js';

const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

/**
 * @param {HTMLTextAreaElement} body
 * @param {HTMLDialogElement} dialog
 * @param {string} csrf
 * @param {(text: string) => void} say
 * @returns {(file: File) => void} asks for the alt text of `file`, then uploads and inserts it
 */
export function startImages(body, dialog, csrf, say) {
  const form = /** @type {HTMLFormElement} */ (dialog.querySelector('form'));
  const alt = /** @type {HTMLTextAreaElement} */ (dialog.querySelector('#image-alt-text'));
  const decorative = /** @type {HTMLInputElement} */ (dialog.querySelector('#image-alt-decorative'));
  const caption = /** @type {HTMLInputElement} */ (dialog.querySelector('#image-alt-caption'));
  const error = /** @type {HTMLElement} */ (dialog.querySelector('#image-alt-error'));
  const status = /** @type {HTMLElement} */ (dialog.querySelector('#image-alt-status'));
  const thumb = /** @type {HTMLImageElement} */ (dialog.querySelector('#image-alt-thumb'));
  /** @type {File | null} */
  let pending = null;
  let caret = 0;

  /** @param {File} file */
  function ask(file) {
    if (!TYPES.includes(file.type)) {
      say(t('scripts.js_image_types'));
      return;
    }
    pending = file;
    caret = body.selectionStart;
    alt.value = '';
    caption.value = '';
    decorative.checked = false;
    error.hidden = true;
    alt.removeAttribute('aria-invalid');
    status.textContent = '';
    thumb.src = URL.createObjectURL(file);
    dialog.showModal();
    alt.focus();
  }

  form.addEventListener('submit', async (e) => {
    const submitter = /** @type {SubmitEvent} */ (e).submitter;
    if (submitter instanceof HTMLButtonElement && submitter.value === 'cancel') {
      pending = null;
      return; // method="dialog" closes it
    }
    e.preventDefault();
    if (!pending) return dialog.close();
    if (!decorative.checked && alt.value.trim() === '') {
      error.hidden = false;
      alt.setAttribute('aria-invalid', 'true');
      alt.focus();
      return;
    }
    const data = new FormData();
    data.append('_csrf', csrf);
    data.append('alt', decorative.checked ? '' : alt.value.trim());
    if (decorative.checked) data.append('decorative', '1');
    if (caption.value.trim()) data.append('caption', caption.value.trim());
    data.append('file', pending, pending.name || 'pasted-image.png');
    status.textContent = t('scripts.js_uploading');
    try {
      const res = await fetch('/admin/images', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-csrf-token': csrf },
        body: data,
      });
      const answer = await res.json().catch(() => ({}));
      if (!res.ok) throw new HttpError(answer.title || t('scripts.js_upload_failed'), res.status, answer.fields || {});
      pending = null;
      dialog.close();
      insertSnippet(String(answer.snippet));
      say(t('scripts.js_image_uploaded'));
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : t('scripts.js_upload_failed');
    }
  });
  dialog.addEventListener('close', () => {
    if (thumb.src) URL.revokeObjectURL(thumb.src);
    body.focus();
  });

  /** @param {string} snippet */
  function insertSnippet(snippet) {
    const before = body.value.slice(0, caret);
    const after = body.value.slice(caret);
    const lead = before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    const trail = after === '' || /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    replaceRange(body, caret, caret, lead + snippet + trail);
  }

  /** @param {DataTransfer | null} dt */
  const imageOf = (dt) => [...(dt?.files ?? [])].find((f) => f.type.startsWith('image/')) ?? null;
  body.addEventListener('paste', (e) => {
    const file = imageOf(e.clipboardData);
    if (!file) return;
    e.preventDefault();
    ask(file);
  });
  body.addEventListener('dragover', (e) => {
    if ([...(e.dataTransfer?.types ?? [])].includes('Files')) e.preventDefault();
  });
  body.addEventListener('drop', (e) => {
    const file = imageOf(e.dataTransfer);
    if (!file) return;
    e.preventDefault();
    body.focus();
    ask(file);
  });
  return ask;
}
