/**
 * The media archive a WordPress import may carry (the form's `media` file, after the export): a zip, tar
 * or tar.gz of wp-content/uploads. It is streamed to DATA_DIR/imports (never held in memory), refused past
 * IMPORT_MEDIA_MAX_MB, unpacked entry by entry into a private folder there (media-archive.ts refuses any
 * entry that could land outside it), and that folder is then read exactly as the CLI's `--media-dir`.
 * The job deletes it when it ends; a refused archive is deleted at once and no job starts.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { randomToken } from '../../lib/crypto.js';
import { tooLarge, unpackMediaArchive, uploadsRootOf } from './media-archive.js';
import { saveLimited } from './import.upload.js';

/** A media archive unpacked for one import job. */
export interface UploadedMedia {
  /** The private folder it was unpacked into (deleted when the job ends). */
  dir: string;
  /** The folder in it that plays wp-content/uploads (`--media-dir`). */
  root: string;
  /** The name the publisher's archive had (shown only). */
  fileName: string;
  /** Files unpacked. */
  files: number;
}

/**
 * Reads the form's next file part; when it is a chosen media archive, saves and unpacks it. A browser
 * sends an empty part (no file name) when no archive was chosen: that is no archive.
 */
export async function saveMediaUpload(
  more: AsyncIterator<MultipartFile> | null,
  dataDir: string,
  maxBytes: number,
): Promise<UploadedMedia | null> {
  const next = more ? await more.next() : { done: true as const, value: undefined };
  if (next.done) return null;
  const part = next.value;
  if (part.fieldname !== 'media' || !part.filename) {
    part.file.resume();
    return null;
  }
  const dir = path.join(dataDir, 'imports');
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const token = randomToken(12);
  const archive = path.join(dir, `${token}.archive`);
  const into = path.join(dir, `${token}-media`);
  try {
    if (!(await saveLimited(part, archive, maxBytes))) throw tooLarge(maxBytes);
    await fsp.mkdir(into, { mode: 0o700 });
    const { files } = await unpackMediaArchive(archive, into, { maxBytes });
    return { dir: into, root: await uploadsRootOf(into), fileName: part.filename.slice(0, 200), files };
  } catch (err) {
    part.file.resume();
    await fsp.rm(into, { recursive: true, force: true });
    throw err;
  } finally {
    await fsp.rm(archive, { force: true });
  }
}
