/**
 * Streams an XML export as small "records" (a WordPress <item>, a <wp:comment>, a Disqus <post>) so a
 * 500 MB file never sits in memory: saxes parses chunk by chunk, only the elements inside a record are
 * kept, and the generator yields after each chunk, so reading waits while the importer writes.
 *
 * Element names are canonical, whatever prefixes the file declares: `wp:`, `excerpt:`, `content:`,
 * `dc:` (WordPress) and `dsq:` (Disqus internals); the Disqus default namespace has no prefix.
 *
 * A record that contains other records (an <item> with its <wp:comment>s) is emitted twice: `open` with
 * what came before the first nested record (the post fields come first in WXR), then `close` at its
 * end. Nested records are emitted on their own and never attached to the outer node.
 */
import { msg, type Message } from '../../lib/message.js';
import { english } from '../../platform/i18n.js';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Text and CDATA directly inside the element, untrimmed. */
  text: string;
}

export interface XmlEvent {
  /** `open`: a record's head, emitted when its first nested record starts; `close`: the whole record. */
  type: 'open' | 'close';
  node: XNode;
  /** On `close`: whether `open` was emitted before. */
  opened: boolean;
}

/** Decides which elements are records, by name and by the name of their parent element. */
export type RecordMatcher = (name: string, parentName: string) => boolean;

const PREFIX_BY_URI: Array<[RegExp, string]> = [
  [/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/?$/, 'excerpt'],
  [/^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/?$/, 'wp'],
  [/^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/, 'content'],
  [/^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/, 'dc'],
  [/^https?:\/\/wellformedweb\.org\/CommentAPI\/?$/, 'wfw'],
  [/^https?:\/\/disqus\.com\/disqus-internals\/?$/, 'dsq'],
  [/^https?:\/\/disqus\.com\/?$/, ''],
];

/** Namespaces some hand-edited exports use without declaring them. */
const FALLBACK_NAMESPACES: Record<string, string> = {
  wp: 'http://wordpress.org/export/1.2/',
  excerpt: 'http://wordpress.org/export/1.2/excerpt/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  wfw: 'http://wellformedweb.org/CommentAPI/',
  dsq: 'http://disqus.com/disqus-internals',
};

/** HTML entities that leak into exports outside CDATA; XML itself knows only five. */
const HTML_ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  eacute: 'é',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
};

function canonical(prefix: string, local: string, uri: string): string {
  if (uri === '') return local;
  for (const [re, p] of PREFIX_BY_URI) if (re.test(uri)) return p ? `${p}:${local}` : local;
  return prefix ? `${prefix}:${local}` : local;
}

interface Frame {
  name: string;
  node: XNode | null;
  isRecord: boolean;
  opened: boolean;
}

/** Thrown when the file is not well-formed XML; says where. */
export class XmlFormatError extends Error {
  /** What the publisher is told (`message` is its English, for the CLI and logs). */
  readonly text: Message;
  constructor(text: Message) {
    super(english(text));
    this.name = 'XmlFormatError';
    this.text = text;
  }
}

export interface ReadOptions {
  isRecord: RecordMatcher;
  /** Called with the number of bytes consumed so far (for progress). */
  onBytes?: (bytes: number) => void;
  /** Name shown in error messages. */
  fileName?: string;
  /** Told about what was tolerated (junk before the XML declaration). */
  /** A warning for the summary (a catalogue message whose English starts "warnings: "). */
  onWarning?: (message: Message) => void;
}

