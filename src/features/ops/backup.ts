/**
 * Backups. SQLite: an online, consistent copy through SQLite's backup API (readers and writers keep
 * going), plus the image files (media/ and originals/, read from the media store: DATA_DIR or the
 * bucket). PostgreSQL: pg_dump is the right tool; this prints how to run it.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import type { Config } from '../../config.js';
import type { MediaStore } from '../../platform/media-store.js';

export interface BackupResult {
  file: string;
  bytes: number;
  mediaFiles: number;
}

export async function backupSqlite(
  config: Config,
  media: MediaStore,
  outDir: string,
  now: Date,
): Promise<BackupResult> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = path.join(outDir, `broadsheet-${stamp}`);
  fs.mkdirSync(target, { recursive: true });
  const file = path.join(target, 'broadsheet.sqlite');
  const source = new SQLite(path.join(config.dataDir, 'broadsheet.sqlite'), { readonly: true, fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
  const mediaFiles = await copyMedia(media, target);
  return { file, bytes: fs.statSync(file).size, mediaFiles };
}

/** Copies the store's image files into `target`, laid out as under DATA_DIR; returns how many. */
async function copyMedia(media: MediaStore, target: string): Promise<number> {
  let n = 0;
  for (const folder of ['media/', 'originals/']) {
    for await (const { key } of media.list(folder)) {
      const object = await media.get(key);
      if (!object) continue;
      const to = path.join(target, ...key.split('/'));
      await fsp.mkdir(path.dirname(to), { recursive: true });
      await pipeline(object.body, fs.createWriteStream(to));
      n++;
    }
  }
  return n;
}
