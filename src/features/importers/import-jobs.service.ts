/**
 * Imports started from the admin page run in the background of the process that received the upload
 * (the file lives on its disk), writing their progress to the job row every second for the page to
 * poll. When the process shuts down, a running import stops between two batches and its job says so;
 * running it again continues where it stopped, because imports are idempotent.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg, type Text } from '../../lib/message.js';
import { english } from '../../platform/i18n.js';
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { importDisqus, type ArticleMap } from './disqus.importer.js';
import {
  findImportJob,
  finishJob,
  insertImportJob,
  listRecentImportJobs,
  markJobRunning,
  saveJobProgress,
  type ImportJob,
} from './import-job.repo.js';
import type { ImportProgress } from './import.types.js';
import type { UploadedMedia } from './media-upload.js';
import { importWxr } from './wxr.importer.js';
import { XmlFormatError } from './xml-records.js';

export interface UploadedExport {
  format: 'wxr' | 'disqus';
  /** The name the publisher's file had (shown only). */
  fileName: string;
  /** Where the upload was saved (deleted when the job ends). */
  path: string;
  articleMap: ArticleMap;
  /** A WordPress import's media archive, unpacked (deleted when the job ends). */
  media?: UploadedMedia;
}

/** A job is interrupted when its process has not written progress for this long. */
export const STALE_AFTER_MS = 2 * 60_000;
const SAVE_EVERY_MS = 1000;

class Interrupted extends Error {}

/** The imports this app runs, by job id; one per context (deps.importJobs). */
export type RunningImports = Map<number, { stop: boolean; done: Promise<void> }>;

/** Records the job, audit-logs it, and starts it in the background; returns its id. */
export async function startImportJob(deps: Deps, upload: UploadedExport, actorUserId: number): Promise<number> {
  const now = deps.clock.now();
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const jobId = await insertImportJob(
      trx,
      {
        format: upload.format,
        fileName: upload.fileName,
        options: {
          articleMap: upload.articleMap,
          ...(upload.media && { mediaArchive: upload.media.fileName, mediaFiles: upload.media.files }),
        },
        createdBy: actorUserId,
      },
      now,
    );
    await recordAudit(
      trx,
      {
        actorUserId,
        action: 'site.import',
        subjectType: 'import_job',
        subjectId: jobId,
        after: { format: upload.format, fileName: upload.fileName, mediaArchive: upload.media?.fileName ?? null },
      },
      now,
    );
    return jobId;
  });
  const entry = { stop: false, done: Promise.resolve() };
  entry.done = runJob(deps, id, upload, () => entry.stop).finally(() => deps.importJobs.delete(id));
  deps.importJobs.set(id, entry);
  return id;
}

async function runJob(deps: Deps, id: number, upload: UploadedExport, stopRequested: () => boolean): Promise<void> {
  const db = deps.db.kysely;
  let last = 0;
  let latest: ImportProgress | null = null;
  const onProgress = (p: ImportProgress) => {
    latest = p;
    if (stopRequested()) throw new Interrupted();
    // Wall time only paces the progress writes (not domain time): a test's fixed clock must not stop them.
    const t = Date.now();
    if (t - last < SAVE_EVERY_MS) return;
    last = t;
    void saveJobProgress(db, id, p, deps.clock.now()).catch((err: unknown) =>
      deps.log.warn({ err, job: id }, 'could not save import progress'),
    );
  };
  try {
    await markJobRunning(db, id, deps.clock.now());
    const size = (await fsp.stat(upload.path)).size;
    const input = {
      stream: fs.createReadStream(upload.path, { highWaterMark: 256 * 1024 }),
      reopen: () => fs.createReadStream(upload.path, { highWaterMark: 256 * 1024 }),
      totalBytes: size,
      name: upload.fileName,
    };
    const result =
      upload.format === 'wxr'
        ? await importWxr(deps, input, { onProgress, uploadsDir: upload.media?.root })
        : await importDisqus(deps, input, { onProgress, articleMap: upload.articleMap });
    await finishJob(db, id, { status: 'done', progress: result, error: null }, deps.clock.now());
  } catch (err) {
    const text: Text =
      err instanceof Interrupted
        ? msg('importers.job_server_restarted')
        : err instanceof AppError || err instanceof XmlFormatError
          ? err.text
          : msg('importers.job_failed_unexpected');
    if (!(err instanceof Interrupted || err instanceof AppError || err instanceof XmlFormatError))
      deps.log.error({ err, job: id }, 'import job failed');
    // The job's row keeps the message as the publisher reads it: in the site's language when it stopped.
    const message = await readSiteIdentity(deps)
      .then((site) => siteI18n(site).text(text))
      .catch(() => english(text));
    await finishJob(db, id, { status: 'failed', progress: latest, error: message }, deps.clock.now()).catch(
      () => undefined,
    );
  } finally {
    await discardUpload(upload);
  }
}

/** Deletes what an upload saved: the export, and the unpacked media archive. */
export async function discardUpload(upload: UploadedExport): Promise<void> {
  await fsp.rm(upload.path, { force: true });
  if (upload.media) await fsp.rm(upload.media.dir, { recursive: true, force: true });
}

/** Asks this app's running imports to stop after their current batch, and waits for them (shutdown). */
export async function stopImportJobs(deps: Pick<Deps, 'importJobs'>): Promise<void> {
  const mine = [...deps.importJobs.values()];
  for (const entry of mine) entry.stop = true;
  await Promise.all(mine.map((e) => e.done));
}

/** Resolves when the job (started by this app) has ended; for tests. */
export async function waitForImportJob(deps: Pick<Deps, 'importJobs'>, id: number): Promise<void> {
  await deps.importJobs.get(id)?.done;
}

/** The import page: the recent jobs, judged against the request's time. */
export async function loadImportPage(deps: Pick<Deps, 'db' | 'clock'>): Promise<{ jobs: ImportJob[]; now: Date }> {
  return { jobs: await listRecentImportJobs(deps.db.kysely, 10), now: deps.clock.now() };
}

/** One import job as its page and its progress poll show it. */
export async function loadImportJob(
  deps: Pick<Deps, 'db' | 'clock'>,
  id: number,
): Promise<{ job: ImportJob; now: Date }> {
  const job = await findImportJob(deps.db.kysely, id);
  if (!job) throw new AppError('IMPORT_NOT_FOUND', msg('importers.import_not_found'));
  return { job, now: deps.clock.now() };
}
