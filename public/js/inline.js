// @ts-check
// Inline feedback, enhanced. Without this file every paragraph has a "Comment" link (?passage=pN) and a
// count that links to that passage's comments; this script lets a reader select words in a paragraph and
// comment on exactly those, and opens a passage's comments in place. A passage comment the discussion posts
// (`broadsheet:posted` on the comment form) counts beside its paragraph straight away.
import { t } from './i18n.js';
import { closestTo, find, must } from './dom.js';
import { on } from './events.js';
import { fetchText } from './http.js';

const MAX_QUOTE = 500;

/**
 * @param {HTMLElement} body the article body
 * @param {HTMLFormElement | null} form the comment form
 */
function enhance(body, form) {
  const choice = form && find(form, '[data-passage-choice]', HTMLDetailsElement);
  /** @type {HTMLButtonElement | null} */
  let selectButton = null;
  /** @type {{ id: string; quote: string } | null} */
  let pending = null;

  /**
   * The article paragraph (`p#pN`) a node is in.
   * @param {Node | null} node
   * @returns {HTMLElement | null}
   */
  function paragraphOf(node) {
    const el = node && (node instanceof Element ? node : node.parentElement);
    const p = el && el.closest('p[id]');
    return p instanceof HTMLElement && /^p\d+$/.test(p.id) && body.contains(p) ? p : null;
  }

  /** @param {Element} p */
  function toolsOf(p) {
    const next = p.nextElementSibling;
    return next && next.matches('[data-passage-tools]') ? next : null;
  }

  /**
   * Sets the form to a passage, shows the quote, and moves focus to the text box.
   * @param {HTMLDetailsElement} choice
   * @param {string} paragraphId
   * @param {string} quote
   */
  function choose(choice, paragraphId, quote) {
    must(choice, '[data-anchor-paragraph]', HTMLSelectElement).value = paragraphId;
    must(choice, '[data-anchor-exact]', HTMLInputElement).value = quote;
    const box = must(choice, '[data-passage-quote]');
    must(box, '[data-passage-quote-text]').textContent = quote;
    box.hidden = !quote;
    choice.open = true;
    if (form) must(form, 'textarea').focus();
  }

  /** @param {HTMLDetailsElement} choice */
  function clearChoice(choice) {
    must(choice, '[data-anchor-paragraph]', HTMLSelectElement).value = '';
    must(choice, '[data-anchor-exact]', HTMLInputElement).value = '';
    must(choice, '[data-passage-quote]').hidden = true;
    choice.open = false;
  }

  function hideSelectButton() {
    if (selectButton) selectButton.remove();
    selectButton = null;
    pending = null;
  }

  // A selection inside one paragraph offers "Comment on this selection" right after that paragraph.
  function onSelection() {
    const sel = window.getSelection();
    if (!choice || !sel || sel.isCollapsed || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    const p = paragraphOf(range.startContainer);
    if (!p || p !== paragraphOf(range.endContainer)) return;
    const quote = sel.toString().replace(/\s+/g, ' ').trim();
    if (!quote || quote.length > MAX_QUOTE) return;
    hideSelectButton();
    pending = { id: p.id, quote };
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'passage-select-button';
    button.textContent = t('inline.js_comment_on_selection');
    button.addEventListener('click', () => {
      const chosen = pending;
      hideSelectButton();
      if (chosen) choose(choice, chosen.id, chosen.quote);
    });
    const tools = toolsOf(p);
    (tools || p).insertAdjacentElement(tools ? 'afterbegin' : 'afterend', button);
    selectButton = button;
  }
  document.addEventListener('mouseup', (e) => {
    if (selectButton && e.target instanceof Node && selectButton.contains(e.target)) return;
    setTimeout(onSelection, 0);
  });
  document.addEventListener('keyup', (e) => {
    if (e.shiftKey || e.key === 'Shift') onSelection();
  });

  // "Comment" and "Answer" beside a paragraph: the form, set to that passage, without leaving the page.
  body.addEventListener('click', (e) => {
    const link = closestTo(e, 'a[data-comment-passage], a[data-answer]');
    if (link && choice) {
      e.preventDefault();
      hideSelectButton();
      choose(
        choice,
        link.getAttribute('data-comment-passage') || link.getAttribute('data-answer') || '',
        link.getAttribute('data-quote') || '',
      );
      return;
    }
    const count = closestTo(e, '[data-passage-count]');
    if (count instanceof HTMLAnchorElement) {
      e.preventDefault();
      void togglePanel(count);
    }
  });

  // The count opens that passage's comments in place (the same section the link leads to without JavaScript).
  /** @param {Element} a */
  function prepareCount(a) {
    const id = a.getAttribute('data-passage-count');
    a.setAttribute('role', 'button');
    a.setAttribute('aria-expanded', 'false');
    a.setAttribute('aria-controls', 'inline-panel-' + id);
  }
  body.querySelectorAll('[data-passage-count]').forEach(prepareCount);
  body.addEventListener('keydown', (e) => {
    const count = closestTo(e, '[data-passage-count]');
    if (count instanceof HTMLAnchorElement && e.key === ' ') {
      e.preventDefault();
      void togglePanel(count);
    }
  });

  /** @param {HTMLAnchorElement} a */
  async function togglePanel(a) {
    const id = a.getAttribute('data-passage-count') || '';
    const existing = document.getElementById('inline-panel-' + id);
    if (existing) {
      existing.remove();
      a.setAttribute('aria-expanded', 'false');
      return;
    }
    let html;
    try {
      html = await fetchText(location.pathname + '?passage=' + encodeURIComponent(id));
    } catch {
      location.href = a.href;
      return;
    }
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const section = doc.getElementById('passage-' + id + '-comments');
    if (!section) return;
    const panel = document.createElement('div');
    panel.className = 'inline-panel';
    panel.id = 'inline-panel-' + id;
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', 'Comments on paragraph ' + id.slice(1));
    const list = section.querySelector('.passage-comments');
    if (list) panel.appendChild(document.importNode(list, true));
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'link-button';
    close.textContent = 'Close';
    close.addEventListener('click', () => closePanel(panel, a));
    panel.appendChild(close);
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') closePanel(panel, a);
    });
    a.closest('[data-passage-tools]')?.appendChild(panel);
    a.setAttribute('aria-expanded', 'true');
  }

  /**
   * @param {Element} panel
   * @param {HTMLElement} a
   */
  function closePanel(panel, a) {
    panel.remove();
    a.setAttribute('aria-expanded', 'false');
    a.focus();
  }
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const a = closestTo(e, '[data-passage-count][aria-expanded=true]');
    const panel = a && document.getElementById(a.getAttribute('aria-controls') || '');
    if (a && panel) closePanel(panel, a);
  });

  /** @param {number} n */
  function countLabel(n) {
    return n + (n === 1 ? ' comment' : ' comments') + ' on this passage';
  }

  /** @param {string} id */
  function bumpCount(id) {
    const tools = body.querySelector('[data-passage-tools="' + id + '"]');
    if (!tools) return;
    let a = find(tools, '[data-passage-count]', HTMLAnchorElement);
    if (!a) {
      // The same control passage-tools.ts renders for a paragraph that has comments.
      a = document.createElement('a');
      a.className = 'passage-count';
      a.href = '?passage=' + id + '#passage-' + id + '-comments';
      a.setAttribute('data-passage-count', id);
      const shown = document.createElement('span');
      shown.setAttribute('aria-hidden', 'true');
      shown.textContent = '0';
      const label = document.createElement('span');
      label.className = 'visually-hidden';
      a.appendChild(shown);
      a.appendChild(label);
      tools.insertBefore(a, tools.firstChild);
      prepareCount(a);
    }
    const shown = must(a, '[aria-hidden]');
    const n = (parseInt(shown.textContent || '', 10) || 0) + 1;
    shown.textContent = String(n);
    must(a, '.visually-hidden').textContent = countLabel(n);
    // An open panel lists the comments as they were: open it again with the new one.
    const panel = document.getElementById('inline-panel-' + id);
    if (panel) {
      panel.remove();
      void togglePanel(a);
    }
  }

  // A passage comment shown at once (approved, not held for review) counts beside its paragraph straight away:
  // the count goes up, or appears if it was the paragraph's first.
  if (form) {
    on(form, 'broadsheet:posted', (posted) => {
      if (!choice) return;
      const paragraphId = must(choice, '[data-anchor-paragraph]', HTMLSelectElement).value;
      const parent = find(form, '[data-parent-input]', HTMLInputElement);
      const isReply = parent && parent.value !== '';
      if (paragraphId && !isReply && posted.status === 'approved') bumpCount(paragraphId);
      clearChoice(choice);
    });
  }
}

const body = document.querySelector('.article-body');
if (body instanceof HTMLElement) enhance(body, find(document, '[data-comment-form]', HTMLFormElement));
