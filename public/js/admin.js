// @ts-check
// Conveniences for the admin pages. Every page works without this file: snippets can be copied by hand
// and forms submit normally.
import { announce, politeRegion } from './announce.js';
import { findAll } from './dom.js';
import { t } from './i18n.js';

// One polite live region (made now, before anything is said in it) so screen-reader users hear what a button did.
const region = politeRegion();
/** @param {string} text */
const say = (text) => announce(region, text);

// "Insert": puts an image snippet on a line of its own at the cursor of the body field.
const body = document.getElementById('field-body');
for (const b of findAll(document, '[data-insert-snippet]')) {
  b.addEventListener('click', () => {
    if (!(body instanceof HTMLTextAreaElement)) return;
    const snippet = b.getAttribute('data-insert-snippet') || '';
    const before = body.value.slice(0, body.selectionStart);
    const after = body.value.slice(body.selectionEnd);
    const lead = before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
    const trail = after === '' || /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
    body.value = before + lead + snippet + trail + after;
    const caret = (before + lead + snippet).length;
    body.focus();
    body.setSelectionRange(caret, caret);
    body.dispatchEvent(new Event('input', { bubbles: true }));
    say(t('scripts.js_image_inserted'));
  });
}

// "Copy snippet": to the clipboard, falling back to selecting the text field.
for (const b of findAll(document, '[data-copy-snippet]')) {
  b.addEventListener('click', () => {
    const text = b.getAttribute('data-copy-snippet') || '';
    const done = () => {
      say(t('scripts.js_snippet_copied'));
      b.textContent = t('scripts.js_copied');
      setTimeout(() => {
        b.textContent = t('scripts.js_copy_snippet');
      }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, () => selectField(b));
    } else {
      selectField(b);
    }
  });
}

/** @param {HTMLElement} b */
function selectField(b) {
  const field = b.closest('li')?.querySelector('input.snippet');
  if (field instanceof HTMLInputElement) {
    field.focus();
    field.select();
    say(t('admin.js_snippet_selected'));
  }
}

// Warn before leaving the editor with unsaved changes.
const form = document.getElementById('article-form');
if (form) {
  let dirty = false;
  form.addEventListener('input', () => {
    dirty = true;
  });
  form.addEventListener('submit', (e) => {
    // The preview opens in a new tab and saves nothing; a real save clears the flag.
    if (!e.submitter || e.submitter.getAttribute('formtarget') !== '_blank') dirty = false;
  });
  window.addEventListener('beforeunload', (e) => {
    // Autosaved typing (editor/autosave.js) is safe on the server: no need to hold the writer back.
    if (dirty && form.getAttribute('data-autosave-state') !== 'saved') {
      e.preventDefault();
      e.returnValue = '';
    }
  });
}
