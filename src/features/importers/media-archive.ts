/**
 * Media archives: a zip, tar or tar.gz of wp-content/uploads sent to the admin import page, and the tar of
 * DATA_DIR/media that `export --media` writes beside the JSON and `restore --media` reads back.
 *
 * Unpacking is where an upload could reach outside its folder, so every entry is checked before a byte of
 * it is written: its path is relative, has no `..` segment, no backslash, no NUL, no drive letter; it is a
 * regular file or a folder (links, hard links, devices and FIFOs are refused, never created). The first
 * entry that fails refuses the whole archive (the caller deletes what was unpacked so far); since nothing
 * but plain files and folders is ever created under the target, no write can follow a link out of it.
 * What it unpacks to is limited too (bytes and entries), so a small zip cannot fill the disk.
 */
import { msg } from '../../lib/message.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import { AppError } from '../../errors.js';

export interface UnpackLimits {
  /** Most bytes the archive may unpack to. */
  maxBytes: number;
  /** Most entries (files and folders). */
  maxEntries?: number;
}

export interface Unpacked {
  files: number;
  bytes: number;
}

const DEFAULT_MAX_ENTRIES = 1_000_000;

type Kind = 'zip' | 'tar' | 'tar.gz';

/** The archive's kind, by its first bytes (not its name, which the uploader chose). */
export async function archiveKind(file: string): Promise<Kind | null> {
  const fh = await fsp.open(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await fh.read(head, 0, 512, 0);
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x06054b50) return 'zip'; // an empty zip
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
    if (bytesRead === 512 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
    return null;
  } finally {
    await fh.close();
  }
}

/** Why an entry is refused (the message `importers.media_unsafe` says each). */
type Unsafe =
  | 'nul'
  | 'backslash'
  | 'absolute'
  | 'parent'
  | 'outside'
  | 'symlink'
  | 'hardlink'
  | 'device'
  | 'fifo'
  | 'not_plain'
  | 'no_name';

function unsafe(name: string, why: Unsafe): AppError {
  const entry = JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
  return new AppError('MEDIA_ARCHIVE_UNSAFE', msg('importers.media_unsafe', { entry, why }));
}

/** The entry's path as segments under the target folder, or a refusal naming it. */
export function safeEntryPath(name: string): string[] {
  if (name.includes('\0')) throw unsafe(name, 'nul');
  if (name.includes('\\')) throw unsafe(name, 'backslash');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) throw unsafe(name, 'absolute');
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw unsafe(name, 'parent');
  return parts;
}

/** Counts what is written, across entries, and stops at the limits. */
class Budget {
  bytes = 0;
  entries = 0;
  files = 0;
  constructor(readonly limits: UnpackLimits) {}
  entry(): void {
    if (++this.entries > (this.limits.maxEntries ?? DEFAULT_MAX_ENTRIES))
      throw new AppError('MEDIA_ARCHIVE_TOO_LARGE', msg('importers.media_too_many_entries'));
  }
  add(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) throw tooLarge(this.limits.maxBytes);
  }
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'MEDIA_ARCHIVE_TOO_LARGE',
    msg('importers.media_too_large', {
      max: Math.round(maxBytes / 1024 / 1024),
      command: 'npm run cli -- import-wxr export.xml --media-dir uploads',
      setting: 'IMPORT_MEDIA_MAX_MB',
    }),
  );
}

