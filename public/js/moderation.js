// Moderation queue enhancements. Without this file every button is a form post that reloads the queue.
// With it: j/k move between comments, x selects, a/s/t/r approve, spam, trash or send back to pending
// the focused comment; buttons act in place; results are announced in the page's live region.
// Shortcuts work only while focus is inside the list (WCAG 2.1.4: single-key shortcuts scoped to a component).
(function () {
  'use strict';
  var form = document.getElementById('mod-form');
  var list = form && form.querySelector('.mod-queue');
  var live = document.getElementById('mod-live');
  if (!form || !list || !live) return;

  var KEYS = { a: 'approve', s: 'spam', t: 'trash', r: 'restore' };
  var DONE = {
    approve: 'approved',
    spam: 'marked as spam',
    trash: 'moved to the trash',
    restore: 'sent back to pending',
  };
  var LABELS = { pending: 'Pending', approved: 'Approved', spam: 'Spam', trash: 'Trash' };
  var HIDES = { approve: 'approved', spam: 'spam', trash: 'trash', restore: 'pending' };
  var csrf = form.querySelector('input[name="_csrf"]').value;
  // Not form.action: the bulk buttons are named "action", which shadows the property.
  var endpoint = form.getAttribute('action');

  function items() {
    return Array.prototype.slice.call(list.querySelectorAll('.mod-item'));
  }
  function itemById(id) {
    return list.querySelector('.mod-item[data-id="' + id + '"]');
  }

  function announce(text, isError) {
    live.textContent = '';
    live.className = 'notice mod-live ' + (isError ? 'notice-error' : 'notice-ok');
    // A fresh text node after clearing makes screen readers announce a repeated message too.
    setTimeout(function () {
      live.textContent = text;
    }, 30);
  }

  function focusItem(item) {
    if (!item) return;
    items().forEach(function (el) {
      el.tabIndex = -1;
      el.classList.remove('is-current');
    });
    item.tabIndex = 0;
    item.classList.add('is-current');
    item.focus();
  }

  function setStatus(item, status) {
    item.setAttribute('data-status', status);
    var label = item.querySelector('[data-status-label]');
    label.textContent = LABELS[status] || status;
    label.className = 'mod-status status-' + status;
    item.querySelectorAll('button.mod-act').forEach(function (b) {
      b.hidden = HIDES[b.getAttribute('data-action')] === status;
    });
  }

  function act(action, ids) {
    return fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ action: action, ids: ids }),
    })
      .then(function (res) {
        return res.json().then(function (body) {
          if (!res.ok) throw new Error(body.title || 'That did not work. Reload the page and try again.');
          body.changed.forEach(function (c) {
            var el = itemById(c.id);
            if (el) setStatus(el, c.status);
          });
          var who = ids.length === 1 && itemById(ids[0]) ? ' by ' + itemById(ids[0]).getAttribute('data-author') : '';
          var n = body.changed.length;
          if (n === 0)
            announce(
              'Nothing changed: the comment' +
                (ids.length === 1 ? who + ' was' : 's were') +
                ' already ' +
                DONE[action] +
                '.',
            );
          else
            announce(
              (n === 1 ? 'Comment' + (ids.length === 1 ? who : '') : n + ' comments') + ' ' + DONE[action] + '.',
            );
          return body;
        });
      })
      .catch(function (err) {
        announce(err.message || 'Network error: nothing changed.', true);
        throw err;
      });
  }

  // Roving focus: the first comment is reachable with Tab; j/k move.
  if (items()[0]) items()[0].tabIndex = 0;
  list.addEventListener('focusin', function (e) {
    var item = e.target.closest('.mod-item');
    if (item && !item.classList.contains('is-current')) {
      items().forEach(function (el) {
        el.classList.remove('is-current');
        if (el !== item) el.tabIndex = -1;
      });
      item.classList.add('is-current');
      item.tabIndex = 0;
    }
  });

  list.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && e.target.type !== 'checkbox')) return;
    var item = e.target.closest('.mod-item');
    if (!item) return;
    var all = items();
    var i = all.indexOf(item);
    var key = e.key.toLowerCase();
    if (key === 'j' || key === 'k') {
      e.preventDefault();
      focusItem(all[key === 'j' ? Math.min(i + 1, all.length - 1) : Math.max(i - 1, 0)]);
    } else if (key === 'x') {
      e.preventDefault();
      var box = item.querySelector('.mod-select');
      box.checked = !box.checked;
      announce((box.checked ? 'Selected' : 'Unselected') + ' the comment by ' + item.getAttribute('data-author') + '.');
    } else if (KEYS[key]) {
      e.preventDefault();
      act(KEYS[key], [Number(item.getAttribute('data-id'))]).then(
        function () {
          focusItem(all[Math.min(i + 1, all.length - 1)]);
        },
        function () {
          /* announced */
        },
      );
    }
  });

  // Buttons act in place too; the form still posts normally if scripts fail to load.
  form.addEventListener('submit', function (e) {
    var b = e.submitter;
    if (!b) return;
    var action;
    var ids;
    if (b.name === 'one') {
      var parts = b.value.split(':');
      action = parts[0];
      ids = [Number(parts[1])];
    } else if (b.name === 'action') {
      action = b.value;
      ids = Array.prototype.map.call(form.querySelectorAll('.mod-select:checked'), function (c) {
        return Number(c.value);
      });
      if (ids.length === 0) {
        e.preventDefault();
        announce('Select at least one comment first.', true);
        return;
      }
    } else return;
    e.preventDefault();
    act(action, ids).then(
      function () {
        if (b.name === 'action')
          form.querySelectorAll('.mod-select:checked').forEach(function (c) {
            c.checked = false;
          });
      },
      function () {
        /* announced */
      },
    );
  });

  var all = document.getElementById('mod-select-all');
  if (all) {
    all.addEventListener('change', function () {
      form.querySelectorAll('.mod-select').forEach(function (c) {
        c.checked = all.checked;
      });
    });
  }
})();
