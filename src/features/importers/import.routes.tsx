/**
 * /admin/import (publisher): upload a WordPress or Disqus export to import it in the background and
 * follow its progress; /admin/export: download the whole site as JSON (audit-logged).
 */
import { readSiteIdentity } from '../../platform/site-identity.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { startExportDownload } from './export.service.js';
import {
  discardUpload,
  loadImportJob,
  loadImportPage,
  startImportJob,
  stopImportJobs,
  type UploadedExport,
} from './import-jobs.service.js';
import { ImportJobPage } from './views/ImportJobPage.js';
import { drainUpload, readUploadHead, saveBackupUpload, saveUpload } from './import.upload.js';
import { saveMediaUpload } from './media-upload.js';
import { restoreUploadedSite } from './restore.service.js';
import { RestoredPage } from './views/RestoredPage.js';
import { SESSION_COOKIE } from '../accounts/index.js';
import { ImportPage } from './views/ImportPage.js';
import { jobState, percentOf } from './views/job-state.js';
import { formError } from '../../web/forms.js';

const JobParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/**
 * The feature's styles, linked from its own pages only. (An `@import` in site.css makes axe-core inject
 * <style> elements to read the imported sheet, which the CSP blocks, so browser tests see console errors.)
 */
const STYLES = <link rel="stylesheet" href="/static/css/importers.css" />;

export async function importRoutes(app: AppInstance): Promise<void> {
  const { deps } = app;
  const publisher = requireRole('publisher');
  app.decorateRequest('importUpload', null);
  app.decorateRequest('importMoreFiles', null);
  const readUpload = readUploadHead(deps.config.importMediaMaxBytes);
  app.addHook('onClose', async () => {
    await stopImportJobs(deps);
  });

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, error?: AppError) => {
    const { jobs, now } = await loadImportPage(deps);
    return reply.page(
      { title: request.i18n.t('importers.title'), bodyClass: 'admin', head: STYLES },
      <ImportPage
        role={viewerOf(request).role}
        csrfToken={reply.formToken()}
        jobs={jobs}
        now={now}
        mediaMaxMb={Math.round(deps.config.importMediaMaxBytes / 1024 / 1024)}
        error={error}
      />,
      error?.status ?? 200,
    );
  };

  app.get('/admin/import', { preHandler: publisher }, async (request, reply) => renderForm(request, reply));

  app.post(
    '/admin/import',
    {
      preHandler: [publisher, readUpload, app.csrfProtection],
      config: { rateLimit: { max: 10, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      let upload: UploadedExport | undefined;
      try {
        upload = await saveUpload(request.importUpload!, deps.config.dataDir);
        const { dataDir, importMediaMaxBytes } = deps.config;
        const media = await saveMediaUpload(request.importMoreFiles, dataDir, importMediaMaxBytes);
        if (media) upload = { ...upload, media };
      } catch (err) {
        const e = formError(err, request);
        await drainUpload(request);
        if (upload) await discardUpload(upload);
        return renderForm(request, reply, e);
      }
      const id = await startImportJob(deps, upload, viewerOf(request).id);
      return reply.redirect(`/admin/import/jobs/${id}`, 303);
    },
  );

  app.post(
    '/admin/restore',
    {
      preHandler: [publisher, readUpload, app.csrfProtection],
      config: { rateLimit: { max: 5, timeWindow: '10 minutes' } },
    },
    async (request, reply) => {
      const actor = viewerOf(request);
      let result;
      try {
        const file = await saveBackupUpload(request.importUpload!, deps.config.dataDir);
        result = await restoreUploadedSite(deps, file, actor);
      } catch (err) {
        const e = formError(err, request);
        await drainUpload(request);
        return renderForm(request, reply, e);
      }
      // The publisher's account was replaced with the backup's: the session is gone, so is the cookie.
      request.viewer = null;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.page(
        { title: request.i18n.t('importers.restored_title'), bodyClass: 'admin', head: STYLES },
        <RestoredPage result={result} />,
      );
    },
  );

  app.get(
    '/admin/import/jobs/:id',
    { preHandler: publisher, schema: { params: JobParams } },
    async (request, reply) => {
      const { job, now } = await loadImportJob(deps, request.params.id);
      const scripts = jobState(job, now).active ? ['import-progress.js'] : [];
      return reply.page(
        {
          title: request.i18n.t('importers.job_title', { file: job.fileName }),
          bodyClass: 'admin',
          scripts,
          head: STYLES,
        },
        <ImportJobPage role={viewerOf(request).role} job={job} now={now} />,
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
        label: request.i18n.text(state.label),
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
        deps.db,
        { siteName: (await readSiteIdentity(deps)).name, siteUrl: deps.config.siteUrl, now },
        viewerOf(request).id,
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
