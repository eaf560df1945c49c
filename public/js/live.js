// Live updates: one EventSource per page for the topics the page shows (the month's goal bar, an
// article's discussion). New comments appear where they belong and are announced politely (focus
// never moves); scores and the goal bar update in place. Without this file the page is simply static.
(function () {
  'use strict';
  if (!window.EventSource) return;
  var bar = document.querySelector('[data-goal-bar]');
  var discussion = document.querySelector('[data-live-topic]');
  var topics = [];
  if (bar) topics.push('goal');
  if (discussion) topics.push(discussion.getAttribute('data-live-topic'));
  if (topics.length === 0) return;

  function parse(e) {
    try {
      return JSON.parse(e.data);
    } catch {
      return null;
    }
  }

  function api() {
    return window.BroadsheetDiscussion || null;
  }

  function fetchFragment(id) {
    return fetch('/comments/' + id + '/fragment', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    }).then(function (res) {
      return res.ok ? res.json() : null;
    });
  }

  /** A thread's top-level comment shown as "This comment was removed" (its replies are still shown). */
  function isPlaceholder(el) {
    return !!(el && el.querySelector(':scope > .comment-removed'));
  }

  function onCommentNew(e) {
    var d = parse(e);
    var d2 = api();
    var el = d && document.getElementById('comment-' + d.id);
    if (!d || !d2 || (el && !isPlaceholder(el))) return;
    fetchFragment(d.id).then(function (c) {
      if (!c) return;
      // Approved again: the placeholder gets its text back.
      if (el) {
        d2.replace(c);
        return;
      }
      var node = d2.insert(c);
      if (node) d2.announce('New comment by ' + c.authorName + '.');
    });
  }

  function onCommentUpdate(e) {
    var d = parse(e);
    var d2 = api();
    var el = d && document.getElementById('comment-' + d.id);
    if (!d || !d2 || !el) return;
    // A comment with shown replies stays, as a placeholder if it went (the fragment says which).
    if (d.removed && !el.querySelector('li.comment')) {
      d2.remove(d.id);
      return;
    }
    fetchFragment(d.id).then(function (c) {
      if (c) d2.replace(c);
      else d2.remove(d.id);
    });
  }

  function onCommentVote(e) {
    var d = parse(e);
    var d2 = api();
    if (d && d2 && typeof d.score === 'number') d2.setScore(d.id, d.score);
  }

  /**
   * `goal.update`: `{ month, raisedMinor, goalMinor, currency, raisedText, goalText, percent, ticks }`, or
   * `{ month, removed: true }` when the month's campaign was deleted.
   */
  function onGoal(e) {
    var d = parse(e);
    if (!d || !bar) return;
    var section = bar.closest('[data-goal-month]');
    if (section && d.month && section.getAttribute('data-goal-month') !== d.month) return;
    if (d.removed) {
      if (section) section.hidden = true;
      return;
    }
    if (section) section.hidden = false;
    if (typeof d.goalMinor === 'number') bar.setAttribute('aria-valuemax', String(d.goalMinor));
    var max = Number(bar.getAttribute('aria-valuemax'));
    bar.setAttribute('aria-valuenow', String(max > 0 ? Math.min(d.raisedMinor, max) : d.raisedMinor));
    var text = bar.getAttribute('aria-valuetext') || '';
    var i = text.indexOf(' raised of ');
    var goalText = typeof d.goalText === 'string' ? d.goalText : i >= 0 ? text.slice(i + 11) : '';
    bar.setAttribute('aria-valuetext', goalText ? d.raisedText + ' raised of ' + goalText : d.raisedText + ' raised');
    if (typeof d.goalText === 'string') {
      var goals = document.querySelectorAll('[data-goal-goal]');
      for (var g = 0; g < goals.length; g++) goals[g].textContent = d.goalText;
    }
    var list = section && section.querySelector('[data-goal-ticks]');
    if (list && Array.isArray(d.ticks)) {
      while (list.firstChild) list.removeChild(list.firstChild);
      d.ticks.forEach(function (t) {
        var li = document.createElement('li');
        li.className =
          'goal-tick at-' + Math.max(0, Math.min(100, Math.round(Number(t.at) || 0))) + (t.reached ? ' reached' : '');
        li.textContent = String(t.text);
        list.appendChild(li);
      });
    }
    var fill = bar.querySelector('.goal-fill');
    if (fill) {
      var pct = Math.max(0, Math.min(100, Math.round(Number(d.percent) || 0)));
      fill.className = fill.className.replace(/\bw-\d+\b/, '').trim() + ' w-' + pct;
    }
    var raised = document.querySelectorAll('[data-goal-raised]');
    for (var k = 0; k < raised.length; k++) raised[k].textContent = d.raisedText;
  }

  var source = null;
  function open() {
    if (source) return;
    source = new EventSource('/live?topics=' + encodeURIComponent(topics.join(',')));
    source.addEventListener('comment.new', onCommentNew);
    source.addEventListener('comment.update', onCommentUpdate);
    source.addEventListener('comment.vote', onCommentVote);
    source.addEventListener('goal.update', onGoal);
  }

  // Connect once the page has settled, so the stream never competes with the page's own loading.
  function start() {
    setTimeout(open, 1000);
  }
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start);
  window.addEventListener('pagehide', function () {
    if (source) {
      source.close();
      source = null;
    }
  });
})();
