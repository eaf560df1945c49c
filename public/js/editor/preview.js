// @ts-check
// The live preview beside the body: a moment after the writer stops typing, the body goes to the server,
// which renders it with the article page's own renderer, and the answer (sanitized HTML) replaces the panel.
import { requestJson } from '../http.js';

const DELAY_MS = 600;

/**
 * @param {HTMLTextAreaElement} body
 * @param {HTMLElement} panel
 * @param {string} csrf
 */
export function startPreview(body, panel, csrf) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    try {
      const answer = /** @type {{ html: string }} */ (
        await requestJson('/admin/articles/preview/live', { json: { body: body.value }, csrf })
      );
      // An older answer arriving late never replaces a newer one.
      if (mine === asked) panel.innerHTML = answer.html;
    } catch {
      if (mine === asked) panel.setAttribute('data-stale', 'true');
    }
  };
  body.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
  void refresh();
}
