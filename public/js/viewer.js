// Full-size image viewer for article figures. Without this script each thumbnail is a plain link to the
// full-size image. With it, the link opens a modal dialog: focus stays inside, Esc or the close button
// closes it and gives focus back to the thumbnail, arrow keys move between the article's images, and the
// image can be zoomed (pinch on a touch screen, +/- keys, the zoom button, double tap or ctrl+wheel).
(function () {
  'use strict';
  var links = Array.prototype.slice.call(document.querySelectorAll('a.full-size-link'));
  if (links.length === 0 || typeof window.HTMLDialogElement !== 'function') return;

  var MAX_SCALE = 5;
  var dialog, stage, frame, caption, counter, prevButton, nextButton, zoomButton;
  var current = 0;
  var opener = null;
  var view = { scale: 1, x: 0, y: 0 };
  var pointers = new Map();
  var pinch = null;
  var lastTap = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function button(cls, label, text) {
    var b = el('button', 'viewer-button ' + cls, text);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    return b;
  }

  function build() {
    dialog = el('dialog', 'viewer');
    dialog.setAttribute('aria-labelledby', 'viewer-title');
    dialog.setAttribute('aria-describedby', 'viewer-help');
    var bar = el('div', 'viewer-bar');
    counter = el('h2', 'viewer-title');
    counter.id = 'viewer-title';
    prevButton = button('viewer-prev', 'Previous image', '‹ Previous');
    nextButton = button('viewer-next', 'Next image', 'Next ›');
    zoomButton = button('viewer-zoom', 'Zoom in', 'Zoom');
    zoomButton.setAttribute('aria-pressed', 'false');
    var closeButton = button('viewer-close', 'Close the image viewer', '× Close');
    bar.append(counter, prevButton, nextButton, zoomButton, closeButton);
    stage = el('div', 'viewer-stage');
    frame = el('div', 'viewer-frame');
    stage.append(frame);
    caption = el('p', 'viewer-caption');
    var help = el('p', 'viewer-help', 'Arrow keys: previous and next image. + and −: zoom. Esc: close.');
    help.id = 'viewer-help';
    dialog.append(bar, stage, caption, help);
    document.body.append(dialog);

    prevButton.addEventListener('click', function () {
      show(current - 1);
    });
    nextButton.addEventListener('click', function () {
      show(current + 1);
    });
    zoomButton.addEventListener('click', function () {
      setScale(view.scale > 1 ? 1 : 2.5);
    });
    closeButton.addEventListener('click', function () {
      dialog.close();
    });
    dialog.addEventListener('keydown', onKey);
    dialog.addEventListener('close', function () {
      frame.replaceChildren();
      if (opener) opener.focus();
    });
    // A click on the dark backdrop (the dialog box itself, not its content) closes it.
    dialog.addEventListener('click', function (e) {
      if (e.target === dialog || e.target === stage) dialog.close();
    });
    stage.addEventListener('pointerdown', onPointerDown);
    stage.addEventListener('pointermove', onPointerMove);
    stage.addEventListener('pointerup', onPointerUp);
    stage.addEventListener('pointercancel', onPointerUp);
    stage.addEventListener('wheel', onWheel, { passive: false });
  }

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var picture = link.querySelector('picture');
    var shown;
    if (picture) {
      // The thumbnail's own <picture> (AVIF, WebP, JPEG), asked for at screen width.
      shown = picture.cloneNode(true);
      shown.querySelectorAll('source, img').forEach(function (s) {
        s.setAttribute('sizes', '100vw');
      });
      var img = shown.querySelector('img');
      img.loading = 'eager';
      img.removeAttribute('width');
      img.removeAttribute('height');
    } else {
      shown = el('img');
      shown.src = link.href;
      shown.alt = '';
    }
    shown.classList.add('viewer-image');
    frame.replaceChildren(shown);
    var figcaption = link.closest('figure') && link.closest('figure').querySelector('figcaption');
    caption.textContent = figcaption ? figcaption.textContent : '';
    counter.textContent = links.length > 1 ? 'Image ' + (current + 1) + ' of ' + links.length : 'Image';
    prevButton.hidden = nextButton.hidden = links.length < 2;
    setScale(1);
  }

  function open(index, from) {
    if (!dialog) build();
    opener = from;
    show(index);
    dialog.showModal();
    dialog.querySelector('.viewer-close').focus();
  }

  function focusables() {
    return Array.prototype.filter.call(dialog.querySelectorAll('button, a[href], [tabindex]'), function (e) {
      return !e.hidden && !e.disabled;
    });
  }

  function onKey(e) {
    if (e.key === 'ArrowRight') {
      e.preventDefault();
      show(current + 1);
    } else if (e.key === 'ArrowLeft') {
      e.preventDefault();
      show(current - 1);
    } else if (e.key === '+' || e.key === '=') {
      e.preventDefault();
      setScale(view.scale * 1.5);
    } else if (e.key === '-') {
      e.preventDefault();
      setScale(view.scale / 1.5);
    } else if (e.key === '0') {
      e.preventDefault();
      setScale(1);
    } else if (e.key === 'Tab') {
      // Keep focus inside the dialog, also where the browser would let it reach its own toolbar.
      var items = focusables();
      var first = items[0];
      var last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  function setScale(scale, originX, originY) {
    var next = Math.min(MAX_SCALE, Math.max(1, scale));
    if (next === 1) {
      view.x = 0;
      view.y = 0;
    } else if (originX !== undefined) {
      // Keep the point under the fingers (or the cursor) where it is.
      var rect = stage.getBoundingClientRect();
      var cx = originX - rect.left - rect.width / 2;
      var cy = originY - rect.top - rect.height / 2;
      view.x = cx - (cx - view.x) * (next / view.scale);
      view.y = cy - (cy - view.y) * (next / view.scale);
    }
    view.scale = next;
    apply();
  }

  function apply() {
    // CSSOM changes are allowed by the site's CSP (which forbids style attributes in markup).
    frame.style.transform = 'translate(' + view.x + 'px, ' + view.y + 'px) scale(' + view.scale + ')';
    var zoomed = view.scale > 1;
    stage.classList.toggle('zoomed', zoomed);
    zoomButton.setAttribute('aria-pressed', zoomed ? 'true' : 'false');
    zoomButton.setAttribute('aria-label', zoomed ? 'Zoom out' : 'Zoom in');
  }

  function distance(a, b) {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }

  function onPointerDown(e) {
    stage.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      pinch = { distance: distance(p[0], p[1]), scale: view.scale };
    } else if (e.pointerType === 'touch') {
      var now = Date.now();
      if (now - lastTap < 300) setScale(view.scale > 1 ? 1 : 2.5, e.clientX, e.clientY);
      lastTap = now;
    }
  }

  function onPointerMove(e) {
    var before = pointers.get(e.pointerId);
    if (!before) return;
    var now = { x: e.clientX, y: e.clientY };
    pointers.set(e.pointerId, now);
    if (pointers.size === 2 && pinch) {
      var p = Array.from(pointers.values());
      var mid = { x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 };
      setScale((pinch.scale * distance(p[0], p[1])) / pinch.distance, mid.x, mid.y);
    } else if (pointers.size === 1 && view.scale > 1) {
      view.x += now.x - before.x;
      view.y += now.y - before.y;
      apply();
    }
  }

  function onPointerUp(e) {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
  }

  function onWheel(e) {
    if (!e.ctrlKey) return;
    e.preventDefault();
    setScale(view.scale * (e.deltaY < 0 ? 1.2 : 1 / 1.2), e.clientX, e.clientY);
  }

  links.forEach(function (link, index) {
    link.addEventListener('click', function (e) {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab etc.: the plain link
      e.preventDefault();
      open(index, link);
    });
  });
})();
