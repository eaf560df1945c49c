/**
 * A small line diff (longest common subsequence) with a word diff inside changed lines, for the editor's
 * revision history. Plain data out: the view escapes it like any other text.
 *
 * Cost is bounded: the common head and tail are cut first, and a middle larger than MAX_CELLS (lines ×
 * lines, or words × words) is shown as removed-then-added rather than aligned.
 */

export type DiffOp = 'same' | 'del' | 'ins';

/** A run of words within a changed line. */
export interface WordPart {
  op: DiffOp;
  text: string;
}

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** For a changed line paired with its counterpart: which words changed. */
  words?: WordPart[];
}

const MAX_CELLS = 4_000_000;

/** The LCS alignment of two sequences as operations, or null when it would cost too much. */
function align<T>(a: T[], b: T[]): Array<{ op: DiffOp; item: T }> | null {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const out: Array<{ op: DiffOp; item: T }> = a.slice(0, head).map((item) => ({ op: 'same', item }));
  const n = am.length;
  const m = bm.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  // lcs[i][j]: length of the LCS of am[i..] and bm[j..], in one flat array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        am[i] === bm[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (am[i] === bm[j]) {
      out.push({ op: 'same', item: am[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) out.push({ op: 'del', item: am[i++]! });
    else out.push({ op: 'ins', item: bm[j++]! });
  }
  while (i < n) out.push({ op: 'del', item: am[i++]! });
  while (j < m) out.push({ op: 'ins', item: bm[j++]! });
  for (const item of a.slice(a.length - tail)) out.push({ op: 'same', item });
  return out;
}

/** Words and the spaces between them, so joining the parts gives the line back. */
const tokens = (line: string): string[] => line.match(/\s+|[^\s]+/g) ?? [];

function wordDiff(before: string, after: string): { del: WordPart[]; ins: WordPart[] } | null {
  const ops = align(tokens(before), tokens(after));
  if (!ops) return null;
  const merge = (parts: WordPart[], op: DiffOp, text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  const del: WordPart[] = [];
  const ins: WordPart[] = [];
  for (const { op, item } of ops) {
    if (op !== 'ins') merge(del, op, item);
    if (op !== 'del') merge(ins, op, item);
  }
  return { del, ins };
}

/** The lines of `after` against `before`; a removed line directly followed by an added one gets a word diff. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.replace(/\r\n?/g, '\n').split('\n');
  const b = after.replace(/\r\n?/g, '\n').split('\n');
  const ops = align(a, b) ?? [
    ...a.map((item) => ({ op: 'del' as const, item })),
    ...b.map((item) => ({ op: 'ins' as const, item })),
  ];
  const lines: DiffLine[] = ops.map(({ op, item }) => ({ op, text: item }));
  // Pair each block of removed lines with the block of added lines after it, line by line.
  for (let k = 0; k < lines.length;) {
    if (lines[k]!.op !== 'del') {
      k++;
      continue;
    }
    let d = k;
    while (d < lines.length && lines[d]!.op === 'del') d++;
    let e = d;
    while (e < lines.length && lines[e]!.op === 'ins') e++;
    for (let p = 0; p < Math.min(d - k, e - d); p++) {
      const del = lines[k + p]!;
      const ins = lines[d + p]!;
      const words = wordDiff(del.text, ins.text);
      if (words) {
        del.words = words.del;
        ins.words = words.ins;
      }
    }
    k = e;
  }
  return lines;
}

/** Whether anything differs. */
export const hasChanges = (lines: DiffLine[]): boolean => lines.some((l) => l.op !== 'same');
