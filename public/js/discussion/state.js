// @ts-check
// What every part of the discussion reads: its section and what the server wrote on it.
import { announce } from '../announce.js';
import { find } from '../dom.js';

/**
 * @typedef {object} Discussion
 * @property {HTMLElement} section the `[data-discussion]` section
 * @property {HTMLFormElement | null} form the comment form (none when commenting is closed)
 * @property {string} csrf
 * @property {boolean} embedded framed on another site: its forms post themselves (the frame's token is in their
 *   address) and the page comes back whole
 * @property {string} sort newest, oldest or votes
 * @property {Record<string, number>} myVotes the reader's vote on each comment (1, -1 or 0)
 * @property {string[]} own ids of the reader's comments they may still edit
 * @property {(text: string) => void} say tells screen readers, without moving focus
 */

/**
 * @param {string | null} s
 * @returns {unknown}
 */
function parseJson(s) {
  try {
    return JSON.parse(s || 'null');
  } catch {
    return null;
  }
}

/**
 * @param {HTMLElement} section
 * @returns {Discussion}
 */
export function readDiscussion(section) {
  const status = section.querySelector('[data-live-status]');
  const votes = parseJson(section.getAttribute('data-my-votes'));
  return {
    section,
    form: find(section, '[data-comment-form]', HTMLFormElement),
    csrf: section.getAttribute('data-csrf') || '',
    embedded: section.hasAttribute('data-embed'),
    sort: section.getAttribute('data-sort') || 'newest',
    myVotes: votes && typeof votes === 'object' ? /** @type {Record<string, number>} */ (votes) : {},
    own: (section.getAttribute('data-own') || '').split(',').filter(Boolean),
    say: (text) => {
      if (status) announce(status, text);
    },
  };
}
