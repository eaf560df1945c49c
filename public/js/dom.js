// @ts-check
// Typed element lookups: the element a selector finds, if it is of the kind the caller needs.

/**
 * The first element under `root` that matches `selector` and is a `type` (by default any HTML element).
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @param {{ new (): T; prototype: T }} [type]
 * @returns {T | null}
 */
export function find(root, selector, type) {
  const el = root.querySelector(selector);
  return el instanceof (type ?? HTMLElement) ? /** @type {T} */ (el) : null;
}

/**
 * Like `find`, for an element the page always has where the script looks for it (markup the server renders).
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @param {{ new (): T; prototype: T }} [type]
 * @returns {T}
 */
export function must(root, selector, type) {
  const el = find(root, selector, type);
  if (!el) throw new Error('Broadsheet: no ' + selector + ' on this page.');
  return el;
}

/**
 * Every element under `root` that matches `selector` and is a `type`, in document order.
 * @template {Element} [T=HTMLElement]
 * @param {ParentNode} root
 * @param {string} selector
 * @param {{ new (): T; prototype: T }} [type]
 * @returns {T[]}
 */
export function findAll(root, selector, type) {
  const kind = type ?? HTMLElement;
  return /** @type {T[]} */ (Array.from(root.querySelectorAll(selector)).filter((el) => el instanceof kind));
}

/**
 * The closest element around an event's target that matches `selector`, or null (also for a text-node target).
 * @param {Event} e
 * @param {string} selector
 * @returns {HTMLElement | null}
 */
export function closestTo(e, selector) {
  const t = e.target instanceof Element ? e.target : e.target instanceof Node ? e.target.parentElement : null;
  const el = t && t.closest(selector);
  return el instanceof HTMLElement ? el : null;
}
