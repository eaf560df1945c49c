// @ts-check
// The discussion, enhanced: posting, replying, voting and "Load more" happen in place, and comments pushed
// by the server appear live. Without this file every one of them is a form or a link that works on its own;
// this script only takes over their clicks. Its parts live in discussion/: state (what the server wrote on the
// section), comments (placing them), votes, reply-form, paging and live-updates.
import { closestTo } from './dom.js';
import { enhanceForm } from './discussion/reply-form.js';
import { followLive } from './discussion/live-updates.js';
import { loadMore } from './discussion/paging.js';
import { addOwnLinks } from './discussion/comments.js';
import { readDiscussion } from './discussion/state.js';
import { markVotes, vote } from './discussion/votes.js';

const CLICKS =
  'button[data-vote], a[data-reply-to], a[data-load-more], [data-cancel-reply-button], a[data-cancel-reply]';

/** @param {HTMLElement} section */
function enhance(section) {
  const d = readDiscussion(section);
  const replies = d.form ? enhanceForm(d, d.form) : null;

  section.addEventListener('click', (e) => {
    const t = closestTo(e, CLICKS);
    if (!t || !section.contains(t)) return;
    if (t instanceof HTMLButtonElement && t.matches('[data-vote]')) {
      // In the embed the button submits its form (a POST in the frame, with the frame's token in the address).
      if (!d.embedded) {
        e.preventDefault();
        void vote(d, t);
      }
    } else if (t.matches('a[data-reply-to]')) {
      if (replies) {
        e.preventDefault();
        replies.startReply(t.getAttribute('data-reply-to') || '');
      }
    } else if (t instanceof HTMLAnchorElement && t.matches('a[data-load-more]')) {
      e.preventDefault();
      if (t.getAttribute('aria-disabled') !== 'true') void loadMore(d, t);
    } else {
      e.preventDefault();
      replies?.cancelReply(true);
    }
  });
  markVotes(d, section);
  addOwnLinks(d, section);
  followLive(d);
}

const section = document.querySelector('[data-discussion]');
if (section instanceof HTMLElement) enhance(section);
