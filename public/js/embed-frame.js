// @ts-check
// Inside the embedded discussion: tell the host page how tall the discussion is (so its iframe fits
// without a scrollbar), and open links that leave the discussion in a new tab rather than in the frame.
import { closestTo } from './dom.js';

function enhance() {
  // The guest's token, once they have written here (frame-token.ts): the host page keeps it for next time.
  const token = document.body.dataset.frameToken;
  if (token) window.parent.postMessage({ type: 'broadsheet:token', token }, '*');
  let last = 0;
  function report() {
    const h = document.documentElement.scrollHeight;
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: 'broadsheet:height', height: h }, '*');
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(report).observe(document.body);
  window.addEventListener('load', report);
  report();
  document.addEventListener('click', (e) => {
    const a = closestTo(e, 'a.comment-time');
    if (a instanceof HTMLAnchorElement) {
      e.preventDefault();
      window.open(a.href, '_blank', 'noopener');
      return;
    }
    // A comment inserted live links its passage as on the article page (#pN); the server already pointed
    // the others at the article. Its paragraph is there, not in the frame.
    const passage = closestTo(e, 'a.comment-passage-link[href^="#"]');
    const canonical = document.querySelector('link[rel=canonical]');
    if (passage && canonical instanceof HTMLLinkElement) {
      e.preventDefault();
      window.open(canonical.href.replace(/#.*$/, '') + passage.getAttribute('href'), '_blank', 'noopener');
    }
  });
}

if (window.parent !== window) enhance();
