/**
 * Passage anchors for inline feedback, in the spirit of the W3C Web Annotation TextQuoteSelector: a
 * comment remembers the paragraph it was made on *and* the quoted text with a little context before and
 * after. After the article is edited, each anchor is found again by its quote — in its paragraph, then
 * anywhere, then approximately — or reported as orphaned ("on a passage that has since changed").
 *
 * A comment on a whole paragraph (no words selected) has an empty quote; its suffix then holds the
 * paragraph's leading text (the fingerprint), so that it, too, is found again by text — the same
 * paragraph, then any, then approximately — and not by position, which an inserted paragraph shifts.
 *
 * Pure functions over the article's sanitized HTML; resolution runs when an article is saved, never on a
 * page view.
 */

export interface PassageAnchor {
  /** Paragraph id at the time of commenting (`p3`). */
  paragraphId: string;
  /** The quoted text, as the reader selected it (empty = the whole paragraph). */
  exact: string;
  /** Up to CONTEXT characters before the quote, for disambiguation. */
  prefix: string;
  /**
   * Up to CONTEXT characters after the quote. For a whole paragraph (empty quote, at its start): the
   * paragraph's fingerprint, its first PARAGRAPH_FINGERPRINT characters; empty on anchors stored before
   * fingerprints and never migrated (an orphan then), which follow their paragraph id only.
   */
  suffix: string;
}

export type AnchorStatus = 'exact' | 'moved' | 'approximate' | 'orphaned';

export interface ResolvedAnchor {
  status: AnchorStatus;
  /** Paragraph the passage is in now; null when orphaned. */
  paragraphId: string | null;
  /** The passage as it reads now (differs from the stored quote when approximate). */
  quote: string;
  /** Character offsets of the passage in the paragraph's text. */
  start: number;
  end: number;
}

export interface Paragraph {
  id: string;
  text: string;
}

export const CONTEXT = 32;
/** Minimum similarity (1 − edit distance / quote length) for an approximate match. */
export const APPROXIMATE_THRESHOLD = 0.75;
/** How much of a paragraph a whole-paragraph anchor keeps: enough to tell paragraphs apart, bounded so saves stay fast. */
export const PARAGRAPH_FINGERPRINT = 200;

/** The text a whole-paragraph anchor keeps of its paragraph (and compares with each paragraph's own). */
export const paragraphFingerprint = (text: string): string => text.slice(0, PARAGRAPH_FINGERPRINT);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  '#39': "'",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/** Normalizes white space the way a browser selection reports it. */
export const normalizeText = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The article's paragraphs (those with ids) as plain text. */
export function extractParagraphs(bodyHtml: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const m of bodyHtml.matchAll(/<p id="(p\d+)">([\s\S]*?)<\/p>/g)) {
    out.push({
      id: m[1]!,
      text: normalizeText(decodeEntities(m[2]!.replace(/<br\s*\/?>/g, ' ').replace(/<[^>]+>/g, ''))),
    });
  }
  return out;
}

/** Builds an anchor from a paragraph and a selection inside it, with context. */
export function makeAnchor(paragraph: Paragraph, exact: string): PassageAnchor | null {
  const quote = normalizeText(exact);
  if (quote === '')
    return { paragraphId: paragraph.id, exact: '', prefix: '', suffix: paragraphFingerprint(paragraph.text) };
  const at = paragraph.text.indexOf(quote);
  if (at < 0) return null;
  return {
    paragraphId: paragraph.id,
    exact: quote,
    prefix: paragraph.text.slice(Math.max(0, at - CONTEXT), at),
    suffix: paragraph.text.slice(at + quote.length, at + quote.length + CONTEXT),
  };
}

/** Finds an anchor again in the (possibly edited) paragraphs. */
export function resolveAnchor(anchor: PassageAnchor, paragraphs: Paragraph[]): ResolvedAnchor {
  const orphan: ResolvedAnchor = { status: 'orphaned', paragraphId: null, quote: anchor.exact, start: 0, end: 0 };
  if (anchor.exact === '') return resolveParagraph(anchor, paragraphs) ?? orphan;
  const same = paragraphs.find((p) => p.id === anchor.paragraphId);
  if (same) {
    const hit = bestExact(anchor, same);
    if (hit) return { status: 'exact', paragraphId: same.id, quote: anchor.exact, ...hit };
  }
  let best: { p: Paragraph; start: number; end: number; score: number } | undefined;
  for (const p of paragraphs) {
    const hit = bestExact(anchor, p);
    if (hit && (!best || hit.score > best.score)) best = { p, ...hit };
  }
  if (best) return { status: 'moved', paragraphId: best.p.id, quote: anchor.exact, start: best.start, end: best.end };

  let fuzzy: { p: Paragraph; start: number; end: number; similarity: number } | undefined;
  // Prefer the original paragraph on ties: it is checked first.
  const ordered = same ? [same, ...paragraphs.filter((p) => p !== same)] : paragraphs;
  for (const p of ordered) {
    const m = approximateMatch(anchor.exact, p.text);
    if (m && (!fuzzy || m.similarity > fuzzy.similarity)) fuzzy = { p, ...m };
  }
  if (fuzzy && fuzzy.similarity >= APPROXIMATE_THRESHOLD) {
    return {
      status: 'approximate',
      paragraphId: fuzzy.p.id,
      quote: fuzzy.p.text.slice(fuzzy.start, fuzzy.end),
      start: fuzzy.start,
      end: fuzzy.end,
    };
  }
  return orphan;
}

