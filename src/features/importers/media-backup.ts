/**
 * The site's image files as one tar beside the JSON backup: `media/` (the public variants served at
 * /media/) and `originals/` (the private uploads variants are made from), read from the media store
 * (DATA_DIR or the S3 bucket) under the same names. `export --media site-media.tar` writes it;
 * `restore site.json --media site-media.tar` puts it back, into whichever store the restoring site uses.
 *
 * Restore unpacks into a private staging folder under DATA_DIR first, through the same checks as an
 * uploaded archive (media-archive.ts: no `..`, no absolute paths, no links or devices), and only folders
 * named media/ and originals/ are accepted; the files are put into the store after the database restore
 * succeeded, so a refused archive or a refused document changes nothing.
 */
import { msg } from '../../lib/message.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { AppError } from '../../errors.js';
import { randomToken } from '../../lib/crypto.js';
import type { MediaStore } from '../../platform/media-store.js';
import { unpackMediaArchive } from './media-archive.js';

/** The folders of the media store that hold image files, in the tar under the same names. */
export const MEDIA_FOLDERS = ['media', 'originals'] as const;

export interface MediaTarSummary {
  files: number;
  bytes: number;
}

/** Every regular file under `dir`, as paths relative to it with `/` separators (links are not followed). */
async function* filesUnder(dir: string, rel = ''): AsyncGenerator<string> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(path.join(dir, rel), { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* filesUnder(dir, child);
    else if (e.isFile()) yield child;
  }
}

/** Writes the store's image folders to `out` as one tar (mode 0600), a file at a time. */
export async function writeMediaTar(store: MediaStore, out: string): Promise<MediaTarSummary> {
  const pack = tar.pack();
  const sink = fs.createWriteStream(out, { mode: 0o600 });
  const written = pipeline(pack, sink);
  written.catch(() => undefined); // awaited below; an early failure also ends the loop
  let files = 0;
  let bytes = 0;
  for (const folder of MEDIA_FOLDERS) {
    for await (const { key } of store.list(`${folder}/`)) {
      const object = await store.get(key);
      if (!object) continue; // deleted since it was listed
      const entry = pack.entry({ name: key, size: object.size, mode: 0o644, mtime: object.lastModified });
      await pipeline(object.body, entry);
      files++;
      bytes += object.size;
    }
  }
  pack.finalize();
  await written;
  return { files, bytes };
}

/** A media tar unpacked into a staging folder under DATA_DIR, waiting to be moved into place. */
export interface StagedMedia {
  dir: string;
  files: number;
  /** Puts the files into the media store (media/ and originals/), then removes the stage. */
  commit(): Promise<void>;
  /** Removes the stage. */
  discard(): Promise<void>;
}

/** Unpacks a media tar (or tar.gz, or zip) written by export into a staging folder, checked entry by entry. */
export async function stageMediaTar(file: string, dataDir: string, store: MediaStore): Promise<StagedMedia> {
  await fsp.mkdir(dataDir, { recursive: true });
  const dir = path.join(dataDir, `.restore-media-${randomToken(8)}`);
  await fsp.mkdir(dir, { mode: 0o700 });
  const discard = () => fsp.rm(dir, { recursive: true, force: true });
  try {
    const { files } = await unpackMediaArchive(file, dir, { maxBytes: Number.MAX_SAFE_INTEGER });
    const stray = (await fsp.readdir(dir)).filter((n) => !(MEDIA_FOLDERS as readonly string[]).includes(n));
    if (stray.length > 0)
      throw new AppError(
        'MEDIA_ARCHIVE_UNSAFE',
        msg('importers.media_stray', {
          entry: JSON.stringify(stray[0]),
          first: MEDIA_FOLDERS[0],
          second: MEDIA_FOLDERS[1],
        }),
      );
    return { dir, files, commit: () => putInto(dir, store).finally(discard), discard };
  } catch (err) {
    await discard();
    throw err;
  }
}

async function putInto(stage: string, store: MediaStore): Promise<void> {
  for (const folder of MEDIA_FOLDERS) {
    const from = path.join(stage, folder);
    for await (const rel of filesUnder(from))
      await store.put(`${folder}/${rel}`, await fsp.readFile(path.join(from, ...rel.split('/'))));
  }
}