/** Passes bytes through, adding them to the budget (which throws past the limit). */
function metered(budget: Budget): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      try {
        budget.add(chunk.length);
        done(null, chunk);
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

async function writeFileEntry(
  root: string,
  parts: string[],
  body: AsyncIterable<Buffer>,
  budget: Budget,
): Promise<void> {
  const target = path.join(root, ...parts);
  // Belt and braces: safeEntryPath already made this impossible.
  if (!target.startsWith(root + path.sep)) throw unsafe(parts.join('/'), 'outside');
  await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  await pipeline(body, metered(budget), fs.createWriteStream(target, { mode: 0o600 }));
  budget.files++;
}

/**
 * Unpacks `file` (zip, tar or tar.gz, told by its first bytes) into the folder `into`, which must exist and
 * be empty. Throws an AppError (MEDIA_ARCHIVE_UNSAFE, _TOO_LARGE, _UNREADABLE) at the first problem; the
 * caller then deletes `into`.
 */
export async function unpackMediaArchive(file: string, into: string, limits: UnpackLimits): Promise<Unpacked> {
  const kind = await archiveKind(file);
  if (!kind) throw new AppError('MEDIA_ARCHIVE_UNREADABLE', msg('importers.media_not_archive'));
  const root = path.resolve(into);
  const budget = new Budget(limits);
  try {
    if (kind === 'zip') await unpackZip(file, root, budget);
    else await unpackTar(fs.createReadStream(file), kind === 'tar.gz', root, budget);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // The unpacker's own words stay as they are (for the log as much as for the publisher).
    throw new AppError(
      'MEDIA_ARCHIVE_UNREADABLE',
      msg('importers.media_unreadable', { reason: (err as Error).message }),
    );
  }
  return { files: budget.files, bytes: budget.bytes };
}

/** Unix file type bits of a zip entry made on Unix (0 when the archiver recorded none, as on Windows). */
function zipFileType(entry: yauzl.Entry): number {
  return (entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0) & 0o170000;
}

async function unpackZip(file: string, root: string, budget: Budget): Promise<void> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  try {
    for (;;) {
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        const onEntry = (e: yauzl.Entry) => settle(() => resolve(e));
        const onEnd = () => settle(() => resolve(null));
        const onError = (err: Error) => settle(() => reject(err));
        const settle = (f: () => void) => {
          zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
          f();
        };
        zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
        zip.readEntry();
      });
      if (!entry) return;
      budget.entry();
      const raw = entry.fileName as unknown as Buffer;
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
      const parts = safeEntryPath(name);
      const type = zipFileType(entry);
      if (type === 0o120000) throw unsafe(name, 'symlink');
      const isDir = name.endsWith('/') || type === 0o040000;
      if (type !== 0 && type !== 0o100000 && type !== 0o040000) throw unsafe(name, 'not_plain');
      if (parts.length === 0) continue;
      if (isDir) {
        await fsp.mkdir(path.join(root, ...parts), { recursive: true, mode: 0o700 });
        continue;
      }
      // The declared size (yauzl checks the inflated bytes against it) refuses a zip bomb before inflating it.
      if (budget.bytes + entry.uncompressedSize > budget.limits.maxBytes) throw tooLarge(budget.limits.maxBytes);
      const body = await zip.openReadStreamPromise(entry);
      await writeFileEntry(root, parts, body, budget);
    }
  } finally {
    zip.close();
  }
}

const TAR_REFUSED: Record<string, Unsafe> = {
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'fifo',
};

/** Unpacks a tar stream (gzipped or not) entry by entry; it is read once, front to back. */
async function unpackTar(source: Readable, gzipped: boolean, into: string, budget: Budget): Promise<void> {
  const root = path.resolve(into);
  const extract = tar.extract();
  const feeding = gzipped ? pipeline(source, zlib.createGunzip(), extract) : pipeline(source, extract);
  feeding.catch(() => undefined); // its error also ends the loop below, which reports it
  for await (const entry of extract) {
    const { header } = entry;
    budget.entry();
    const type = header.type ?? 'file';
    const parts = safeEntryPath(header.name);
    if (TAR_REFUSED[type]) throw unsafe(header.name, TAR_REFUSED[type]);
    if (type === 'directory') {
      if (parts.length > 0) await fsp.mkdir(path.join(root, ...parts), { recursive: true, mode: 0o700 });
      entry.resume();
      continue;
    }
    if (type !== 'file' && type !== 'contiguous-file') throw unsafe(header.name, 'not_plain');
    if (parts.length === 0) throw unsafe(header.name, 'no_name');
    await writeFileEntry(root, parts, entry as AsyncIterable<Buffer>, budget);
  }
  await feeding;
}

/**
 * The folder in an unpacked archive that plays wp-content/uploads: the archive may hold `2025/05/x.jpg`,
 * `uploads/2025/…`, `wp-content/uploads/2025/…` or one folder of any name around them.
 */
export async function uploadsRootOf(dir: string): Promise<string> {
  let at = dir;
  for (let depth = 0; depth < 3; depth++) {
    const entries = (await fsp.readdir(at, { withFileTypes: true })).filter(
      (e) => !e.name.startsWith('.') && e.name !== '__MACOSX',
    );
    const only = entries.length === 1 ? entries[0] : undefined;
    if (!only?.isDirectory() || /^\d{4}$/.test(only.name)) break;
    at = path.join(at, only.name);
  }
  return at;
}
