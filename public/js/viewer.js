// @ts-check
// Full-size image viewer for article figures. Without this script each thumbnail is a plain link to the
// full-size image. With it, the link opens a modal dialog: focus stays inside, Esc or the close button
// closes it and gives focus back to the thumbnail, arrow keys move between the article's images, and the
// image can be zoomed (pinch on a touch screen, +/- keys, the zoom button, double tap or ctrl+wheel).
import { findAll } from './dom.js';
import { t } from './i18n.js';

const MAX_SCALE = 5;

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

/**
 * @param {string} cls
 * @param {string} label
 * @param {string} text
 */
function button(cls, label, text) {
  const b = el('button', 'viewer-button ' + cls, text);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  return b;
}

/** @typedef {{ x: number; y: number }} Point */

/** @param {Point} a @param {Point} b */
function distance(a, b) {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * The dialog, built on first use.
 * @param {HTMLAnchorElement[]} links the article's full-size links, in order
 */
function createViewer(links) {
  const dialog = el('dialog', 'viewer');
  dialog.setAttribute('aria-labelledby', 'viewer-title');
  dialog.setAttribute('aria-describedby', 'viewer-help');
  const bar = el('div', 'viewer-bar');
  const counter = el('h2', 'viewer-title');
  counter.id = 'viewer-title';
  const prevButton = button('viewer-prev', t('scripts.js_viewer_previous_label'), t('scripts.js_viewer_previous'));
  const nextButton = button('viewer-next', t('scripts.js_viewer_next_label'), t('scripts.js_viewer_next'));
  const zoomButton = button('viewer-zoom', t('scripts.js_viewer_zoom_in'), t('scripts.js_viewer_zoom'));
  zoomButton.setAttribute('aria-pressed', 'false');
  const closeButton = button('viewer-close', t('scripts.js_viewer_close_label'), t('scripts.js_viewer_close'));
  bar.append(counter, prevButton, nextButton, zoomButton, closeButton);
  const stage = el('div', 'viewer-stage');
  const frame = el('div', 'viewer-frame');
  stage.append(frame);
  const caption = el('p', 'viewer-caption');
  const help = el('p', 'viewer-help', t('scripts.js_viewer_help'));
  help.id = 'viewer-help';
  dialog.append(bar, stage, caption, help);
  document.body.append(dialog);

  let current = 0;
  /** @type {HTMLElement | null} */
  let opener = null;
  const view = { scale: 1, x: 0, y: 0 };
  /** @type {Map<number, Point>} */
  const pointers = new Map();
  /** @type {{ distance: number; scale: number } | null} */
  let pinch = null;
  let lastTap = 0;

  /** @param {number} index */
  function show(index) {
    current = (index + links.length) % links.length;
    const link = links[current];
    if (!link) return;
    const picture = link.querySelector('picture');
    /** @type {Element} */
    let shown;
    if (picture) {
      // The thumbnail's own <picture> (AVIF, WebP, JPEG), asked for at screen width.
      const copy = /** @type {HTMLPictureElement} */ (picture.cloneNode(true));
      for (const s of copy.querySelectorAll('source, img')) s.setAttribute('sizes', '100vw');
      const img = copy.querySelector('img');
      if (img) {
        img.loading = 'eager';
        img.removeAttribute('width');
        img.removeAttribute('height');
      }
      shown = copy;
    } else {
      const img = el('img');
      img.src = link.href;
      img.alt = '';
      shown = img;
    }
    shown.classList.add('viewer-image');
    frame.replaceChildren(shown);
    const figcaption = link.closest('figure')?.querySelector('figcaption');
    caption.textContent = figcaption ? figcaption.textContent : '';
    counter.textContent =
      links.length > 1
        ? t('scripts.js_viewer_counter', { n: current + 1, total: links.length })
        : t('scripts.js_viewer_image');
    prevButton.hidden = nextButton.hidden = links.length < 2;
    setScale(1);
  }

  function focusables() {
    return findAll(dialog, 'button, a[href], [tabindex]').filter(
      (e) => !e.hidden && !(e instanceof HTMLButtonElement && e.disabled),
    );
  }

  /** @param {KeyboardEvent} e */
  function onKey(e) {
    // The arrow that points at the "Next" button: left in a right-to-left page, where the bar is mirrored.
    const forward = document.documentElement.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      show(current + (e.key === forward ? 1 : -1));
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
      const items = focusables();
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  }

  /**
   * @param {number} scale
   * @param {number} [originX]
   * @param {number} [originY]
   */
  function setScale(scale, originX, originY) {
    const next = Math.min(MAX_SCALE, Math.max(1, scale));
    if (next === 1) {
      view.x = 0;
      view.y = 0;
    } else if (originX !== undefined && originY !== undefined) {
      // Keep the point under the fingers (or the cursor) where it is.
      const rect = stage.getBoundingClientRect();
      const cx = originX - rect.left - rect.width / 2;
      const cy = originY - rect.top - rect.height / 2;
      view.x = cx - (cx - view.x) * (next / view.scale);
      view.y = cy - (cy - view.y) * (next / view.scale);
    }
    view.scale = next;
    apply();
  }

  function apply() {
    // CSSOM changes are allowed by the site's CSP (which forbids style attributes in markup).
    frame.style.transform = 'translate(' + view.x + 'px, ' + view.y + 'px) scale(' + view.scale + ')';
    const zoomed = view.scale > 1;
    stage.classList.toggle('zoomed', zoomed);
    zoomButton.setAttribute('aria-pressed', zoomed ? 'true' : 'false');
    zoomButton.setAttribute('aria-label', t(zoomed ? 'scripts.js_viewer_zoom_out' : 'scripts.js_viewer_zoom_in'));
  }

  /** @param {PointerEvent} e */
  function onPointerDown(e) {
    stage.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const [a, b] = Array.from(pointers.values());
    if (pointers.size === 2 && a && b) {
      pinch = { distance: distance(a, b), scale: view.scale };
    } else if (e.pointerType === 'touch') {
      const now = Date.now();
      if (now - lastTap < 300) setScale(view.scale > 1 ? 1 : 2.5, e.clientX, e.clientY);
      lastTap = now;
    }
  }

  /** @param {PointerEvent} e */
  function onPointerMove(e) {
    const before = pointers.get(e.pointerId);
    if (!before) return;
    const now = { x: e.clientX, y: e.clientY };
    pointers.set(e.pointerId, now);
    const [a, b] = Array.from(pointers.values());
    if (pointers.size === 2 && pinch && a && b) {
      setScale((pinch.scale * distance(a, b)) / pinch.distance, (a.x + b.x) / 2, (a.y + b.y) / 2);
    } else if (pointers.size === 1 && view.scale > 1) {
      view.x += now.x - before.x;
      view.y += now.y - before.y;
      apply();
    }
  }

  /** @param {PointerEvent} e */
  function onPointerUp(e) {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
  }

  /** @param {WheelEvent} e */
  function onWheel(e) {
    if (!e.ctrlKey) return;
    e.preventDefault();
    setScale(view.scale * (e.deltaY < 0 ? 1.2 : 1 / 1.2), e.clientX, e.clientY);
  }

  prevButton.addEventListener('click', () => show(current - 1));
  nextButton.addEventListener('click', () => show(current + 1));
  zoomButton.addEventListener('click', () => setScale(view.scale > 1 ? 1 : 2.5));
  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', onKey);
  dialog.addEventListener('close', () => {
    frame.replaceChildren();
    if (opener) opener.focus();
  });
  // A click on the dark backdrop (the dialog box itself, not its content) closes it.
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog || e.target === stage) dialog.close();
  });
  stage.addEventListener('pointerdown', onPointerDown);
  stage.addEventListener('pointermove', onPointerMove);
  stage.addEventListener('pointerup', onPointerUp);
  stage.addEventListener('pointercancel', onPointerUp);
  stage.addEventListener('wheel', onWheel, { passive: false });

  return {
    /**
     * @param {number} index
     * @param {HTMLElement} from the link that opened it (focus goes back there)
     */
    open(index, from) {
      opener = from;
      show(index);
      dialog.showModal();
      closeButton.focus();
    },
  };
}

const links = findAll(document, 'a.full-size-link', HTMLAnchorElement);
if (links.length > 0 && typeof HTMLDialogElement === 'function') {
  /** @type {ReturnType<typeof createViewer> | null} */
  let viewer = null;
  links.forEach((link, index) => {
    link.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab etc.: the plain link
      e.preventDefault();
      viewer ??= createViewer(links);
      viewer.open(index, link);
    });
  });
}
