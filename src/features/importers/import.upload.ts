/**
 * The import form's upload: read up to the file (so the CSRF check can run on the token field before
 * it), then saved under DATA_DIR/imports once the check has passed, and checked to look like XML. A
 * WordPress import may carry a second file, a media archive, after the export (media-upload.ts).
 */
import { msg, type Message } from '../../lib/message.js';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { randomToken } from '../../lib/crypto.js';
import type { UploadedExport } from './import-jobs.service.js';
import { MAX_UPLOAD_MB } from './views/ImportPage.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The uploaded export's file part, read before the CSRF check (its token is a field before the file). */
    importUpload: MultipartFile | null;
    /** The form's further file parts (a media archive), read only after the first has been saved. */
    importMoreFiles: AsyncIterator<MultipartFile> | null;
  }
}

const MB = 1024 * 1024;

/**
 * A multipart form's fields arrive in order, so the `_csrf` field (first in the form) is known once the
 * file part begins. This reads up to the file and hands the token to the CSRF check that runs next;
 * nothing is saved before the check passes.
 */
export function readUploadHead(mediaMaxBytes: number) {
  // Each file's own limit is counted while saving it (saveLimited); busboy's is only the ceiling.
  const ceiling = Math.max(MAX_UPLOAD_MB * MB, mediaMaxBytes) + 1;
  return async (request: FastifyRequest): Promise<void> => {
    if (!request.isMultipart()) throw new AppError('UPLOAD_NOT_MULTIPART', msg('importers.upload_not_multipart'));
    const files = request.files({ limits: { fileSize: ceiling, files: 2, fields: 10 } });
    const first = await files.next();
    if (first.done)
      throw new AppError('IMPORT_FILE_REQUIRED', msg('importers.file_required'), {
        fields: { file: msg('importers.file_choose') },
      });
    request.importUpload = first.value;
    request.importMoreFiles = files;
    takeCsrfToken(request, first.value);
  };
}

/** Reads and drops what is left of a refused upload, so the request ends normally and the form can answer. */
export async function drainUpload(request: FastifyRequest): Promise<void> {
  request.importUpload?.file.resume();
  const more = request.importMoreFiles;
  if (!more) return;
  try {
    for (let next = await more.next(); !next.done; next = await more.next()) next.value.file.resume();
  } catch {
    /* the request is being answered anyway */
  }
}

function takeCsrfToken(request: FastifyRequest, part: MultipartFile): void {
  const token = fieldValue(part, '_csrf');
  request.body = token === undefined ? {} : { _csrf: token };
}

export function fieldValue(part: MultipartFile, name: string): string | undefined {
  const f = part.fields[name];
  const one = Array.isArray(f) ? f[0] : f;
  return one && one.type === 'field' && typeof one.value === 'string' ? one.value : undefined;
}

/** Saves the upload under DATA_DIR/imports (owner-only) and checks it looks like XML. */
export async function saveUpload(part: MultipartFile, dataDir: string): Promise<UploadedExport> {
  const format = fieldValue(part, 'format');
  const articleMap = fieldValue(part, 'articleMap') ?? 'by-url';
  if (format !== 'wxr' && format !== 'disqus')
    throw new AppError('IMPORT_FORMAT_REQUIRED', msg('importers.format_required'));
  if (articleMap !== 'by-url' && articleMap !== 'by-identifier')
    throw new AppError('IMPORT_MAPPING_REQUIRED', msg('importers.mapping_required'));
  const file = await saveChecked(part, dataDir, {
    ext: 'xml',
    looksRight: (head) => head.startsWith('<'),
    tooLarge: msg('importers.import_too_large', {
      max: MAX_UPLOAD_MB,
      command: `npm run cli -- import-${format} <file>`,
    }),
    wrongKind: new AppError('IMPORT_NOT_XML', msg('importers.not_xml')),
  });
  const fileName = (part.filename || 'export.xml').slice(0, 200);
  return { format, fileName, path: file, articleMap };
}

async function readHead(file: string): Promise<string> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(256);
    const { bytesRead } = await fh.read(buf, 0, 256, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** Saves an uploaded backup (a site document written by export) under DATA_DIR/imports, owner-only. */
export async function saveBackupUpload(part: MultipartFile, dataDir: string): Promise<string> {
  return saveChecked(part, dataDir, {
    ext: 'json',
    looksRight: (head) => head.startsWith('{'),
    tooLarge: msg('importers.restore_too_large', { max: MAX_UPLOAD_MB, command: 'npm run cli -- restore <file>' }),
    wrongKind: new AppError('RESTORE_NOT_JSON', msg('importers.not_backup')),
  });
}

/**
 * Streams the upload to DATA_DIR/imports/<random>.<ext> (owner-only), then checks its first bytes; a file
 * cut at the size limit or of the wrong kind is deleted and refused.
 */
async function saveChecked(
  part: MultipartFile,
  dataDir: string,
  check: { ext: string; looksRight: (head: string) => boolean; tooLarge: Message; wrongKind: AppError },
): Promise<string> {
  const dir = path.join(dataDir, 'imports');
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomToken(12)}.${check.ext}`);
  const tooLarge = new AppError('IMPORT_TOO_LARGE', check.tooLarge);
  const fits = await saveLimited(part, file, MAX_UPLOAD_MB * MB).catch(async (err: unknown) => {
    await fsp.rm(file, { force: true });
    throw (err as { statusCode?: number }).statusCode === 413 ? tooLarge : err;
  });
  const head = fits ? (await readHead(file)).replace(/^\uFEFF/, '').trimStart() : '';
  if (!fits || !check.looksRight(head)) {
    await fsp.rm(file, { force: true });
    throw fits ? check.wrongKind : tooLarge;
  }
  return file;
}

/**
 * Streams a file part to `file` (owner-only), at most `maxBytes` of it: past that the rest is read and
 * dropped (so the request ends normally and the form can answer) and the result is false.
 */
export async function saveLimited(part: MultipartFile, file: string, maxBytes: number): Promise<boolean> {
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, bytes > maxBytes ? undefined : chunk);
    },
  });
  await pipeline(part.file as Readable, cap, fs.createWriteStream(file, { mode: 0o600 }));
  return bytes <= maxBytes && !part.file.truncated;
}
