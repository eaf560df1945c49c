/**
 * Top-level blocks of well-formed HTML (what sanitize-html emits): the only places where a body may be
 * cut to put a figure or a call to action between its pieces. Cutting inside a blockquote, list or table
 * would close it early in the reader's browser.
 */

/** Elements without a closing tag in sanitized bodies. */
const VOID = new Set(['br', 'hr', 'img', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;

/**
 * Splits `html` into its top-level elements, in order; text between them (usually newlines) stays with
 * the block before it, so joining the result gives `html` back exactly.
 */
export function topLevelBlocks(html: string): string[] {
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || m[0].endsWith('/>')) {
      if (depth === 0) {
        blocks.push(html.slice(start, TAG.lastIndex));
        start = TAG.lastIndex;
      }
      continue;
    }
    if (m[1]) depth = Math.max(0, depth - 1);
    else depth++;
    if (depth === 0 && m[1]) {
      // Keep the whitespace that follows with this block.
      let end = TAG.lastIndex;
      while (end < html.length && /\s/.test(html[end]!)) end++;
      blocks.push(html.slice(start, end));
      start = end;
      TAG.lastIndex = end;
    }
  }
  if (start < html.length) blocks.push(html.slice(start));
  return blocks;
}
