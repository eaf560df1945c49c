// Updates an import's progress in place while it runs (the page works without this: it has a Refresh link).
(function () {
  var root = document.getElementById('import-job');
  if (!root || root.getAttribute('data-active') !== 'true') return;
  var url = root.getAttribute('data-progress-url');
  var set = function (id, text) {
    var el = document.getElementById(id);
    if (el && el.textContent !== String(text)) el.textContent = String(text);
  };
  var tick = function () {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (p) {
        if (!p) return;
        set('job-state', p.label);
        set('job-items', p.items);
        set('job-created', p.created);
        set('job-updated', p.updated);
        set('job-skipped', p.skipped);
        var bar = document.getElementById('job-bar');
        if (bar && p.percent !== null) {
          bar.setAttribute('max', '100');
          bar.setAttribute('value', String(p.percent));
          set('job-percent', p.percent + '%');
        }
        // When it ends, reload once to show the summary the server renders.
        if (!p.active) {
          location.reload();
          return;
        }
        setTimeout(tick, 2000);
      })
      .catch(function () {
        setTimeout(tick, 5000);
      });
  };
  setTimeout(tick, 1000);
})();
