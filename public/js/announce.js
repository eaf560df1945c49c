// @ts-check
// Says something to screen readers without moving focus: the one helper every script uses for its live region.

/**
 * Puts `text` in the live region `region`. The region is emptied first and the text set a moment later, so a
 * screen reader announces a message that repeats the previous one too.
 * @param {Element} region an element with `role="status"` or `aria-live`
 * @param {string} text
 */
export function announce(region, text) {
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/** @type {HTMLElement | null} */
let shared = null;

/**
 * A visually hidden polite live region at the end of the page, made on first use, for pages that have none
 * of their own.
 * @returns {HTMLElement}
 */
export function politeRegion() {
  if (!shared) {
    shared = document.createElement('p');
    shared.className = 'visually-hidden';
    shared.setAttribute('aria-live', 'polite');
    document.body.append(shared);
  }
  return shared;
}
