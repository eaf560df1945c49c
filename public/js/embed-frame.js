// Inside the embedded discussion: tell the host page how tall the discussion is (so its iframe fits
// without a scrollbar), and open links that leave the discussion in a new tab rather than in the frame.
(function () {
  'use strict';
  if (window.parent === window) return;
  var last = 0;
  function report() {
    var h = document.documentElement.scrollHeight;
    if (h === last) return;
    last = h;
    window.parent.postMessage({ type: 'broadsheet:height', height: h }, '*');
  }
  if (window.ResizeObserver) new window.ResizeObserver(report).observe(document.body);
  window.addEventListener('load', report);
  report();
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.comment-time');
    if (a) {
      e.preventDefault();
      window.open(a.href, '_blank', 'noopener');
      return;
    }
    // A comment inserted live links its passage as on the article page (#pN); the server already pointed
    // the others at the article. Its paragraph is there, not in the frame.
    var passage = e.target.closest && e.target.closest('a.comment-passage-link[href^="#"]');
    var canonical = document.querySelector('link[rel=canonical]');
    if (passage && canonical) {
      e.preventDefault();
      window.open(canonical.href.replace(/#.*$/, '') + passage.getAttribute('href'), '_blank', 'noopener');
    }
  });
})();
