// @ts-check
// "Load more" in place: the next page of threads appended to the list, focus on the first new one.
import { requestJson } from '../http.js';
import { addOwnLinks, firstElementOf, threadList } from './comments.js';
import { markVotes } from './votes.js';

/**
 * The next page of threads, rendered.
 * @typedef {{ html: string; next: string | null; myVotes?: Record<string, number> }} CommentPage
 */

/**
 * @param {import('./state.js').Discussion} d
 * @param {HTMLAnchorElement} link the "Load more" link (its `data-cursor` is where the next page starts)
 */
export async function loadMore(d, link) {
  const cursor = link.getAttribute('data-cursor') || '';
  const slug = d.section.getAttribute('data-slug') || '';
  link.setAttribute('aria-disabled', 'true');
  try {
    const r = /** @type {CommentPage} */ (
      await requestJson(
        '/articles/' + slug + '/comments?sort=' + encodeURIComponent(d.sort) + '&after=' + encodeURIComponent(cursor),
      )
    );
    Object.assign(d.myVotes, r.myVotes || {});
    const items = firstElementOf(r.html);
    const ol = threadList(d);
    /** @type {Element | null} */
    let first = null;
    let count = 0;
    for (let li = items?.firstElementChild; li; li = items?.firstElementChild) {
      // In Most Voted order a score may have moved a thread across the page boundary: show it once.
      if (document.getElementById(li.id)) {
        li.remove();
        continue;
      }
      if (!first) first = li;
      count++;
      ol.appendChild(li);
    }
    markVotes(d, ol);
    addOwnLinks(d, ol);
    if (r.next) {
      link.setAttribute('data-cursor', r.next);
      link.href = link.href.replace(/after=[^&#]*/, 'after=' + r.next);
      link.removeAttribute('aria-disabled');
    } else link.remove();
    d.say(count + ' more ' + (count === 1 ? 'conversation' : 'conversations') + ' loaded.');
    const body = first && first.querySelector('.comment-body');
    if (body instanceof HTMLElement) {
      body.setAttribute('tabindex', '-1');
      body.focus();
    }
  } catch (err) {
    link.removeAttribute('aria-disabled');
    d.say(err instanceof Error ? err.message : String(err));
  }
}
