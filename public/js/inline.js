// Inline feedback, enhanced. Without this file every paragraph has a "Comment" link (?passage=pN) and a
// count that links to that passage's comments; this script lets a reader select words in a paragraph and
// comment on exactly those, and opens a passage's comments in place.
(function () {
  'use strict';
  var body = document.querySelector('.article-body');
  var form = document.querySelector('[data-comment-form]');
  if (!body) return;
  var choice = form && form.querySelector('[data-passage-choice]');
  var MAX_QUOTE = 500;
  var selectButton = null;
  var pending = null;

  function paragraphOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    var p = el && el.closest('p[id]');
    return p && /^p\d+$/.test(p.id) && body.contains(p) ? p : null;
  }

  function toolsOf(p) {
    var next = p.nextElementSibling;
    return next && next.matches('[data-passage-tools]') ? next : null;
  }

  /** Sets the form to a passage, shows the quote, and moves focus to the text box. */
  function choose(paragraphId, quote) {
    if (!choice) return;
    var select = choice.querySelector('[data-anchor-paragraph]');
    select.value = paragraphId;
    choice.querySelector('[data-anchor-exact]').value = quote || '';
    var box = choice.querySelector('[data-passage-quote]');
    box.querySelector('[data-passage-quote-text]').textContent = quote || '';
    box.hidden = !quote;
    choice.open = true;
    var textarea = form.querySelector('textarea');
    textarea.focus();
  }

  function clearChoice() {
    if (!choice) return;
    choice.querySelector('[data-anchor-paragraph]').value = '';
    choice.querySelector('[data-anchor-exact]').value = '';
    choice.querySelector('[data-passage-quote]').hidden = true;
    choice.open = false;
  }

  function hideSelectButton() {
    if (selectButton) selectButton.remove();
    selectButton = null;
    pending = null;
  }

  // A selection inside one paragraph offers "Comment on this selection" right after that paragraph.
  function onSelection() {
    var sel = window.getSelection();
    if (!choice || !sel || sel.isCollapsed || sel.rangeCount === 0) return;
    var range = sel.getRangeAt(0);
    var p = paragraphOf(range.startContainer);
    if (!p || p !== paragraphOf(range.endContainer)) return;
    var quote = sel.toString().replace(/\s+/g, ' ').trim();
    if (!quote || quote.length > MAX_QUOTE) return;
    hideSelectButton();
    pending = { id: p.id, quote: quote };
    selectButton = document.createElement('button');
    selectButton.type = 'button';
    selectButton.className = 'passage-select-button';
    selectButton.textContent = 'Comment on this selection';
    selectButton.addEventListener('click', function () {
      var chosen = pending;
      hideSelectButton();
      if (chosen) choose(chosen.id, chosen.quote);
    });
    var tools = toolsOf(p);
    (tools || p).insertAdjacentElement(tools ? 'afterbegin' : 'afterend', selectButton);
  }
  document.addEventListener('mouseup', function (e) {
    if (selectButton && selectButton.contains(e.target)) return;
    setTimeout(onSelection, 0);
  });
  document.addEventListener('keyup', function (e) {
    if (e.shiftKey || e.key === 'Shift') onSelection();
  });

  // "Comment" and "Answer" beside a paragraph: the form, set to that passage, without leaving the page.
  body.addEventListener('click', function (e) {
    var link = e.target.closest('a[data-comment-passage], a[data-answer]');
    if (link && choice) {
      e.preventDefault();
      hideSelectButton();
      choose(
        link.getAttribute('data-comment-passage') || link.getAttribute('data-answer'),
        link.getAttribute('data-quote') || '',
      );
      return;
    }
    var count = e.target.closest('[data-passage-count]');
    if (count) {
      e.preventDefault();
      togglePanel(count);
    }
  });

  // The count opens that passage's comments in place (the same section the link leads to without JavaScript).
  function prepareCount(a) {
    var id = a.getAttribute('data-passage-count');
    a.setAttribute('role', 'button');
    a.setAttribute('aria-expanded', 'false');
    a.setAttribute('aria-controls', 'inline-panel-' + id);
  }
  body.querySelectorAll('[data-passage-count]').forEach(prepareCount);
  body.addEventListener('keydown', function (e) {
    var count = e.target.closest && e.target.closest('[data-passage-count]');
    if (count && e.key === ' ') {
      e.preventDefault();
      togglePanel(count);
    }
  });

  function togglePanel(a) {
    var id = a.getAttribute('data-passage-count');
    var existing = document.getElementById('inline-panel-' + id);
    if (existing) {
      existing.remove();
      a.setAttribute('aria-expanded', 'false');
      return;
    }
    fetch(location.pathname + '?passage=' + encodeURIComponent(id), { credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.text() : Promise.reject(new Error(String(r.status)));
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var section = doc.getElementById('passage-' + id + '-comments');
        if (!section) return;
        var panel = document.createElement('div');
        panel.className = 'inline-panel';
        panel.id = 'inline-panel-' + id;
        panel.setAttribute('role', 'region');
        panel.setAttribute('aria-label', 'Comments on paragraph ' + id.slice(1));
        var list = section.querySelector('.passage-comments');
        if (list) panel.appendChild(document.importNode(list, true));
        var close = document.createElement('button');
        close.type = 'button';
        close.className = 'link-button';
        close.textContent = 'Close';
        close.addEventListener('click', function () {
          closePanel(panel, a);
        });
        panel.appendChild(close);
        panel.addEventListener('keydown', function (e) {
          if (e.key === 'Escape') closePanel(panel, a);
        });
        a.closest('[data-passage-tools]').appendChild(panel);
        a.setAttribute('aria-expanded', 'true');
      })
      .catch(function () {
        location.href = a.href;
      });
  }

  function closePanel(panel, a) {
    panel.remove();
    a.setAttribute('aria-expanded', 'false');
    a.focus();
  }
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    var a = e.target.closest && e.target.closest('[data-passage-count][aria-expanded=true]');
    var panel = a && document.getElementById(a.getAttribute('aria-controls'));
    if (panel) closePanel(panel, a);
  });

  // A passage comment shown at once (approved, not held for review) counts beside its paragraph straight away:
  // the count goes up, or appears if it was the paragraph's first. discussion.js says how the post went.
  function onPosted(e) {
    var paragraphId = choice ? choice.querySelector('[data-anchor-paragraph]').value : '';
    var parent = form.querySelector('[data-parent-input]');
    var isReply = parent && parent.value !== '';
    if (paragraphId && !isReply && e.detail && e.detail.status === 'approved') bumpCount(paragraphId);
    clearChoice();
  }

  function countLabel(n) {
    return n + (n === 1 ? ' comment' : ' comments') + ' on this passage';
  }

  function bumpCount(id) {
    var tools = body.querySelector('[data-passage-tools="' + id + '"]');
    if (!tools) return;
    var a = tools.querySelector('[data-passage-count]');
    if (!a) {
      // The same control passage-tools.ts renders for a paragraph that has comments.
      a = document.createElement('a');
      a.className = 'passage-count';
      a.href = '?passage=' + id + '#passage-' + id + '-comments';
      a.setAttribute('data-passage-count', id);
      var shown = document.createElement('span');
      shown.setAttribute('aria-hidden', 'true');
      shown.textContent = '0';
      var label = document.createElement('span');
      label.className = 'visually-hidden';
      a.appendChild(shown);
      a.appendChild(label);
      tools.insertBefore(a, tools.firstChild);
      prepareCount(a);
    }
    var n = (parseInt(a.querySelector('[aria-hidden]').textContent, 10) || 0) + 1;
    a.querySelector('[aria-hidden]').textContent = String(n);
    a.querySelector('.visually-hidden').textContent = countLabel(n);
    // An open panel lists the comments as they were: open it again with the new one.
    var panel = document.getElementById('inline-panel-' + id);
    if (panel) {
      panel.remove();
      togglePanel(a);
    }
  }

  if (form) form.addEventListener('broadsheet:posted', onPosted);
})();
