/**
 * Where image files live. Every reader and writer of image files (the upload, the variant worker, deletion,
 * the WordPress import, export/restore of media, the backup, and /media/ itself) goes through this one
 * interface, so the files can lie on the local disk (the default) or in an S3-compatible bucket that
 * several machines share (MEDIA_STORAGE=s3, src/platform/s3-media-store.ts).
 *
 * Keys are relative paths with `/` separators, the same in both stores and in the media tar:
 * `media/<storageKey>/<file>` (public variants, served at /media/) and `originals/<storageKey>.<ext>`
 * (private uploads, never served). The local store keeps them under DATA_DIR exactly as before.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** What a store knows of one object. */
export interface StoredInfo {
  key: string;
  /** Bytes of the whole object. */
  size: number;
  /** A strong validator, quoted as HTTP sends it (`"…"`). */
  etag: string;
  lastModified: Date;
  /** From the key's extension (the store never trusts a client's type). */
  contentType: string;
}

/** An object being read: its body, and which bytes of it when a range was asked for. */
export interface StoredObject extends StoredInfo {
  body: Readable;
  /** The bytes sent, inclusive, when a range was read. */
  range?: { start: number; end: number };
}

/** A byte range as HTTP asks for one: `start` to `end` inclusive, or to the object's end. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface MediaStore {
  readonly kind: 'local' | 's3';
  /** Where the files are, for messages (`/srv/data`, `s3://bucket/prefix/`). */
  readonly location: string;
  /** Writes (or replaces) an object. */
  put(key: string, body: Buffer): Promise<void>;
  /** Opens an object for reading; null when there is none. A range past its end throws RangeNotSatisfiable. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** What is known of an object without reading it; null when there is none. */
  head(key: string): Promise<StoredInfo | null>;
  /** Deletes objects; a key that is not there is no error. */
  delete(keys: string[]): Promise<void>;
  /** Every object whose key starts with `prefix` (each once; the order is the store's). */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
  /** Checks at start that the store can be reached (the folder can be made, the bucket answers). */
  check(): Promise<void>;
  /** Releases connections. */
  close(): void;
}

/** Thrown by get() for a range that starts past the object's end; carries the size for `Content-Range: bytes *\/N`. */
export class RangeNotSatisfiable extends Error {
  constructor(readonly size: number) {
    super(`range not satisfiable (object is ${size} bytes)`);
  }
}

const TYPES: Record<string, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
};

/** The content type of a key, by its extension. */
export const contentTypeOf = (key: string): string =>
  TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';

/** A key's segments, or an error for one that could name something outside the store (`..`, `\`, NUL, empty). */
export function keySegments(key: string): string[] {
  const parts = key.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0')))
    throw new Error(`not a media key: ${JSON.stringify(key)}`);
  return parts;
}

/** Image files under a folder on this machine (DATA_DIR): the default, and the layout of every earlier version. */
export function createLocalMediaStore(root: string): MediaStore {
  const base = path.resolve(root);
  const fileOf = (key: string) => path.join(base, ...keySegments(key));
  const infoOf = (key: string, st: fs.Stats): StoredInfo => ({
    key,
    size: st.size,
    etag: `"${createHash('sha1').update(`${key}:${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 27)}"`,
    lastModified: st.mtime,
    contentType: contentTypeOf(key),
  });
  const statFile = async (key: string) => {
    try {
      const st = await fsp.stat(fileOf(key));
      return st.isFile() ? st : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };

  return {
    kind: 'local',
    location: base,
    async put(key, body) {
      const file = fileOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      // Written beside and renamed, so a reader never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, body);
      await fsp.rename(tmp, file);
    },
    async get(key, range) {
      const st = await statFile(key);
      if (!st) return null;
      const info = infoOf(key, st);
      if (!range) return { ...info, body: fs.createReadStream(fileOf(key)) };
      if (range.start >= st.size) throw new RangeNotSatisfiable(st.size);
      const end = Math.min(range.end ?? st.size - 1, st.size - 1);
      return {
        ...info,
        body: fs.createReadStream(fileOf(key), { start: range.start, end }),
        range: { start: range.start, end },
      };
    },
    async head(key) {
      const st = await statFile(key);
      return st ? infoOf(key, st) : null;
    },
    async delete(keys) {
      const folders = new Set<string>();
      for (const key of keys) {
        const file = fileOf(key);
        await fsp.rm(file, { force: true });
        folders.add(path.dirname(file));
      }
      // An image's folder (media/<storageKey>/) goes with its last file; the top folders (media/, originals/) stay.
      for (const dir of folders) {
        if (path.dirname(dir) === base) continue;
        await fsp.rmdir(dir).catch(() => undefined);
      }
    },
    async *list(prefix) {
      const at = prefix.lastIndexOf('/');
      const dir = at < 0 ? '' : prefix.slice(0, at);
      for await (const f of filesUnder(base, dir)) if (f.key.startsWith(prefix)) yield f;
    },
    async check() {
      await fsp.mkdir(base, { recursive: true });
    },
    close() {},
  };
}

/** Regular files under `root/rel`, as keys with their sizes, in key order (links are not followed). */
async function* filesUnder(root: string, rel: string): AsyncGenerator<{ key: string; size: number }> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(path.join(root, ...(rel ? keySegments(rel) : [])), { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    throw err;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const key = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* filesUnder(root, key);
    else if (e.isFile() && !e.name.endsWith('.tmp')) yield { key, size: (await fsp.stat(path.join(root, key))).size };
  }
}
