/**
 * Whole-word, Unicode-aware matching for the publisher's word lists. Text and list entries are both
 * normalized (NFKC, then case-folded) and cut into word tokens; an entry matches only as a whole run of
 * tokens. So "ass" never matches "classic" or "assessment", "cunt" never matches "Scunthorpe", and
 * "ＳＰＡＭ", "Spam" and "spam" are one word.
 */

/**
 * Letters and digits, with inner apostrophes kept ("don't" is one token). Combining marks (\p{M}) are
 * part of a word: NFKC composes most Latin accents, but scripts such as Devanagari spell vowels with
 * marks that have no composed form, and without them a Hindi word would fall apart into pieces.
 */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** NFKC plus a full case fold (toUpperCase then toLowerCase turns "ß" into "ss", like Unicode folding). */
export function foldCase(s: string): string {
  return s.normalize('NFKC').toUpperCase().toLowerCase().replace(/’/g, "'");
}

export function tokenize(s: string): string[] {
  return foldCase(s).match(TOKEN) ?? [];
}

export interface CompiledList {
  /** Entries by their first token, each as its token sequence with the entry as written. */
  byFirst: Map<string, Array<{ tokens: string[]; entry: string }>>;
}

export function compileWordList(entries: readonly string[]): CompiledList {
  const byFirst: CompiledList['byFirst'] = new Map();
  for (const entry of entries) {
    const tokens = tokenize(entry);
    const first = tokens[0];
    if (first === undefined) continue;
    const bucket = byFirst.get(first) ?? [];
    bucket.push({ tokens, entry });
    byFirst.set(first, bucket);
  }
  return { byFirst };
}

/** The first list entry found in the text, as the publisher wrote it, or null. Linear in the text. */
export function findListedTerm(list: CompiledList, text: string): string | null {
  if (list.byFirst.size === 0) return null;
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const candidates = list.byFirst.get(tokens[i]!);
    if (!candidates) continue;
    for (const c of candidates) {
      if (c.tokens.every((t, k) => tokens[i + k] === t)) return c.entry;
    }
  }
  return null;
}

/** Compiled lists by their content; one per context (deps.caches.wordLists), bounded to a few lists. */
export type WordListCache = Map<string, CompiledList>;

/** Compiles a list once per distinct content (lists change rarely; a submission must not recompile). */
export function cachedWordList(compiled: WordListCache, entries: readonly string[]): CompiledList {
  const key = entries.join('\u0000');
  let list = compiled.get(key);
  if (!list) {
    list = compileWordList(entries);
    if (compiled.size >= 16) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, list);
  }
  return list;
}
