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
  return escapeHtml(text)
    .replace(/\u0002([^\u0002\u0003]*)\u0003/g, '<mark>$1</mark>')
    .replace(/[\u0002\u0003]/g, '');
}

export const hasHighlight = (text: string): boolean => text.includes(MARK_START);
