/**
 * Backups. SQLite: an online, consistent copy through SQLite's backup API (readers and writers keep
 * going), plus the media folder. PostgreSQL: pg_dump is the right tool; this prints how to run it.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../../config.js';

export interface BackupResult {
  file: string;
  bytes: number;
  mediaFiles: number;
}

export async function backupSqlite(config: Config, outDir: string, now: Date): Promise<BackupResult> {
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
  const media = path.join(config.dataDir, 'media');
  let mediaFiles = 0;
  if (fs.existsSync(media)) {
    fs.cpSync(media, path.join(target, 'media'), { recursive: true });
    mediaFiles = countFiles(path.join(target, 'media'));
  }
  return { file, bytes: fs.statSync(file).size, mediaFiles };
}

function countFiles(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true }))
    n += e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1;
  return n;
}
