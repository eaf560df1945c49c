// @ts-check
// The discussion, live: comments and scores the server pushes (live.js turns them into `broadsheet:comment.*`
// events on document) appear where they belong. A new comment is announced politely; focus never moves.
import { t } from '../i18n.js';
import '../live.js';
import { on } from '../events.js';
import { fetchJson } from '../http.js';
import { insertComment, bumpCount, removeComment, replaceComment } from './comments.js';
import { setScore } from './votes.js';

/**
 * One comment rendered as the list renders it.
 * @typedef {import('./comments.js').RenderedComment & { authorName: string }} Fragment
 */

/**
 * @param {number} id
 * @returns {Promise<Fragment | null>}
 */
async function fetchFragment(id) {
  return /** @type {Fragment | null} */ (await fetchJson('/comments/' + id + '/fragment'));
}

/**
 * A thread's top-level comment shown as "This comment was removed" (its replies are still shown).
 * @param {Element | null} el
 */
function isPlaceholder(el) {
  return !!(el && el.querySelector(':scope > .comment-removed'));
}

/** @param {import('./state.js').Discussion} d */
export function followLive(d) {
  on(document, 'broadsheet:comment.new', async ({ id }) => {
    const el = document.getElementById('comment-' + id);
    if (el && !isPlaceholder(el)) return;
    const c = await fetchFragment(id);
    if (!c) return;
    // Approved again: the placeholder gets its text back.
    if (el) {
      replaceComment(d, c);
      return;
    }
    const node = insertComment(d, c, false);
    if (node) {
      bumpCount(d, 1);
      d.say(t('discussion.js_new_comment_by', { name: c.authorName }));
    }
  });

  on(document, 'broadsheet:comment.update', async ({ id, removed }) => {
    const el = document.getElementById('comment-' + id);
    if (!el) return;
    // A comment with shown replies stays, as a placeholder if it went (the fragment says which).
    if (removed && !el.querySelector('li.comment')) {
      removeComment(d, id);
      return;
    }
    const c = await fetchFragment(id);
    if (c) replaceComment(d, c);
    else removeComment(d, id);
  });

  on(document, 'broadsheet:comment.vote', ({ id, score }) => setScore(d, id, score));

  // Live events may have been missed while a connection was down: say so once, with a way to catch up.
  const topic =
    d.section.closest('[data-live-topic]')?.getAttribute('data-live-topic') ??
    document.querySelector('[data-live-topic]')?.getAttribute('data-live-topic');
  on(document, 'broadsheet:resync', (r) => {
    if (r.topic !== topic || d.section.querySelector('[data-live-resync]')) return;
    const note = document.createElement('p');
    note.className = 'notice';
    note.setAttribute('data-live-resync', '');
    note.append(t('discussion.js_live_interrupted') + ' ');
    const link = document.createElement('a');
    link.href = location.pathname + location.search + '#comments';
    link.textContent = t('discussion.js_load_latest');
    link.addEventListener('click', (e) => {
      e.preventDefault();
      location.reload();
    });
    note.append(link);
    const heading = d.section.querySelector('h2');
    if (heading) heading.after(note);
    else d.section.prepend(note);
    d.say(t('discussion.js_live_interrupted'));
  });
}
