/**
 * A tiny XML builder for feeds and sitemaps. Every text and attribute value is escaped here, and
 * characters XML 1.0 forbids (most C0 controls, lone surrogates) are dropped, so a headline can never
 * break a document. Elements are plain data (`el(...)`), rendered once by `renderXml`.
 */
export type XmlChild = XmlElement | string | number | null | undefined | false;
export type XmlAttrs = Record<string, string | number | null | undefined>;

export interface XmlElement {
  name: string;
  attrs: XmlAttrs;
  children: XmlChild[];
}

/** An element; null/undefined/false children and attributes are left out. */
export function el(name: string, attrs: XmlAttrs | null = null, ...children: (XmlChild | XmlChild[])[]): XmlElement {
  return { name, attrs: attrs ?? {}, children: children.flat() };
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
const INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content or a double-quoted attribute value. */
export function escapeXml(value: string | number): string {
  return String(value)
    .replace(INVALID, '')
    .replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function renderNode(node: XmlChild): string {
  if (node === null || node === undefined || node === false) return '';
  if (typeof node === 'string' || typeof node === 'number') return escapeXml(node);
  const attrs = Object.entries(node.attrs)
    .filter((kv): kv is [string, string | number] => kv[1] !== null && kv[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner = node.children.map(renderNode).join('');
  if (inner === '') return `<${node.name}${attrs}/>\n`;
  // A line break after element-only content keeps documents readable without changing text nodes.
  const elementOnly = node.children.every((c) => c === null || c === undefined || c === false || typeof c === 'object');
  return `<${node.name}${attrs}>${elementOnly ? '\n' : ''}${inner}</${node.name}>${'\n'}`;
}

/** A complete document with the XML declaration. */
export function renderXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderNode(root)}`;
}
