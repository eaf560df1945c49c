import { DateTime } from '../../../web/components/Meta.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import type { ImportJob } from '../import-job.repo.js';
import type { AppError } from '../../../errors.js';
import { jobState } from './job-state.js';

export const MAX_UPLOAD_MB = 512;

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
  return (
    <div class="admin-page importers">
      <h1>Import and export</h1>
      <AdminNav role={role} current="/admin/import" />
      {error && (
        <p class="notice notice-error" role="alert" data-error-code={error.code}>
          {error.message}
        </p>
      )}

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">Export everything</h2>
        <p>
          One JSON file with the whole site: accounts, articles, images (metadata; copy the media folder beside it),
          comments with their votes, moderation, subscriptions, campaigns and donations. It is a backup: the command{' '}
          <code>npm run cli -- restore site.json</code> loads it into an empty site, on SQLite or PostgreSQL. It
          contains readers’ and donors’ e-mail addresses and password hashes: keep it as safe as the database. Each
          download is recorded in the audit log.
        </p>
        <p>
          <a class="button" href="/admin/export" download>
            Download the export
          </a>
        </p>
      </section>

      <section aria-labelledby="wxr-heading">
        <h2 id="wxr-heading">Import from WordPress</h2>
        <p>
          Upload the file from <i>Tools → Export → All content</i> (up to {MAX_UPLOAD_MB} MB). Posts, pages, categories,
          tags, authors and comments with their status and wpDiscuz votes are imported; running the same file again
          changes nothing. For the images, add the <code>wp-content/uploads</code> folder packed as a .zip, .tar or
          .tar.gz (up to {mediaMaxMb} MB); larger folders from the command line:{' '}
          <code>npm run cli -- import-wxr export.xml --media-dir uploads</code>.
        </p>
        <form class="form" method="post" action="/admin/import" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="format" value="wxr" />
          <div class="field">
            <label for="wxr-file">WordPress export file (.xml)</label>
            <input id="wxr-file" type="file" name="file" accept=".xml,application/xml,text/xml" required />
          </div>
          <div class="field">
            <label for="wxr-media">Images: the uploads folder as .zip, .tar or .tar.gz (optional)</label>
            <input
              id="wxr-media"
              type="file"
              name="media"
              accept=".zip,.tar,.tgz,.gz,application/zip,application/x-tar,application/gzip"
            />
          </div>
          <div>
            <button type="submit">Import WordPress export</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="disqus-heading">
        <h2 id="disqus-heading">Import from Disqus</h2>
        <p>
          Upload the file Disqus e-mails you from <i>Moderation → Export</i>. Each Disqus thread is matched to an
          article; threads that match none are listed and skipped.
        </p>
        <form class="form" method="post" action="/admin/import" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="format" value="disqus" />
          <div class="field">
            <label for="disqus-map">Match threads to articles</label>
            <select id="disqus-map" name="articleMap">
              <option value="by-url">by their web address</option>
              <option value="by-identifier">by their Disqus identifier (WordPress post id)</option>
            </select>
          </div>
          <div class="field">
            <label for="disqus-file">Disqus export file (.xml)</label>
            <input id="disqus-file" type="file" name="file" accept=".xml,application/xml,text/xml" required />
          </div>
          <div>
            <button type="submit">Import Disqus export</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="restore-heading">
        <h2 id="restore-heading">Restore a backup</h2>
        <p>
          Load a file from “Download the export” into this site. Only a new, empty site can be restored into (no
          articles, comments or donations, and no account but yours); your account is replaced with the backup’s, so you
          sign in again with an account from the backup. Larger files: <code>npm run cli -- restore site.json</code>.
          Copy the old site’s media folder too, and use its <code>SECRET_KEY</code>.
        </p>
        <form class="form" method="post" action="/admin/restore" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <div class="field">
            <label for="restore-file">Backup file (.json)</label>
            <input id="restore-file" type="file" name="file" accept=".json,application/json" required />
          </div>
          <div>
            <button type="submit">Restore this backup</button>
          </div>
        </form>
      </section>

      <section aria-labelledby="jobs-heading">
        <h2 id="jobs-heading">Recent imports</h2>
        {jobs.length === 0 ? (
          <p>No imports yet.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Started</th>
                  <th scope="col">State</th>
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
                    <td>{jobState(j, now).label}</td>
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
