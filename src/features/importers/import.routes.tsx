/**
 * /admin/import (publisher): upload a WordPress or Disqus export to import it in the background and
 * follow its progress; /admin/export: download the whole site as JSON (audit-logged).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { randomToken } from '../../lib/crypto.js';
import { requireRole } from '../../web/guards.js';
import { startExportDownload } from './export.service.js';
import {
  loadImportJob,
  loadImportPage,
  startImportJob,
  stopImportJobs,
  type UploadedExport,
} from './import-jobs.service.js';
import { ImportJobPage } from './views/ImportJobPage.js';
import { ImportPage, MAX_UPLOAD_MB } from './views/ImportPage.js';
import { jobState, percentOf } from './views/job-state.js';
import { formError } from '../../web/forms.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The uploaded export's file part, read before the CSRF check (its token is a field before the file). */
    importUpload: MultipartFile | null;
  }
}

const JobParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/**
 * The feature's styles, linked from its own pages only. (An `@import` in site.css makes axe-core inject
 * <style> elements to read the imported sheet, which the CSP blocks, so browser tests see console errors.)
 */
const STYLES = <link rel="stylesheet" href="/static/css/importers.css" />;

/**
 * A multipart form's fields arrive in order, so the `_csrf` field (first in the form) is known once the
 * file part begins. This reads up to the file and hands the token to the CSRF check that runs next;
 * nothing is saved before the check passes.
 */
async function readUploadHead(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart())
    throw new AppError('UPLOAD_NOT_MULTIPART', 'Send the export as a file upload (multipart/form-data).');
  const part = await request.file({ limits: { fileSize: MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10 } });
  if (!part)
    throw new AppError('IMPORT_FILE_REQUIRED', 'Choose an export file to upload.', {
      fields: { file: 'Choose a file.' },
    });
  request.importUpload = part;
  const token = fieldValue(part, '_csrf');
  request.body = token === undefined ? {} : { _csrf: token };
}

function fieldValue(part: MultipartFile, name: string): string | undefined {
  const f = part.fields[name];
  const one = Array.isArray(f) ? f[0] : f;
  return one && one.type === 'field' && typeof one.value === 'string' ? one.value : undefined;
}

/** Saves the upload under DATA_DIR/imports (owner-only) and checks it looks like XML. */
async function saveUpload(part: MultipartFile, dataDir: string): Promise<UploadedExport> {
  const format = fieldValue(part, 'format');
  const articleMap = fieldValue(part, 'articleMap') ?? 'by-url';
  if (format !== 'wxr' && format !== 'disqus')
    throw new AppError('IMPORT_FORMAT_REQUIRED', 'Choose whether the file is a WordPress or a Disqus export.');
  if (articleMap !== 'by-url' && articleMap !== 'by-identifier')
    throw new AppError('IMPORT_MAPPING_REQUIRED', 'Choose how Disqus threads are matched to articles.');
  const dir = path.join(dataDir, 'imports');
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomToken(12)}.xml`);
  const tooLarge = new AppError(
    'IMPORT_TOO_LARGE',
    `That file is larger than ${MAX_UPLOAD_MB} MB. Import it from the command line: npm run cli -- import-${format} <file>.`,
  );
  try {
    await pipeline(part.file, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (err) {
    await fsp.rm(file, { force: true });
    throw (err as { statusCode?: number }).statusCode === 413 ? tooLarge : err;
  }
  const head = (await readHead(file)).replace(/^\uFEFF/, '').trimStart();
  if (part.file.truncated || !head.startsWith('<')) {
    await fsp.rm(file, { force: true });
    if (part.file.truncated) throw tooLarge;
    throw new AppError(
      'IMPORT_NOT_XML',
      'That file is not an XML export. Upload the .xml file WordPress or Disqus gave you (unzip it first).',
    );
  }
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

export async function importRoutes(app: AppInstance): Promise<void> {
  const { deps } = app;
  const publisher = requireRole('publisher');
  app.decorateRequest('importUpload', null);
  app.addHook('onClose', async () => {
    await stopImportJobs(deps);
  });

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, error?: AppError) => {
    const { jobs, now } = await loadImportPage(deps);
    return reply.page(
      { title: 'Import and export', bodyClass: 'admin', head: STYLES },
      <ImportPage role={request.viewer!.role} csrfToken={reply.generateCsrf()} jobs={jobs} now={now} error={error} />,
      error?.status ?? 200,
    );
  };

  app.get('/admin/import', { preHandler: publisher }, async (request, reply) => renderForm(request, reply));

  app.post(
    '/admin/import',
    {
      preHandler: [publisher, readUploadHead, app.csrfProtection],
      config: { rateLimit: { max: 10, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      let upload: UploadedExport;
      try {
        upload = await saveUpload(request.importUpload!, deps.config.dataDir);
      } catch (err) {
        const e = formError(err, request);
        request.importUpload?.file.resume();
        return renderForm(request, reply, e);
      }
      const id = await startImportJob(deps, upload, request.viewer!.id);
      return reply.redirect(`/admin/import/jobs/${id}`, 303);
    },
  );

  app.get(
    '/admin/import/jobs/:id',
    { preHandler: publisher, schema: { params: JobParams } },
    async (request, reply) => {
      const { job, now } = await loadImportJob(deps, request.params.id);
      const scripts = jobState(job, now).active ? ['import-progress.js'] : [];
      return reply.page(
        { title: `Import of ${job.fileName}`, bodyClass: 'admin', scripts, head: STYLES },
        <ImportJobPage role={request.viewer!.role} job={job} now={now} />,
      );
    },
  );

  app.get(
    '/admin/import/jobs/:id/progress',
    { preHandler: publisher, schema: { params: JobParams } },
    async (request, reply) => {
      const { job, now } = await loadImportJob(deps, request.params.id);
      const state = jobState(job, now);
      const p = job.progress;
      return reply.header('cache-control', 'no-store').send({
        active: state.active,
        label: state.label,
        percent: percentOf(job),
        items: p?.items ?? 0,
        created: p?.created ?? 0,
        updated: p?.updated ?? 0,
        skipped: p?.skipped ?? 0,
      });
    },
  );

  app.get(
    '/admin/export',
    { preHandler: publisher, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const now = deps.clock.now();
      const stream = await startExportDownload(
        deps.db.kysely,
        { siteName: deps.config.siteName, siteUrl: deps.config.siteUrl, now },
        request.viewer!.id,
      );
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="broadsheet-export-${now.toISOString().slice(0, 10)}.json"`,
        )
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
}