/**
 * A whole-paragraph anchor, by its fingerprint: the paragraph whose own fingerprint is the same (its old
 * id first), else the one that contains it most nearly (a typo fixed, a sentence added before it), else
 * none. Without a fingerprint (stored before there were any) it follows the paragraph id while it exists.
 */
function resolveParagraph(anchor: PassageAnchor, paragraphs: Paragraph[]): ResolvedAnchor | undefined {
  const whole = (p: Paragraph, status: AnchorStatus): ResolvedAnchor => ({
    status,
    paragraphId: p.id,
    quote: '',
    start: 0,
    end: p.text.length,
  });
  const same = paragraphs.find((p) => p.id === anchor.paragraphId);
  if (anchor.suffix === '') return same && whole(same, 'exact');
  if (same && paragraphFingerprint(same.text) === anchor.suffix) return whole(same, 'exact');
  const moved = paragraphs.find((p) => paragraphFingerprint(p.text) === anchor.suffix);
  if (moved) return whole(moved, 'moved');
  let best: { p: Paragraph; similarity: number } | undefined;
  for (const p of same ? [same, ...paragraphs.filter((x) => x !== same)] : paragraphs) {
    const m = approximateMatch(anchor.suffix, p.text);
    if (m && (!best || m.similarity > best.similarity)) best = { p, similarity: m.similarity };
  }
  return best && best.similarity >= APPROXIMATE_THRESHOLD ? whole(best.p, 'approximate') : undefined;
}

/** The occurrence of the quote whose surroundings best match the stored context. */
function bestExact(anchor: PassageAnchor, p: Paragraph): { start: number; end: number; score: number } | undefined {
  let best: { start: number; end: number; score: number } | undefined;
  for (let at = p.text.indexOf(anchor.exact); at >= 0; at = p.text.indexOf(anchor.exact, at + 1)) {
    const before = p.text.slice(Math.max(0, at - anchor.prefix.length), at);
    const after = p.text.slice(at + anchor.exact.length, at + anchor.exact.length + anchor.suffix.length);
    const score = commonSuffix(before, anchor.prefix) + commonPrefix(after, anchor.suffix);
    if (!best || score > best.score) best = { start: at, end: at + anchor.exact.length, score };
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

/**
 * Approximate substring match (Sellers' algorithm): the window of `text` with the smallest edit distance
 * to `pattern`. O(|pattern|·|text|), fine for paragraphs at save time. Patterns are capped so a very long
 * quote cannot make a save slow.
 */
export function approximateMatch(
  pattern: string,
  text: string,
): { start: number; end: number; similarity: number } | undefined {
  const pat = pattern.slice(0, 400);
  const m = pat.length;
  const n = text.length;
  if (m === 0 || n === 0) return undefined;
  // prev[j] = distance of pat[0..i) to some substring of text ending at j; start[j] tracks where it began.
  let prev = new Array<number>(n + 1).fill(0);
  let prevStart = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    const curStart = new Array<number>(n + 1);
    cur[0] = i;
    curStart[0] = 0;
    for (let j = 1; j <= n; j++) {
      const cost = pat[i - 1] === text[j - 1] ? 0 : 1;
      const sub = prev[j - 1]! + cost;
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1]!;
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j]!;
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1]!;
      }
    }
    prev = cur;
    prevStart = curStart;
  }
  let bestJ = 1;
  for (let j = 1; j <= n; j++) if (prev[j]! < prev[bestJ]!) bestJ = j;
  const distance = prev[bestJ]!;
  return { start: prevStart[bestJ]!, end: bestJ, similarity: 1 - distance / m };
}

/** How many of the anchors an edit would orphan (shown to editors before they save). */
export function countOrphans(anchors: PassageAnchor[], newBodyHtml: string): number {
  const paragraphs = extractParagraphs(newBodyHtml);
  return anchors.filter((a) => resolveAnchor(a, paragraphs).status === 'orphaned').length;
}
