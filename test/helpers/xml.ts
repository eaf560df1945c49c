/** A small DOM built with saxes, so feed and sitemap tests read documents as an XML parser would. */
import { SaxesParser } from 'saxes';

export interface XNode {
  /** Qualified name as written (`atom:link`). */
  name: string;
  /** Namespace URI. */
  uri: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Concatenated text content of this element (not of its children). */
  text: string;
}

/** Parses a whole document; throws on anything that is not well-formed XML with resolvable namespaces. */
export function parseXml(xml: string): XNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XNode = { name: '#document', uri: '', attrs: {}, children: [], text: '' };
  const stack: XNode[] = [root];
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(tag.attributes)) attrs[k] = typeof a === 'string' ? a : a.value;
    const node: XNode = { name: tag.name, uri: tag.uri ?? '', attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

/** Direct children named `name`. */
export const kids = (n: XNode, name: string): XNode[] => n.children.filter((c) => c.name === name);
/** The first direct child named `name`, or throws (so a missing required element fails the test). */
export function kid(n: XNode, name: string): XNode {
  const c = n.children.find((x) => x.name === name);
  if (!c) throw new Error(`<${n.name}> has no <${name}>`);
  return c;
}
/** Trimmed text of the first child named `name`. */
export const textOf = (n: XNode, name: string): string => kid(n, name).text.trim();
