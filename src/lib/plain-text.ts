/**
 * HTML → plain text for search indexing and snippets. Sanitized article bodies only carry a few
 * entities (sanitize-html re-encodes just `& < > "`), but imported or hand-written HTML may carry more,
 * so the common named ones and every numeric one are decoded. Control characters are removed: the
 * search feature uses U+0002/U+0003 as highlight sentinels and they must never come from content.
 */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  euro: '€',
  pound: '£',
};

/** Decodes HTML character references (named ones above, and all numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes control characters (keeps tab and line breaks, which later collapse to spaces). */
export const stripControl = (s: string): string => s.replace(CONTROL, '');

/** Text of an HTML fragment: tags become spaces (so words never run together), entities are decoded. */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  const noTags = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' ');
  return stripControl(decodeEntities(noTags)).replace(/\s+/g, ' ').trim();
}
