import { isMessage, msg, type Message, type Text } from '../../lib/message.js';
import { english } from '../../platform/i18n.js';

/**
 * The tally of an import: what it made, changed and left alone, by kind, plus notes for the publisher
 * (remote attachments not fetched, unmatched Disqus threads …). The CLI bar and the admin page show it.
 */

export interface KindCounts {
  /** New rows made from records not seen before. */
  created: number;
  /** Rows changed because the record changed at the source since the last import. */
  updated: number;
  /** Records already imported and unchanged, or deliberately not imported (see notes). */
  skipped: number;
}

export interface ImportProgress {
  /** Bytes of the file read so far, and its size (null when unknown). */
  bytesRead: number;
  totalBytes: number | null;
  /** Records handled (posts, comments, terms …). */
  items: number;
  created: number;
  updated: number;
  skipped: number;
  byKind: Record<string, KindCounts>;
  /** Counted reasons worth a line in the summary, e.g. "remote attachments not fetched" (by their English). */
  notes: Record<string, number>;
  /** The catalogue message of each note, by its English, so the admin page says it in the site's language. */
  noteMessages?: Record<string, Message>;
  /** A few examples per note (unmatched thread links …), at most SAMPLE_LIMIT each. */
  samples: Record<string, string[]>;
  /** Old addresses of the source that redirect nowhere here, with why (at most UNMAPPED_LIMIT). */
  unmappedAddresses?: string[];
  /** The address and the catalogue message of why, for each of `unmappedAddresses` (same order). */
  unmappedReasons?: Array<{ address: string; reason: Message }>;
  /** Articles whose discussion was recounted. */
  articlesTouched: number;
  /** True for a dry run: nothing was written. */
  dryRun: boolean;
}

const SAMPLE_LIMIT = 10;
/** Old addresses listed in full in the summary; beyond this only the note's count grows. */
const UNMAPPED_LIMIT = 500;
const UNMAPPED_MESSAGE = msg('importers.note_unmapped');
/** The summary's note for old addresses that will still answer 404. */
export const UNMAPPED_NOTE = english(UNMAPPED_MESSAGE);

/** Mutable tally; `snapshot()` gives a plain copy for reporting. */
export class ImportTally {
  private readonly p: ImportProgress;
  constructor(totalBytes: number | null, dryRun = false) {
    this.p = {
      bytesRead: 0,
      totalBytes,
      items: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      byKind: {},
      notes: {},
      samples: {},
      noteMessages: {},
      unmappedAddresses: [],
      unmappedReasons: [],
      articlesTouched: 0,
      dryRun,
    };
  }

  private kind(kind: string): KindCounts {
    return (this.p.byKind[kind] ??= { created: 0, updated: 0, skipped: 0 });
  }

  created(kind: string, n = 1): void {
    this.kind(kind).created += n;
    this.p.created += n;
    this.p.items += n;
  }
  updated(kind: string, n = 1): void {
    this.kind(kind).updated += n;
    this.p.updated += n;
    this.p.items += n;
  }
  skipped(kind: string, note?: Text, sample?: string): void {
    this.kind(kind).skipped++;
    this.p.skipped++;
    this.p.items++;
    if (note) this.note(note, 1, sample);
  }
  /** `note`: a catalogue message (its English names it in `notes`), or a text already written out. */
  note(text: Text, n = 1, sample?: string): void {
    const note = english(text);
    if (isMessage(text)) (this.p.noteMessages ??= {})[note] = text;
    this.p.notes[note] = (this.p.notes[note] ?? 0) + n;
    if (sample !== undefined) {
      const list = (this.p.samples[note] ??= []);
      if (list.length < SAMPLE_LIMIT && !list.includes(sample)) list.push(sample);
    }
  }
  /** An old address that will not redirect: counted, and listed (up to UNMAPPED_LIMIT). */
  unmapped(address: string, reason: Message): void {
    this.note(UNMAPPED_MESSAGE);
    const list = (this.p.unmappedAddresses ??= []);
    if (list.length < UNMAPPED_LIMIT) {
      list.push(`${address} (${english(reason)})`);
      (this.p.unmappedReasons ??= []).push({ address, reason });
    }
  }
  bytes(n: number): void {
    this.p.bytesRead = n;
  }
  touched(n: number): void {
    this.p.articlesTouched = n;
  }

  snapshot(): ImportProgress {
    return structuredClone(this.p);
  }
}

/** Receives the tally as the import goes (throttling is the listener's business). */
export type ProgressListener = (progress: ImportProgress) => void;

/** One line per kind and note, in English, for the CLI summary (the admin page's is views/report-lines.ts). */
export function summaryLines(p: ImportProgress): string[] {
  const lines = Object.entries(p.byKind).map(
    ([kind, c]) => `${kind}: ${c.created} created, ${c.updated} updated, ${c.skipped} skipped`,
  );
  for (const [note, n] of Object.entries(p.notes)) {
    const samples = p.samples[note];
    lines.push(`${note}: ${n}${samples?.length ? ` (e.g. ${samples.slice(0, 3).join(', ')})` : ''}`);
  }
  if (p.articlesTouched > 0) lines.push(`discussions recounted: ${p.articlesTouched}`);
  for (const a of p.unmappedAddresses ?? []) lines.push(`not redirected: ${a}`);
  return lines;
}
