/**
 * The loop both importers share: read the export as records, chunk by chunk, and handle each chunk's
 * records in one transaction (a batch of a few hundred records), reporting progress after each. A dry
 * run reads and looks up but writes nothing, so it runs outside transactions.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import type { Message } from '../../lib/message.js';
import type { ImportTally, ProgressListener } from './import.types.js';
import { readXmlRecords, type RecordMatcher, type XmlEvent } from './xml-records.js';

/**
 * What an import reads of the context: the database, the clock, and the configuration (SECRET_KEY, the
 * key of hmac(ip): imported IP addresses are stored only hashed; DATA_DIR, under which media are stored).
 */
export type ImportCtx = Pick<Deps, 'db' | 'clock' | 'config' | 'media'>;

export interface ImportInput {
  /** The file's bytes, streamed (fs.createReadStream, an upload). */
  stream: AsyncIterable<Buffer | string>;
  /** Size in bytes when known, for the progress bar. */
  totalBytes: number | null;
  /** Shown in messages. */
  name: string;
  /**
   * The same bytes again from the start, when the input can be read twice (a file). The import then checks
   * the whole file is well-formed before writing anything, so a broken file changes nothing.
   */
  reopen?: () => AsyncIterable<Buffer | string>;
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
  ctx: ImportCtx,
  input: ImportInput,
  isRecord: RecordMatcher,
  tally: ImportTally,
  opts: RunOptions,
  handle: (db: Kysely<Database>, events: XmlEvent[], now: Date) => Promise<void>,
  /** Work deferred out of the batch's transaction (slow image processing), run after it commits. */
  afterBatch?: () => Promise<void>,
): Promise<void> {
  const onWarning = (message: Message) => tally.note(message);
  if (input.reopen) {
    // Parse only (no record is kept): throws XmlFormatError with line and column before any batch is written.
    const check = readXmlRecords(input.reopen(), { isRecord: () => false, fileName: input.name });
    for await (const _ of check) {
      /* nothing to keep */
    }
  }
  const reader = readXmlRecords(input.stream, {
    isRecord,
    fileName: input.name,
    onBytes: (n) => tally.bytes(n),
    onWarning,
  });
  for await (const events of reader) {
    await unitOfWork(ctx.db.kysely, opts.dryRun ?? false, (db) => handle(db, events, ctx.clock.now()));
    await afterBatch?.();
    opts.onProgress?.(tally.snapshot());
  }
}
