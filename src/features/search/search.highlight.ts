/**
 * Highlighted snippets, safely. The database marks matches with the sentinel characters below (which
 * indexing strips from content); everything is then HTML-escaped, and only balanced sentinel pairs become
 * <mark> elements. No markup from an article can reach the page through a snippet.
 */
import { escapeHtml } from '../../lib/html.js';

export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Escaped HTML with <mark> around the highlighted words. */
export function renderHighlight(text: string): string {
  // Control characters on purpose: bodies are indexed without them (plain-text.ts), and a stray pair in a
  // headline could at worst add a harmless <mark> around escaped text.
  // eslint-disable-next-line no-control-regex
  const pairs = /\u0002([^\u0002\u0003]*)\u0003/g;
  // eslint-disable-next-line no-control-regex
  const strays = /[\u0002\u0003]/g;
  return escapeHtml(text).replace(pairs, '<mark>$1</mark>').replace(strays, '');
}

export const hasHighlight = (text: string): boolean => text.includes(MARK_START);
