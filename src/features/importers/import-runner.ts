/**
 * The loop both importers share: read the export as records, chunk by chunk, and handle each chunk's
 * records in one transaction (a batch of a few hundred records), reporting progress after each. A dry
 * run reads and looks up but writes nothing, so it runs outside transactions.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { ImportTally, ProgressListener } from './import.types.js';
import { readXmlRecords, type RecordMatcher, type XmlEvent } from './xml-records.js';

export interface ImportDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Key of hmac(ip): imported IP addresses are stored only hashed. */
  secretKey: string;
  /** DATA_DIR/media */
  mediaDir: string;
  /** AVIF encoding effort (0–9) for imported images; lower is faster. */
  avifEffort?: number;
}

export interface ImportInput {
  /** The file's bytes, streamed (fs.createReadStream, an upload). */
  stream: AsyncIterable<Buffer | string>;
  /** Size in bytes when known, for the progress bar. */
  totalBytes: number | null;
  /** Shown in messages. */
  name: string;
}

export interface RunOptions {
  dryRun?: boolean;
  onProgress?: ProgressListener;
}

/** Runs `fn` in a transaction, or directly on the database in a dry run (which writes nothing). */
export async function unitOfWork<T>(
  db: Kysely<Database>,
  dryRun: boolean,
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return dryRun ? fn(db) : db.transaction().execute(fn);
}

export async function streamRecords(
  deps: ImportDeps,
  input: ImportInput,
  isRecord: RecordMatcher,
  tally: ImportTally,
  opts: RunOptions,
  handle: (db: Kysely<Database>, events: XmlEvent[], now: Date) => Promise<void>,
  /** Work deferred out of the batch's transaction (slow image processing), run after it commits. */
  afterBatch?: () => Promise<void>,
): Promise<void> {
  const reader = readXmlRecords(input.stream, { isRecord, fileName: input.name, onBytes: (n) => tally.bytes(n) });
  for await (const events of reader) {
    await unitOfWork(deps.db, opts.dryRun ?? false, (db) => handle(db, events, deps.clock.now()));
    await afterBatch?.();
    opts.onProgress?.(tally.snapshot());
  }
}
