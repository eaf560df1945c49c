// @ts-check
// Placing comments: a rendered comment (from the server, as HTML) inserted where the page's order puts it,
// changed in place or taken out, with the heading's count kept right.
import { formatNumber, t } from '../i18n.js';
import { must } from '../dom.js';
import { markVotes } from './votes.js';

/**
 * A comment as the server renders it for the list.
 * @typedef {{ id: number | string; parentId: number | string | null; html: string }} RenderedComment
 */

/**
 * The first element of some HTML (a rendered comment or list).
 * @param {string} html
 * @returns {HTMLElement | null}
 */
export function firstElementOf(html) {
  const t = document.createElement('template');
  t.innerHTML = html.trim();
  const el = t.content.firstElementChild;
  return el instanceof HTMLElement ? el : null;
}

/**
 * The list of threads, made when the discussion had none yet.
 * @param {import('./state.js').Discussion} d
 * @returns {HTMLElement}
 */
export function threadList(d) {
  const existing = d.section.querySelector('.comment-list');
  if (existing instanceof HTMLElement) return existing;
  const empty = d.section.querySelector('[data-no-comments]');
  const wrap = document.createElement('div');
  wrap.className = 'comment-threads';
  const ol = document.createElement('ol');
  ol.className = 'comment-list';
  wrap.appendChild(ol);
  if (empty) empty.replaceWith(wrap);
  else must(d.section, '.comment-pager').before(wrap);
  return ol;
}

/**
 * @param {Element} li
 * @returns {Element}
 */
function repliesOf(li) {
  let ol = li.querySelector(':scope > ol.replies');
  if (!ol) {
    ol = document.createElement('ol');
    ol.className = 'replies';
    li.appendChild(ol);
  }
  return ol;
}

/**
 * Inserts a rendered comment where it belongs: under the shown comment it nests under, or as a new thread
 * where this page's order puts it (first in Newest order on the first page; last in the other orders once no
 * later page is pending). The reader's own new comment (`force`) is always shown. Returns the element, or null
 * when it has no place on this page.
 * @param {import('./state.js').Discussion} d
 * @param {RenderedComment} c
 * @param {boolean} force
 * @returns {HTMLElement | null}
 */
export function insertComment(d, c, force) {
  if (document.getElementById('comment-' + c.id)) return null;
  const node = firstElementOf(c.html);
  if (!node) return null;
  const section = d.section;
  if (c.parentId) {
    const parent = document.getElementById('comment-' + c.parentId);
    if (!parent) return null;
    repliesOf(parent).appendChild(node);
  } else {
    const firstPage = section.getAttribute('data-first-page') === 'true';
    const morePending = !!section.querySelector('[data-load-more]');
    if (d.sort === 'newest' && (firstPage || force)) {
      const ol = threadList(d);
      ol.insertBefore(node, ol.firstElementChild);
    } else if (d.sort !== 'newest' && ((!morePending && section.getAttribute('data-thread') === null) || force)) {
      threadList(d).appendChild(node);
    } else return null;
  }
  markVotes(d, node);
  node.classList.add('is-new');
  return node;
}

/**
 * @param {import('./state.js').Discussion} d
 * @param {number} delta
 */
export function bumpCount(d, delta) {
  // The heading carries the count in `data-count`; its text is the plural message, the number in a span.
  const heading = d.section.querySelector('[data-count]');
  if (!heading) return;
  const n = Math.max(0, Number(heading.getAttribute('data-count')) + delta);
  heading.setAttribute('data-count', String(n));
  const text = t('discussion.js_comment_count', { count: n });
  const digits = formatNumber(n);
  const at = text.indexOf(digits);
  const span = document.createElement('span');
  span.setAttribute('data-comment-count', 'true');
  heading.textContent = '';
  if (at < 0) {
    // Some languages say one or two without a digit ("تعليقان"): the sentence alone.
    heading.append(text);
    return;
  }
  span.textContent = digits;
  heading.append(text.slice(0, at), span, text.slice(at + digits.length));
}

/**
 * Adds "Edit or delete" to the reader's own comments under `root` (or `root` itself).
 * @param {import('./state.js').Discussion} d
 * @param {Element} root
 */
export function addOwnLinks(d, root) {
  for (const id of d.own) {
    const li = root.querySelector('#comment-' + id) || (root.id === 'comment-' + id ? root : null);
    const footer = li && li.querySelector(':scope > .comment-body .comment-actions');
    if (!footer || footer.querySelector('.own-link')) continue;
    const a = document.createElement('a');
    a.className = 'own-link';
    a.href = '/comments/' + id + '/edit';
    a.textContent = t('discussion.js_edit_or_delete');
    footer.appendChild(a);
  }
}

/**
 * Takes a comment off the page, unless replies to it are shown.
 * @param {import('./state.js').Discussion} d
 * @param {number | string} id
 */
export function removeComment(d, id) {
  const li = document.getElementById('comment-' + id);
  if (li && !li.querySelector('li.comment')) {
    li.remove();
    bumpCount(d, -1);
  }
}

/**
 * A comment changed: its new rendering (or its "removed" placeholder, which the count leaves out).
 * @param {import('./state.js').Discussion} d
 * @param {RenderedComment} c
 */
export function replaceComment(d, c) {
  const li = document.getElementById('comment-' + c.id);
  const old = li && li.querySelector(':scope > .comment-body');
  const body = firstElementOf(c.html)?.querySelector('.comment-body');
  if (!li || !old || !body) return;
  const wasRemoved = old.classList.contains('comment-removed');
  const isRemoved = body.classList.contains('comment-removed');
  old.replaceWith(body);
  if (wasRemoved !== isRemoved) bumpCount(d, isRemoved ? -1 : 1);
  markVotes(d, li);
  addOwnLinks(d, li);
}
