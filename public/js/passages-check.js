// "Check passages" on the article editor, in place: posts the unsaved form and says how many readers'
// anchored comments the edit would orphan. Without this file the button opens the same check in a new tab.
(function () {
  'use strict';
  var button = document.querySelector('[data-passages-check]');
  if (!button) return;
  var result = null;
  // The status line is made on the first check, so the page keeps one status message (the save notice) until then.
  function say(text) {
    if (!result) {
      result = document.createElement('p');
      result.className = 'passages-result';
      result.setAttribute('role', 'status');
      button.parentNode.insertAdjacentElement('afterend', result);
    }
    result.textContent = '';
    setTimeout(function () {
      result.textContent = text;
    }, 50);
  }
  button.textContent = 'Check passages';
  button.addEventListener('click', function (e) {
    e.preventDefault();
    var form = button.form;
    button.disabled = true;
    fetch(button.getAttribute('formaction'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
    })
      .then(function (r) {
        return r.ok ? r.json() : Promise.reject(new Error(String(r.status)));
      })
      .then(function (r) {
        say(
          r.total === 0
            ? 'No reader comments or questions are anchored to passages of this article.'
            : r.orphaned === 0
              ? 'Every anchored comment and question would still find its passage.'
              : 'This edit would orphan ' +
                r.orphaned +
                ' of ' +
                r.total +
                ' anchored comments and questions: they would show as “on a passage that has since changed”.',
        );
      })
      .catch(function () {
        say('The check did not work just now; nothing was saved. Try again.');
      })
      .then(function () {
        button.disabled = false;
      });
  });
})();