/** Yields the records completed by each chunk of input, in document order. */
export async function* readXmlRecords(
  input: AsyncIterable<string | Buffer>,
  opts: ReadOptions,
): AsyncGenerator<XmlEvent[]> {
  const parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: (p: string) => FALLBACK_NAMESPACES[p] });
  Object.assign(parser.ENTITIES, HTML_ENTITIES);
  const stack: Frame[] = [];
  let out: XmlEvent[] = [];
  let failure: Error | null = null;

  const openEnclosingRecords = () => {
    for (const f of stack) {
      if (f.isRecord && !f.opened && f.node) {
        f.opened = true;
        out.push({ type: 'open', node: f.node, opened: false });
      }
    }
  };

  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const name = canonical(tag.prefix, tag.local, tag.uri);
    const parent = stack[stack.length - 1];
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[canonical(a.prefix, a.local, a.uri)] = a.value;
    }
    if (opts.isRecord(name, parent?.name ?? '')) {
      openEnclosingRecords();
      stack.push({ name, node: { name, attrs, children: [], text: '' }, isRecord: true, opened: false });
      return;
    }
    const parentNode = parent?.node ?? null;
    if (parentNode) {
      const node: XNode = { name, attrs, children: [], text: '' };
      parentNode.children.push(node);
      stack.push({ name, node, isRecord: false, opened: false });
    } else {
      stack.push({ name, node: null, isRecord: false, opened: false });
    }
  });
  const onText = (t: string) => {
    const node = stack[stack.length - 1]?.node;
    if (node) node.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const f = stack.pop();
    if (f?.isRecord && f.node) out.push({ type: 'close', node: f.node, opened: f.opened });
  });

  // The BOM is kept (not swallowed by the decoder) so the start of the file can be checked and reported.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let bytes = 0;
  const start = new DocumentStart(opts.onWarning);
  const write = (text: string) => {
    const ready = start.pass(text);
    if (ready) parser.write(ready);
  };
  for await (const chunk of input) {
    write(stripDisallowed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })));
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (failure) throw formatError(failure, opts.fileName, start.dropped);
    opts.onBytes?.(bytes);
    if (out.length > 0) {
      const ready = out;
      out = [];
      yield ready;
    }
  }
  write(stripDisallowed(decoder.decode()));
  const rest = start.end();
  if (rest) parser.write(rest);
  parser.close();
  if (failure) throw formatError(failure, opts.fileName, start.dropped);
  if (out.length > 0) yield out;
}

/** How far ahead of the XML declaration junk is looked for. */
const HEAD_LIMIT = 64 * 1024;

/**
 * Real exports sometimes start with something before the XML declaration: a byte-order mark, blank lines
 * or PHP notices a plugin printed ("<br /><b>Notice</b>: …"). What comes before `<?xml` (within the first
 * 64 KB), or before the first `<` when there is no declaration, is dropped with a warning; anything
 * malformed after that is an error.
 */
class DocumentStart {
  private head = '';
  private done = false;
  /** The text dropped, to correct the positions of later errors. */
  dropped = '';

  constructor(private readonly onWarning?: (message: Message) => void) {}

  /** Text for the parser: nothing while the head is still being looked at. */
  pass(text: string): string {
    if (this.done) return text;
    this.head += text;
    if (this.head.includes('<?xml') || this.head.length >= HEAD_LIMIT) return this.end();
    return '';
  }

  end(): string {
    if (this.done) return '';
    this.done = true;
    const head = this.head;
    this.head = '';
    const decl = head.indexOf('<?xml');
    const cut = decl >= 0 ? decl : Math.max(head.search(/</), 0);
    if (cut > 0) {
      this.dropped = head.slice(0, cut);
      const bom = this.dropped === '\ufeff';
      this.onWarning?.(
        bom ? msg('importers.note_warning_bom') : msg('importers.note_warning_leading_text', { count: cut }),
      );
    }
    return head.slice(cut);
  }
}

/**
 * Control characters XML 1.0 forbids. WordPress stores whatever was pasted into a post and exports it
 * verbatim; one stray U+000B would otherwise stop a whole import.
 */
// eslint-disable-next-line no-control-regex
const DISALLOWED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const stripDisallowed = (s: string): string => s.replace(DISALLOWED, '');

/** saxes says "12:34: unexpected close tag."; the message says line and column of the file. */
function formatError(err: Error, fileName: string | undefined, dropped: string): XmlFormatError {
  // The parser's own words (`detail`) stay in English: they name XML's rules, not ours.
  const name = fileName ?? 'The file';
  const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(err.message);
  if (!m) return new XmlFormatError(msg('importers.xml_malformed', { name, detail: err.message }));
  const lines = dropped.split('\n');
  const line = Number(m[1]) + lines.length - 1;
  const column = Number(m[1]) === 1 ? Number(m[2]) + lines[lines.length - 1]!.length : Number(m[2]);
  return new XmlFormatError(msg('importers.xml_malformed_at', { name, line, column, detail: m[3] }));
}

/** The first child element with this name. */
export const child = (node: XNode, name: string): XNode | undefined => node.children.find((c) => c.name === name);

/** All child elements with this name. */
export const childrenNamed = (node: XNode, name: string): XNode[] => node.children.filter((c) => c.name === name);

/** Trimmed text of the first child with this name ('' when absent). */
export const textOf = (node: XNode, name: string): string => child(node, name)?.text.trim() ?? '';

/** Untrimmed text of the first child (bodies keep their whitespace). */
export const rawTextOf = (node: XNode, name: string): string => child(node, name)?.text ?? '';
