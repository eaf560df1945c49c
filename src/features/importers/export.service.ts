/**
 * Moving out, or moving machines: the whole site as one JSON document (src/db/site-archive.ts writes it, a
 * page of rows at a time, never built in memory), which `npm run cli -- restore` loads into an empty site.
 * It is the publisher's own data, so it includes what pages never show: e-mail addresses, password hashes,
 * hashed IP addresses. Files are written readable by their owner only (0600); the download is for publishers
 * and audit-logged. Shape: docs/site-archive.schema.json.
 */
import { Readable } from 'node:stream';
import type { Db } from '../../db/dialect.js';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  archiveChunks,
  writeArchiveFile,
  type ArchiveMeta,
} from '../../db/site-archive.js';
import { recordAudit } from '../../platform/audit.repo.js';

export type ExportMeta = ArchiveMeta;
type SiteDb = Pick<Db, 'kysely' | 'dialect'>;

/** The export document as a sequence of JSON text chunks (about one page of rows each). */
export function exportChunks(db: SiteDb, meta: ExportMeta): AsyncGenerator<string> {
  return archiveChunks(db.kysely, db.dialect, meta);
}

/** Writes the export to a file only its owner can read. */
export async function writeExportFile(db: SiteDb, meta: ExportMeta, file: string): Promise<void> {
  await writeArchiveFile(exportChunks(db, meta), file);
}

/** The download for the admin: records who took the site's data, then streams it. */
export async function startExportDownload(db: SiteDb, meta: ExportMeta, actorUserId: number): Promise<Readable> {
  await recordAudit(
    db.kysely,
    {
      actorUserId,
      action: 'site.export',
      subjectType: 'site',
      subjectId: null,
      after: { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION },
    },
    meta.now,
  );
  return Readable.from(exportChunks(db, meta));
}
