/**
 * Escaping for the hot fragments rendered with template strings (comment lists). Everything else is
 * rendered by Preact, which escapes by default. A value reaches HTML unescaped only as `SafeHtml`,
 * which only `html` and sanitizers produce.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A string known to be safe HTML. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Trusts a string produced by a sanitizer. Use only on output of sanitize-html or of `html`. */
export const trusted = (s: string): SafeHtml => new SafeHtml(s);

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

/** Tagged template that escapes every interpolation except SafeHtml (and arrays of them). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + strings[i + 1]!;
  }
  return new SafeHtml(out);
}

function render(v: Interpolation): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(v);
}
