/**
 * Slugs: the address part of an article, section, tag or author page. A slug is letters, combining
 * marks and digits of any script (`москва`, `東京`, `hindī`), lower-case, in NFC, joined by single dashes.
 * Latin accents are folded (`café` → `cafe`), as slugs always were; other scripts are kept whole
 * (folding `й` or `が` would change the word). Slugs travel percent-encoded in URLs: build paths with
 * slugPath, never by pasting a slug into a string.
 */

/** A letter, mark or digit of any script: what a slug keeps. */
const KEPT = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * URL slug from a headline, tag or name. `+` and `#` right after a letter or digit are spelled out,
 * so C++, C# and F# keep apart (`c-plus-plus`, `c-sharp`, `f-sharp`); other punctuation separates words.
 * Returns 'untitled' when nothing is left (a headline of emoji).
 */
export function slugify(text: string, maxLength = 80): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    // Latin base letter + combining marks → the base letter (café → cafe, İ → i).
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/(?<=[\p{L}\p{N}+#])[+#]/gu, (c) => (c === '+' ? ' plus ' : ' sharp '))
    .replace(KEPT, '-')
    .replace(/^-+|-+$/g, '');
  return cutAt(s, maxLength).replace(/-+$/g, '') || 'untitled';
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** At most `max` UTF-16 units, cut between user-perceived characters (never inside a surrogate pair or before a vowel sign). */
function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = '';
  for (const { segment } of graphemes.segment(s)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

/** The form a typed slug is compared in: NFC, lower-case, trimmed. */
export const normalizeSlug = (s: string): string => s.trim().normalize('NFC').toLowerCase();

/** True for a string that is a well-formed slug (already normalized: see normalizeSlug). */
export const isSlug = (s: string): boolean =>
  s.length <= 120 && /^[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*$/u.test(s) && s === normalizeSlug(s);

/** The site path of a page addressed by slug, percent-encoded (URLs and HTTP headers carry ASCII only). */
export const slugPath = (prefix: 'articles' | 'pages' | 'section' | 'tag' | 'author', slug: string): string =>
  `/${prefix}/${encodeURIComponent(slug)}`;
