// @ts-check
// The one way the scripts talk to the server: same-origin credentials, JSON answers, the CSRF token as a
// header on writes, and a problem answer (`{ title, fields }`) turned into an HttpError.

import { t } from './i18n.js';

/** An answer that was not 2xx: the problem's title as the message, and which fields it was about. */
export class HttpError extends Error {
  /**
   * @param {string} message
   * @param {number} status
   * @param {Record<string, string>} fields
   */
  constructor(message, status, fields) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.fields = fields;
  }
}

/**
 * @typedef {object} RequestOptions
 * @property {string} [method] GET without a body, POST with one, unless set
 * @property {unknown} [json] a body sent as JSON
 * @property {URLSearchParams} [form] a body sent URL-encoded, as a form would post it
 * @property {string} [csrf] sent as `x-csrf-token` with a body
 * @property {string} [fallback] the message when an error answer has no title
 */

/**
 * Asks for JSON; resolves with the answer's body (unchecked: the caller says what it expects), rejects with an
 * HttpError for a 4xx/5xx answer, or with the browser's own error when the network failed.
 * @param {string} url
 * @param {RequestOptions} [options]
 * @returns {Promise<unknown>}
 */
export async function requestJson(url, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  /** @type {string | undefined} */
  let body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = options.form.toString();
  }
  if (body !== undefined && options.csrf) headers['x-csrf-token'] = options.csrf;
  const res = await fetch(url, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    credentials: 'same-origin',
    headers,
    body,
  });
  /** @type {unknown} */
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const problem = /** @type {{ title?: unknown; fields?: unknown }} */ (data && typeof data === 'object' ? data : {});
    const fields = problem.fields && typeof problem.fields === 'object' ? problem.fields : {};
    throw new HttpError(
      typeof problem.title === 'string' && problem.title
        ? problem.title
        : (options.fallback ?? t('common.js_generic_error')),
      res.status,
      /** @type {Record<string, string>} */ (fields),
    );
  }
  return data;
}

/**
 * Reads JSON from the server; resolves with null when the answer is not 2xx (the thing is gone or not shown),
 * rejects when the network failed.
 * @param {string} url
 * @returns {Promise<unknown>}
 */
export async function fetchJson(url) {
  const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  return res.ok ? res.json() : null;
}

/**
 * Reads a page as text; rejects when the answer is not 2xx.
 * @param {string} url
 * @returns {Promise<string>}
 */
export async function fetchText(url) {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new HttpError(String(res.status), res.status, {});
  return res.text();
}
