// @ts-check
// The scripts' texts in the site's language. The page carries them (`<script type="application/json"
// id="bs-messages">`: the catalogue keys whose last part starts with `js_`, see src/platform/i18n.ts), and `t`
// formats the ICU MessageFormat subset they use: `{name}`, `{n, number}`, `{n, plural, =0 {…} one {# …} other
// {…}}` and `{x, select, a {…} other {…}}`. Plural forms follow the page's language (`<html lang>`) through
// Intl.PluralRules; numbers through Intl.NumberFormat.

/** @type {Record<string, string> | undefined} */
let messages;

function catalogue() {
  if (!messages) {
    const el = document.getElementById('bs-messages');
    try {
      messages = el?.textContent ? JSON.parse(el.textContent) : {};
    } catch {
      messages = {};
    }
  }
  return /** @type {Record<string, string>} */ (messages);
}

export const locale = () => document.documentElement.lang || 'en';

/**
 * The message `key` with `values`: `t('common.js_loading')`.
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 */
export function t(key, values = {}) {
  const source = catalogue()[key];
  if (source === undefined) return key;
  return format(source, values, null);
}

/** @param {number} n */
export const formatNumber = (n) => new Intl.NumberFormat(locale()).format(n);

/**
 * @param {string} src
 * @param {Record<string, string | number>} values
 * @param {number | null} pound the number `#` stands for inside a plural branch
 * @returns {string}
 */
function format(src, values, pound) {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "'" && (src[i + 1] === '{' || src[i + 1] === '}' || src[i + 1] === "'")) {
      // ICU quoting: '{' is a literal brace, '' a literal apostrophe.
      const end = src[i + 1] === "'" ? i + 1 : src.indexOf("'", i + 1);
      out += src[i + 1] === "'" ? "'" : src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end + 1;
    } else if (c === '#' && pound !== null) {
      out += formatNumber(pound);
      i += 1;
    } else if (c === '{') {
      const end = matching(src, i);
      out += argument(src.slice(i + 1, end), values);
      i = end + 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** @param {string} src @param {number} open index of a `{` @returns {number} index of its `}` */
function matching(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i;
  }
  return src.length;
}

/**
 * @param {string} body what is between an argument's braces
 * @param {Record<string, string | number>} values
 */
function argument(body, values) {
  const [name = '', type = '', ...rest] = body.split(',');
  const value = values[name.trim()];
  const kind = type.trim();
  if (kind === '') return value === undefined ? `{${name.trim()}}` : String(value);
  if (kind === 'number') return typeof value === 'number' ? formatNumber(value) : String(value ?? '');
  const branches = parseBranches(rest.join(','));
  if (kind === 'plural') {
    const n = Number(value);
    const branch =
      branches.get(`=${n}`) ?? branches.get(new Intl.PluralRules(locale()).select(n)) ?? branches.get('other') ?? '';
    return format(branch, values, n);
  }
  if (kind === 'select') return format(branches.get(String(value)) ?? branches.get('other') ?? '', values, null);
  return String(value ?? '');
}

/** `one {…} other {…}` → Map { one → …, other → … } @param {string} src */
function parseBranches(src) {
  /** @type {Map<string, string>} */
  const branches = new Map();
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    if (open < 0) break;
    const selector = src.slice(i, open).trim();
    const close = matching(src, open);
    branches.set(selector, src.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}
