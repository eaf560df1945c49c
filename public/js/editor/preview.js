// @ts-check
// The live preview beside the body: a moment after the writer stops typing, the body goes to the server,
// which renders it with the article page's own renderer, and the answer (sanitized HTML) replaces the panel.
import { requestJson } from '../http.js';

const DELAY_MS = 600;

/** @param {HTMLFormElement} form @param {string} name */
const valueOf = (form, name) => {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement
    ? el.value
    : '';
};

/**
 * @param {HTMLFormElement} form
 * @param {HTMLTextAreaElement} body
 * @param {HTMLElement} panel
 * @param {HTMLElement | null} share the search-result and social-card preview
 * @param {string} csrf
 */
export function startPreview(form, body, panel, share, csrf) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let asked = 0;
  const refresh = async () => {
    const mine = ++asked;
    try {
      const json = {
        body: body.value,
        headline: valueOf(form, 'headline'),
        excerpt: valueOf(form, 'excerpt'),
        lead_image: valueOf(form, 'lead_image'),
      };
      const answer = /** @type {{ html: string; card: string }} */ (
        await requestJson('/admin/articles/preview/live', { json, csrf })
      );
      // An older answer arriving late never replaces a newer one. Both are the server's escaped, sanitized HTML.
      if (mine === asked) {
        panel.innerHTML = answer.html;
        if (share) share.innerHTML = answer.card;
      }
    } catch {
      if (mine === asked) panel.setAttribute('data-stale', 'true');
    }
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
  form.addEventListener('change', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, DELAY_MS);
  });
  void refresh();
}
