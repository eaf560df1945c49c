// @ts-check
// The Markdown toolbar: each button wraps or prefixes the body's selection with the Markdown the site
// accepts, with keyboard shortcuts, and the toolbar is one tab stop whose buttons the arrow keys move between
// (the ARIA toolbar pattern).

/**
 * Replaces the selection with `before + selected + after` (or a placeholder when nothing is selected) and
 * selects the inserted text, as undo-able input where the browser allows.
 * @param {HTMLTextAreaElement} body
 * @param {string} before
 * @param {string} after
 * @param {string} placeholder
 */
export function wrapSelection(body, before, after, placeholder) {
  const start = body.selectionStart;
  const end = body.selectionEnd;
  const selected = body.value.slice(start, end) || placeholder;
  replaceRange(body, start, end, before + selected + after);
  body.setSelectionRange(start + before.length, start + before.length + selected.length);
}

/**
 * Puts `prefix` at the start of every line the selection touches.
 * @param {HTMLTextAreaElement} body
 * @param {(i: number) => string} prefix
 */
function prefixLines(body, prefix) {
  const start = body.value.lastIndexOf('\n', body.selectionStart - 1) + 1;
  let end = body.value.indexOf('\n', Math.max(body.selectionEnd - 1, start));
  if (end === -1) end = body.value.length;
  const lines = body.value.slice(start, end).split('\n');
  const text = lines.map((l, i) => prefix(i) + l).join('\n');
  replaceRange(body, start, end, text);
  body.setSelectionRange(start, start + text.length);
}

/**
 * @param {HTMLTextAreaElement} body
 * @param {number} start
 * @param {number} end
 * @param {string} text
 */
export function replaceRange(body, start, end, text) {
  body.focus();
  body.setRangeText(text, start, end, 'end');
  body.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * @param {HTMLElement} toolbar
 * @param {HTMLTextAreaElement} body
 * @param {(action: string) => void} other actions the toolbar does not do itself (the image upload)
 */
export function startToolbar(toolbar, body, other) {
  /** @type {Record<string, () => void>} */
  const actions = {
    bold: () => wrapSelection(body, '**', '**', 'bold text'),
    italic: () => wrapSelection(body, '_', '_', 'italic text'),
    heading: () => prefixLines(body, () => '## '),
    link: () => {
      const start = body.selectionStart;
      const label = body.value.slice(start, body.selectionEnd) || 'link text';
      replaceRange(body, start, body.selectionEnd, `[${label}](https://)`);
      // The address is what the writer types next.
      const at = start + label.length + 3;
      body.setSelectionRange(at, at + 'https://'.length);
    },
    quote: () => prefixLines(body, () => '> '),
    list: () => prefixLines(body, () => '- '),
    image: () => other('image'),
  };
  const buttons = /** @type {HTMLButtonElement[]} */ ([...toolbar.querySelectorAll('button[data-md]')]);
  for (const b of buttons) {
    b.addEventListener('click', () => actions[b.dataset.md || '']?.());
  }
  toolbar.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(/** @type {HTMLButtonElement} */ (e.target));
    if (i < 0) return;
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % buttons.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const from = buttons[i];
    const to = buttons[next];
    if (!from || !to) return;
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  });
  // Shortcuts in the body: the keys each button announces in aria-keyshortcuts.
  body.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    const b = buttons.find((btn) => {
      const keys = (btn.getAttribute('aria-keyshortcuts') || '').toLowerCase().split('+');
      return keys[keys.length - 1] === key && keys.includes('alt') === e.altKey && !e.shiftKey;
    });
    if (!b) return;
    e.preventDefault();
    actions[b.dataset.md || '']?.();
  });
}
