/**
 * What a reader types in the search box, parsed once into terms that both dialects understand the same
 * way: words (all must match), "quoted phrases", and -excluded words or phrases. Everything that is not a
 * letter or digit separates words, so no input can inject search-engine syntax (FTS5 operators, tsquery
 * operators): terms only ever reach the database as quoted strings or bound parameters.
 */

/** Longest query accepted; longer is a 400 with a friendly message. */
export const MAX_QUERY_LENGTH = 200;
/** Terms beyond this are ignored, which keeps each query's cost bounded. */
export const MAX_TERMS = 12;
const MAX_WORD_LENGTH = 64;

export interface SearchTerm {
  /** Lower-cased words; more than one is a phrase (the words in order). */
  words: string[];
  /** Exclude articles containing this term. */
  negated: boolean;
}

export interface ParsedQuery {
  terms: SearchTerm[];
}

export function parseQuery(raw: string): ParsedQuery {
  const terms: SearchTerm[] = [];
  const text = raw.normalize('NFKC');
  for (const m of text.matchAll(/(-?)"([^"]*)"?|(-?)([^\s"]+)/g)) {
    const negated = (m[1] ?? m[3]) === '-';
    const words = ((m[2] ?? m[4] ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) =>
      w.slice(0, MAX_WORD_LENGTH),
    );
    if (words.length === 0) continue;
    terms.push({ words, negated });
    if (terms.length === MAX_TERMS) break;
  }
  return { terms };
}

/** True when the query can match anything: it needs at least one term that is not excluded. */
export const isSearchable = (q: ParsedQuery): boolean => q.terms.some((t) => !t.negated);

/** FTS5 MATCH expression: `("night" AND "bus route") NOT "tram"`. Words hold only letters and digits. */
export function toFts5(q: ParsedQuery): string {
  const phrase = (t: SearchTerm) => `"${t.words.join(' ')}"`;
  const positive = q.terms
    .filter((t) => !t.negated)
    .map(phrase)
    .join(' AND ');
  return [`(${positive})`, ...q.terms.filter((t) => t.negated).map(phrase)].join(' NOT ');
}

/** The query as a reader would write it again (for the search box and links). */
export function describeQuery(q: ParsedQuery): string {
  return q.terms
    .map((t) => `${t.negated ? '-' : ''}${t.words.length > 1 ? `"${t.words.join(' ')}"` : t.words[0]}`)
    .join(' ');
}
