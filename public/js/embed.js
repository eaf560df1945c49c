// @ts-check
// Embeds a Broadsheet discussion in any page:
//   <script src="https://news.example/embed.js" data-article="article-slug" async></script>
// It inserts an iframe of the discussion right after the script tag and keeps its height matched to
// the content (the framed page reports it with postMessage). Nothing else on the host page is touched.
// Other sites load this file as a classic script: it stays self-contained (no imports, no module syntax)
// and defines no global.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  var slug = script.getAttribute('data-article');
  if (!slug) {
    console.error('Broadsheet embed: add data-article="<article slug>" to the script tag.');
    return;
  }
  var origin = new URL(script.src).origin;
  // The guest's token for this site's discussions, kept in this page's own storage: the frame has no cookie
  // of ours (a third-party frame), so this is how a guest stays the same guest across visits.
  var key = 'broadsheet-frame-token:' + origin;
  var TOKEN = /^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{22}$/;
  var token = null;
  try {
    token = window.localStorage.getItem(key);
  } catch {
    token = null; // storage blocked: the guest gets a new token at their first write
  }
  var frame = document.createElement('iframe');
  frame.src =
    origin +
    '/embed/articles/' +
    encodeURIComponent(slug) +
    '/comments' +
    (token && TOKEN.test(token) ? '/' + token : '');
  frame.title = script.getAttribute('data-title') || 'Discussion';
  frame.loading = 'lazy';
  frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.minHeight = '320px';
  frame.style.display = 'block';
  script.after(frame);
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || e.source !== frame.contentWindow || !e.data) return;
    if (e.data.type === 'broadsheet:height') {
      var h = Number(e.data.height);
      if (h > 0 && h < 100000) frame.style.height = Math.ceil(h) + 'px';
    } else if (e.data.type === 'broadsheet:token' && TOKEN.test(String(e.data.token))) {
      try {
        window.localStorage.setItem(key, String(e.data.token));
      } catch {
        // storage blocked: nothing kept
      }
    }
  });
})();
