import { DateTime } from '../../../web/components/Meta.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import type { ImportJob } from '../import-job.repo.js';
import type { AppError } from '../../../errors.js';
import { useI18n } from '../../../web/i18n-context.js';
import { jobState } from './job-state.js';

export const MAX_UPLOAD_MB = 512;
const RESTORE_COMMAND = 'npm run cli -- restore site.json';

/** Moving in and out: upload an export to import it in the background, or download everything as JSON. */
export function ImportPage({
  role,
  csrfToken,
  jobs,
  now,
  mediaMaxMb,
  error,
}: {
  role: string;
  csrfToken: string;
  jobs: ImportJob[];
  /** The request's time (deps.clock), against which a running job's last sign of life is judged. */
  now: Date;
  /** The largest media archive the form accepts (IMPORT_MEDIA_MAX_MB). */
  mediaMaxMb: number;
  /** A refused upload (its code goes on the notice, for scripts and tests). */
  error?: AppError;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const code = (chunks: string[]) => <code>{chunks}</code>;
  const menu = (chunks: string[]) => <i>{chunks}</i>;
  return (
    <div class="admin-page importers">
      <h1>{t('importers.title')}</h1>
      <AdminNav role={role} current="/admin/import" />
      {error && (
        <p class="notice notice-error" role="alert" data-error-code={error.code}>
          {error.message}
        </p>
      )}

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t('importers.export_heading')}</h2>
        <p>{i18n.rich('importers.export_text', { code, command: RESTORE_COMMAND })}</p>
        <p>
          <a class="button" href="/admin/export" download>
            {t('importers.export_download')}
          </a>
        </p>
      </section>

      <section aria-labelledby="wxr-heading">
        <h2 id="wxr-heading">{t('importers.wxr_heading')}</h2>
        <p>
          {i18n.rich('importers.wxr_text', {
            menu,
            code,
            max: MAX_UPLOAD_MB,
            mediaMax: mediaMaxMb,
            folder: 'wp-content/uploads',
            command: 'npm run cli -- import-wxr export.xml --media-dir uploads',
          })}
        </p>
        <form class="form" method="post" action="/admin/import" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="format" value="wxr" />
          <div class="field">
            <label for="wxr-file">{t('importers.wxr_file_label')}</label>
            <input id="wxr-file" type="file" name="file" accept=".xml,application/xml,text/xml" required />
          </div>
          <div class="field">
            <label for="wxr-media">{t('importers.wxr_media_label')}</label>
            <input
              id="wxr-media"
              type="file"
              name="media"
              accept=".zip,.tar,.tgz,.gz,application/zip,application/x-tar,application/gzip"
            />
          </div>
          <div>
            <button type="submit">{t('importers.wxr_submit')}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="disqus-heading">
        <h2 id="disqus-heading">{t('importers.disqus_heading')}</h2>
        <p>{i18n.rich('importers.disqus_text', { menu })}</p>
        <form class="form" method="post" action="/admin/import" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="format" value="disqus" />
          <div class="field">
            <label for="disqus-map">{t('importers.disqus_map_label')}</label>
            <select id="disqus-map" name="articleMap">
              <option value="by-url">{t('importers.disqus_map_by_url')}</option>
              <option value="by-identifier">{t('importers.disqus_map_by_identifier')}</option>
            </select>
          </div>
          <div class="field">
            <label for="disqus-file">{t('importers.disqus_file_label')}</label>
            <input id="disqus-file" type="file" name="file" accept=".xml,application/xml,text/xml" required />
          </div>
          <div>
            <button type="submit">{t('importers.disqus_submit')}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="restore-heading">
        <h2 id="restore-heading">{t('importers.restore_heading')}</h2>
        <p>{i18n.rich('importers.restore_text', { code, command: RESTORE_COMMAND, setting: 'SECRET_KEY' })}</p>
        <form class="form" method="post" action="/admin/restore" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <div class="field">
            <label for="restore-file">{t('importers.restore_file_label')}</label>
            <input id="restore-file" type="file" name="file" accept=".json,application/json" required />
          </div>
          <div>
            <button type="submit">{t('importers.restore_submit')}</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">{t('importers.jobs_heading')}</h2>
        {jobs.length === 0 ? (
          <p>{t('importers.jobs_empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('importers.col_file')}</th>
                  <th scope="col">{t('importers.col_kind')}</th>
                  <th scope="col">{t('importers.col_started')}</th>
                  <th scope="col">{t('importers.col_state')}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((j) => (
                  <tr>
                    <td>
                      <a href={`/admin/import/jobs/${j.id}`}>{j.fileName}</a>
                    </td>
                    <td>{j.format === 'wxr' ? 'WordPress' : 'Disqus'}</td>
                    <td>
                      <DateTime iso={j.createdAt} withTime />
                    </td>
                    <td>{i18n.text(jobState(j, now).label)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
