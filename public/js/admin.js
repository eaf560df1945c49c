// Conveniences for the admin pages. Every page works without this file: snippets can be copied by hand
// and forms submit normally.
(function () {
  'use strict';

  // One polite live region so screen-reader users hear what a button did.
  var live = document.createElement('p');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  document.body.append(live);
  function announce(text) {
    live.textContent = '';
    setTimeout(function () {
      live.textContent = text;
    }, 50);
  }

  // "Insert": puts an image snippet on a line of its own at the cursor of the body field.
  var body = document.getElementById('field-body');
  document.querySelectorAll('[data-insert-snippet]').forEach(function (b) {
    b.addEventListener('click', function () {
      if (!body) return;
      var snippet = b.getAttribute('data-insert-snippet');
      var start = body.selectionStart;
      var end = body.selectionEnd;
      var before = body.value.slice(0, start);
      var after = body.value.slice(end);
      var lead = before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
      var trail = after === '' || /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
      body.value = before + lead + snippet + trail + after;
      var caret = (before + lead + snippet).length;
      body.focus();
      body.setSelectionRange(caret, caret);
      body.dispatchEvent(new window.Event('input', { bubbles: true }));
      announce('Image inserted into the body.');
    });
  });

  // "Copy snippet": to the clipboard, falling back to selecting the text field.
  document.querySelectorAll('[data-copy-snippet]').forEach(function (b) {
    b.addEventListener('click', function () {
      var text = b.getAttribute('data-copy-snippet');
      var done = function () {
        announce('Snippet copied. Paste it into an article on a line of its own.');
        b.textContent = 'Copied';
        setTimeout(function () {
          b.textContent = 'Copy snippet';
        }, 2000);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () {
          selectField(b);
        });
      } else {
        selectField(b);
      }
    });
  });
  function selectField(b) {
    var field = b.closest('li') && b.closest('li').querySelector('input.snippet');
    if (field) {
      field.focus();
      field.select();
      announce('Snippet selected; press Ctrl+C to copy it.');
    }
  }

  // Warn before leaving the editor with unsaved changes.
  var form = document.getElementById('article-form');
  if (form) {
    var dirty = false;
    form.addEventListener('input', function () {
      dirty = true;
    });
    form.addEventListener('submit', function (e) {
      // The preview opens in a new tab and saves nothing; a real save clears the flag.
      if (!e.submitter || e.submitter.getAttribute('formtarget') !== '_blank') dirty = false;
    });
    window.addEventListener('beforeunload', function (e) {
      if (dirty) {
        e.preventDefault();
        e.returnValue = '';
      }
    });
  }
})();
