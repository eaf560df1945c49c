/**
 * Unicode bidirectional controls in text that came from elsewhere (imported titles, names). An opener
 * without its closer (U+202A–202E embeddings and overrides, U+2066–2068 isolates) reverses everything that
 * follows it on the line — in a <title>, the site's own name after the headline.
 */

const EMBEDDINGS = new Set(['\u202a', '\u202b', '\u202d', '\u202e']);
const POP_EMBEDDING = '\u202c';
const ISOLATES = new Set(['\u2066', '\u2067', '\u2068']);
const POP_ISOLATE = '\u2069';
const ANY_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * The text with its bidi controls balanced, as UAX #9 pairs them: closers without an opener are dropped,
 * and openers left open at the end are closed, so the text's direction cannot leak into what follows it.
 */
export function balanceBidi(s: string): string {
  if (!ANY_CONTROL.test(s)) return s;
  const stack: Array<'e' | 'i'> = [];
  let out = '';
  for (const ch of s) {
    if (EMBEDDINGS.has(ch)) stack.push('e');
    else if (ISOLATES.has(ch)) stack.push('i');
    else if (ch === POP_EMBEDDING) {
      if (stack[stack.length - 1] !== 'e') continue;
      stack.pop();
    } else if (ch === POP_ISOLATE) {
      const at = stack.lastIndexOf('i');
      if (at < 0) continue;
      stack.length = at; // a PDI also closes the embeddings opened inside its isolate
    }
    out += ch;
  }
  for (let i = stack.length - 1; i >= 0; i--) out += stack[i] === 'i' ? POP_ISOLATE : POP_EMBEDDING;
  return out;
}

/**
 * Text shown inside other text (a headline in "Headline · Site name"): balanced, and wrapped in a
 * first-strong isolate when it holds bidi controls or right-to-left letters, so it cannot reorder its
 * surroundings.
 */
export function isolateBidi(s: string): string {
  if (!ANY_CONTROL.test(s) && !/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.test(s)) return s;
  return `\u2068${balanceBidi(s)}\u2069`;
}
