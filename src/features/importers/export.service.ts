/**
 * Moving out: the whole site as one JSON document, written as it is read (a page of rows at a time),
 * never built in memory. It is the publisher's own data, so it includes what pages never show:
 * commenters' and donors' e-mail addresses. Files are written readable by their owner only (0600);
 * the download is for publishers and audit-logged.
 *
 * Shape (documented in docs/import-export.md): { format, version, exportedAt, site, settings, sections,
 * tags, users, images, articles, comments, campaigns, donations, subscriptions, auditLog, importRefs }.
 * A feature with data of its own adds a section to EXPORT_SECTIONS.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { recordAudit } from '../../platform/audit.repo.js';
import {
  exportArticles,
  exportAudit,
  exportCampaigns,
  exportComments,
  exportDonations,
  exportImages,
  exportImportRefs,
  exportSections,
  exportSettings,
  exportSubscriptions,
  exportTags,
  exportUsers,
} from './export.repo.js';
import { exportLegacyRedirects } from './legacy-redirect.repo.js';

type DB = Kysely<Database>;
type Page = (db: DB, afterId: number, limit: number) => Promise<Array<Record<string, unknown>>>;

export interface ExportSection {
  /** Key in the document. */
  key: string;
  /** Keyset-paged reader (rows have a numeric `id`), or a one-shot reader for small keyed tables. */
  page?: Page;
  all?: (db: DB) => Promise<Array<Record<string, unknown>>>;
  /** Rows per page: smaller for wide rows (article bodies). */
  pageSize?: number;
}

export const EXPORT_FORMAT = 'broadsheet-export';
export const EXPORT_VERSION = 1;

export const EXPORT_SECTIONS: ExportSection[] = [
  { key: 'settings', all: exportSettings },
  { key: 'sections', page: exportSections },
  { key: 'tags', page: exportTags },
  { key: 'users', page: exportUsers },
  { key: 'images', page: exportImages },
  { key: 'articles', page: exportArticles, pageSize: 100 },
  { key: 'comments', page: exportComments },
  { key: 'campaigns', page: exportCampaigns },
  { key: 'donations', page: exportDonations },
  { key: 'subscriptions', page: exportSubscriptions },
  { key: 'auditLog', page: exportAudit },
  { key: 'importRefs', page: exportImportRefs },
  { key: 'legacyRedirects', page: exportLegacyRedirects },
];

export interface ExportMeta {
  siteName: string;
  siteUrl: string;
  now: Date;
}

/** The export document as a sequence of JSON text chunks (about one page of rows each). */
export async function* exportChunks(
  db: DB,
  meta: ExportMeta,
  sections: ExportSection[] = EXPORT_SECTIONS,
): AsyncGenerator<string> {
  const head = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: meta.now.toISOString(),
    site: { name: meta.siteName, url: meta.siteUrl },
  };
  yield JSON.stringify(head).slice(0, -1);
  for (const section of sections) {
    yield `,\n${JSON.stringify(section.key)}:[`;
    let first = true;
    for await (const rows of sectionPages(db, section)) {
      if (rows.length === 0) continue;
      yield `${first ? '\n' : ',\n'}${rows.map((r) => JSON.stringify(r)).join(',\n')}`;
      first = false;
    }
    yield ']';
  }
  yield '\n}\n';
}

async function* sectionPages(db: DB, section: ExportSection): AsyncGenerator<Array<Record<string, unknown>>> {
  if (section.all) {
    yield await section.all(db);
    return;
  }
  if (!section.page) return;
  const size = section.pageSize ?? 500;
  let after = 0;
  for (;;) {
    const rows = await section.page(db, after, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

/** Writes the export to a file only its owner can read. */
export async function writeExportFile(db: DB, meta: ExportMeta, file: string): Promise<void> {
  const fd = fs.openSync(file, 'w', 0o600);
  fs.fchmodSync(fd, 0o600);
  await pipeline(Readable.from(exportChunks(db, meta)), fs.createWriteStream('', { fd }));
}

/** The download for the admin: records who took the site's data, then streams it. */
export async function startExportDownload(db: DB, meta: ExportMeta, actorUserId: number): Promise<Readable> {
  await recordAudit(
    db,
    {
      actorUserId,
      action: 'site.export',
      subjectType: 'site',
      subjectId: null,
      after: { format: EXPORT_FORMAT, version: EXPORT_VERSION },
    },
    meta.now,
  );
  return Readable.from(exportChunks(db, meta));
}
