// The discussion, enhanced: posting, replying, voting and "Load more" happen in place. Without this
// file every one of them is a form or a link that works on its own; this script only takes over their
// clicks. It also exposes a small API (window.BroadsheetDiscussion) that live.js uses to insert new
// comments and update scores pushed by the server.
(function () {
  'use strict';
  var section = document.querySelector('[data-discussion]');
  if (!section) return;
  var form = section.querySelector('[data-comment-form]');
  var csrf = section.getAttribute('data-csrf') || '';
  // Framed on another site: votes and reports happen on the article page, in a new tab (the frame gets no
  // cookies, so it could not be protected against forgery, and the site's pages refuse to be framed).
  var embedded = section.hasAttribute('data-embed');
  var sort = section.getAttribute('data-sort') || 'newest';
  var status = section.querySelector('[data-live-status]');
  var myVotes = parseJson(section.getAttribute('data-my-votes')) || {};
  var own = (section.getAttribute('data-own') || '').split(',').filter(Boolean);
  var formHome = null;
  if (form) {
    formHome = document.createComment('comment form');
    form.parentNode.insertBefore(formHome, form);
  }

  function parseJson(s) {
    try {
      return JSON.parse(s || 'null');
    } catch {
      return null;
    }
  }

  /** Says something to screen readers without moving focus. */
  function announce(text) {
    if (!status) return;
    status.textContent = '';
    setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function request(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          if (!res.ok) {
            var err = new Error(data.title || 'Something went wrong. Please try again.');
            err.fields = data.fields || {};
            throw err;
          }
          return data;
        });
    });
  }

  function fragment(html) {
    var t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content;
  }

  // ── votes ────────────────────────────────────────────────────────────────
  function markVotes(root) {
    var buttons = root.querySelectorAll('button[data-vote]');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var id = b.value.split(':')[0];
      var mine = myVotes[id] || 0;
      b.setAttribute(
        'aria-pressed',
        String(
          (b.getAttribute('data-vote') === 'up' && mine === 1) ||
            (b.getAttribute('data-vote') === 'down' && mine === -1),
        ),
      );
    }
  }

  function setScore(id, score) {
    var el = section.querySelector('[data-score-for="' + id + '"]');
    if (!el) return;
    var last = el.lastChild;
    if (last && last.nodeType === 3) last.nodeValue = (score > 0 ? '+' : '') + score;
  }

  function vote(button) {
    var parts = button.value.split(':');
    var id = parts[0];
    var value = parts[1] === 'up' ? 1 : -1;
    if (button.getAttribute('aria-pressed') === 'true') value = 0;
    var li = document.getElementById('comment-' + id);
    clearError(li);
    button.disabled = true;
    request('POST', '/api/comments/' + id + '/vote', { value: value })
      .then(function (r) {
        myVotes[id] = r.myVote;
        if (li) markVotes(li.querySelector('.comment-actions'));
        setScore(id, r.score);
        announce(r.myVote === 0 ? 'Vote taken back. Score ' + r.score + '.' : 'Vote recorded. Score ' + r.score + '.');
      })
      .catch(function (err) {
        showError(li, err.message);
      })
      .then(function () {
        button.disabled = false;
      });
  }

  function showError(li, message) {
    if (!li) {
      announce(message);
      return;
    }
    var p = document.createElement('p');
    p.className = 'field-error comment-error';
    p.setAttribute('role', 'alert');
    p.textContent = message;
    li.querySelector('.comment-actions').appendChild(p);
  }

  function clearError(li) {
    var old = li && li.querySelector('.comment-error');
    if (old) old.remove();
  }

  // ── replies ──────────────────────────────────────────────────────────────
  function startReply(id) {
    var li = document.getElementById('comment-' + id);
    if (!li || !form) return;
    var name = li.getAttribute('data-author-name') || 'this comment';
    li.querySelector('.comment-body').after(form);
    form.querySelector('[data-parent-input]').value = id;
    form.querySelector('[data-form-heading]').textContent = 'Reply to ' + name;
    var replying = form.querySelector('[data-replying-to]');
    replying.textContent = 'Replying to ' + name + '.';
    replying.hidden = false;
    form.querySelector('[data-cancel-reply-button]').hidden = false;
    form.querySelector('button[type=submit]').textContent = 'Post reply';
    hideFormError();
    form.querySelector('textarea').focus();
  }

  function cancelReply(focusBack) {
    if (!form || !formHome) return;
    var parentId = form.querySelector('[data-parent-input]').value;
    formHome.after(form);
    form.querySelector('[data-parent-input]').value = '';
    form.querySelector('[data-form-heading]').textContent = 'Leave a comment';
    var replying = form.querySelector('[data-replying-to]');
    replying.textContent = '';
    replying.hidden = true;
    form.querySelector('[data-cancel-reply-button]').hidden = true;
    form.querySelector('button[type=submit]').textContent = 'Post comment';
    if (focusBack && parentId) {
      var link = section.querySelector('[data-reply-to="' + parentId + '"]');
      if (link) link.focus();
    }
  }

  // ── placing comments ─────────────────────────────────────────────────────
  function list() {
    var ol = section.querySelector('.comment-list');
    if (ol) return ol;
    var empty = section.querySelector('[data-no-comments]');
    var wrap = document.createElement('div');
    wrap.className = 'comment-threads';
    ol = document.createElement('ol');
    ol.className = 'comment-list';
    wrap.appendChild(ol);
    if (empty) empty.replaceWith(wrap);
    else section.querySelector('.comment-pager').before(wrap);
    return ol;
  }

  function repliesOf(li) {
    var ol = li.querySelector(':scope > ol.replies');
    if (!ol) {
      ol = document.createElement('ol');
      ol.className = 'replies';
      li.appendChild(ol);
    }
    return ol;
  }

  /**
   * Inserts a rendered comment where it belongs: under the shown comment it nests under, or as a new
   * thread where this page's order puts it (first in Newest order on the first page; last in the other
   * orders once no later page is pending). The reader's own new comment (`force`) is always shown.
   * Returns the element, or null when it has no place on this page.
   */
  function insertComment(c, force) {
    if (document.getElementById('comment-' + c.id)) return null;
    var node = fragment(c.html).firstElementChild;
    if (c.parentId) {
      var parent = document.getElementById('comment-' + c.parentId);
      if (!parent) return null;
      repliesOf(parent).appendChild(node);
    } else {
      var firstPage = section.getAttribute('data-first-page') === 'true';
      var morePending = !!section.querySelector('[data-load-more]');
      var ol;
      if (sort === 'newest' && (firstPage || force)) {
        ol = list();
        ol.insertBefore(node, ol.firstElementChild);
      } else if (sort !== 'newest' && ((!morePending && section.getAttribute('data-thread') === null) || force)) {
        list().appendChild(node);
      } else return null;
    }
    markVotes(node);
    node.classList.add('is-new');
    return node;
  }

  function bumpCount(delta) {
    var el = section.querySelector('[data-comment-count]');
    if (!el) return;
    var n = Math.max(0, parseInt(el.textContent, 10) + delta);
    el.textContent = String(n);
    el.nextSibling.nodeValue = n === 1 ? ' comment' : ' comments';
  }

  function addOwnLinks(root) {
    for (var i = 0; i < own.length; i++) {
      var li = root.querySelector('#comment-' + own[i]) || (root.id === 'comment-' + own[i] ? root : null);
      var footer = li && li.querySelector(':scope > .comment-body .comment-actions');
      if (!footer || footer.querySelector('.own-link')) continue;
      var a = document.createElement('a');
      a.className = 'own-link';
      a.href = '/comments/' + own[i] + '/edit';
      a.textContent = 'Edit or delete';
      footer.appendChild(a);
    }
  }

  // ── posting ──────────────────────────────────────────────────────────────
  function hideFormError() {
    var box = form.querySelector('[data-form-error]');
    box.hidden = true;
    box.textContent = '';
    var invalid = form.querySelectorAll('[aria-invalid]');
    for (var i = 0; i < invalid.length; i++) invalid[i].removeAttribute('aria-invalid');
  }

  function showFormError(message, fields, isError) {
    var box = form.querySelector('[data-form-error]');
    box.className = isError ? 'notice notice-error' : 'notice notice-ok';
    box.textContent = message;
    box.hidden = false;
    Object.keys(fields || {}).forEach(function (name) {
      var input = form.querySelector('[name="' + name + '"]');
      if (input) input.setAttribute('aria-invalid', 'true');
    });
  }

  function submit(e) {
    e.preventDefault();
    hideFormError();
    var data = new FormData(form);
    var parentId = data.get('parentId');
    var body = {
      body: data.get('body') || '',
      website: data.get('website') || '',
      parentId: parentId ? Number(parentId) : null,
    };
    if (form.querySelector('[name=name]')) {
      body.name = data.get('name') || '';
      body.email = data.get('email') || '';
    }
    // "Notify of": the same choice the form posts without JavaScript.
    if (data.get('notify') === '1') body.notify = data.get('notifyKind') === 'all' ? 'all' : 'replies';
    if (data.get('anchor_paragraph') && !body.parentId)
      body.passage = { paragraphId: data.get('anchor_paragraph'), exact: data.get('anchor_exact') || '' };
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    request('POST', '/api' + form.getAttribute('action'), body)
      .then(function (r) {
        form.querySelector('textarea').value = '';
        form.dispatchEvent(new window.CustomEvent('broadsheet:posted', { detail: { id: r.id, status: r.status } }));
        if (r.status !== 'approved') {
          cancelReply(false);
          showFormError(r.message, {}, false);
          form.querySelector('[data-form-error]').focus();
          return;
        }
        cancelReply(false);
        own.push(String(r.id));
        var node = insertComment({ id: r.id, parentId: placeUnder(r.comment, parentId), html: r.html }, true);
        bumpCount(1);
        if (node) {
          addOwnLinks(node);
          var article = node.querySelector('.comment-body');
          article.setAttribute('tabindex', '-1');
          article.focus();
        }
        announce(r.message);
        // A "Notify of" request waits for its confirmation link: say so where the reader can see it.
        if (body.notify) showFormError(r.message, {}, false);
      })
      .catch(function (err) {
        showFormError(err.message, err.fields, true);
        form.querySelector('[data-form-error]').focus();
      })
      .then(function () {
        button.disabled = false;
      });
  }

  /** A reply past the depth limit is placed beside the comment it answers, not under it. */
  function placeUnder(comment, parentId) {
    if (!parentId) return null;
    var parent = document.getElementById('comment-' + parentId);
    if (!parent) return null;
    if (comment.depth > Number(parent.getAttribute('data-depth'))) return parentId;
    var up = parent.parentElement.closest('li.comment');
    return up ? up.getAttribute('data-comment-id') : null;
  }

  // ── load more ────────────────────────────────────────────────────────────
  function loadMore(link) {
    var cursor = link.getAttribute('data-cursor');
    var slug = section.getAttribute('data-slug');
    link.setAttribute('aria-disabled', 'true');
    request(
      'GET',
      '/articles/' + slug + '/comments?sort=' + encodeURIComponent(sort) + '&after=' + encodeURIComponent(cursor),
    )
      .then(function (r) {
        Object.keys(r.myVotes || {}).forEach(function (k) {
          myVotes[k] = r.myVotes[k];
        });
        var items = fragment(r.html).firstElementChild;
        var ol = list();
        var first = null;
        var count = 0;
        while (items && items.firstElementChild) {
          var li = items.firstElementChild;
          // In Most Voted order a score may have moved a thread across the page boundary: show it once.
          if (document.getElementById(li.id)) {
            li.remove();
            continue;
          }
          if (!first) first = li;
          count++;
          ol.appendChild(li);
        }
        markVotes(ol);
        addOwnLinks(ol);
        if (r.next) {
          link.setAttribute('data-cursor', r.next);
          link.href = link.href.replace(/after=[^&#]*/, 'after=' + r.next);
          link.removeAttribute('aria-disabled');
        } else link.remove();
        announce(count + ' more ' + (count === 1 ? 'conversation' : 'conversations') + ' loaded.');
        if (first) {
          var body = first.querySelector('.comment-body');
          body.setAttribute('tabindex', '-1');
          body.focus();
        }
      })
      .catch(function (err) {
        link.removeAttribute('aria-disabled');
        announce(err.message);
      });
  }

  // ── wiring ───────────────────────────────────────────────────────────────
  section.addEventListener('click', function (e) {
    var t = e.target.closest(
      'button[data-vote], a.report-link, a[data-reply-to], a[data-load-more], [data-cancel-reply-button], a[data-cancel-reply]',
    );
    if (!t || !section.contains(t)) return;
    if (embedded && t.matches('a.report-link')) {
      e.preventDefault();
      window.open(t.href, '_blank', 'noopener');
    } else if (t.matches('a.report-link')) return;
    // In the embed the button submits its form (a GET in a new tab), untouched.
    else if (t.matches('button[data-vote]')) {
      if (!embedded) {
        e.preventDefault();
        vote(t);
      }
    } else if (t.matches('a[data-reply-to]')) {
      if (form) {
        e.preventDefault();
        startReply(t.getAttribute('data-reply-to'));
      }
    } else if (t.matches('a[data-load-more]')) {
      e.preventDefault();
      if (t.getAttribute('aria-disabled') !== 'true') loadMore(t);
    } else {
      e.preventDefault();
      cancelReply(true);
    }
  });
  if (form) {
    form.addEventListener('submit', submit);
    form.querySelector('[data-form-error]').setAttribute('tabindex', '-1');
  }
  markVotes(section);
  addOwnLinks(section);

  window.BroadsheetDiscussion = {
    articleTopic: section.getAttribute('data-live-topic'),
    /** A comment pushed by the server: `{ id, parentId, html }`. */
    insert: function (c) {
      var node = insertComment(c, false);
      if (node) bumpCount(1);
      return node;
    },
    setScore: setScore,
    remove: function (id) {
      var li = document.getElementById('comment-' + id);
      if (li && !li.querySelector('li.comment')) {
        li.remove();
        bumpCount(-1);
      }
    },
    /** A comment changed: its new rendering (or its "removed" placeholder, which the count leaves out). */
    replace: function (c) {
      var li = document.getElementById('comment-' + c.id);
      if (!li) return;
      var body = fragment(c.html).firstElementChild.querySelector('.comment-body');
      var old = li.querySelector(':scope > .comment-body');
      var wasRemoved = old.classList.contains('comment-removed');
      var isRemoved = body.classList.contains('comment-removed');
      old.replaceWith(body);
      if (wasRemoved !== isRemoved) bumpCount(isRemoved ? -1 : 1);
      markVotes(li);
      addOwnLinks(li);
    },
    announce: announce,
  };
})();
