import { AdminNav } from '../../../web/components/AdminNav.js';
import type { ImportJob } from '../import-job.repo.js';
import { summaryLines } from '../import.types.js';
import { jobState, percentOf } from './job-state.js';

/**
 * One import's progress. Without JavaScript the publisher reloads the page (a link does it); with it,
 * import-progress.js polls the progress endpoint and updates the numbers in place.
 */
export function ImportJobPage({ role, job, now }: { role: string; job: ImportJob; now: Date }) {
  const state = jobState(job, now);
  const pct = percentOf(job);
  const p = job.progress;
  return (
    <div class="admin-page importers">
      <h1>Import of {job.fileName}</h1>
      <AdminNav role={role} current="/admin/import" />
      <div
        class="import-job"
        id="import-job"
        data-progress-url={`/admin/import/jobs/${job.id}/progress`}
        data-active={state.active ? 'true' : 'false'}
      >
        <p class="import-state" role="status">
          <span id="job-state">{state.label}</span>
        </p>
        <div class="field">
          <label for="job-bar">Progress</label>
          {pct === null ? (
            <progress id="job-bar" />
          ) : (
            <progress id="job-bar" max={100} value={pct}>
              {pct}%
            </progress>
          )}
          <span id="job-percent" class="hint">
            {pct === null ? '' : `${pct}%`}
          </span>
        </div>
        <dl class="import-counts">
          <dt>Records read</dt>
          <dd id="job-items">{p?.items ?? 0}</dd>
          <dt>Created</dt>
          <dd id="job-created">{p?.created ?? 0}</dd>
          <dt>Updated</dt>
          <dd id="job-updated">{p?.updated ?? 0}</dd>
          <dt>Skipped</dt>
          <dd id="job-skipped">{p?.skipped ?? 0}</dd>
        </dl>
        {job.error && <p class="notice notice-error">{job.error}</p>}
        {p && !state.active && (
          <section aria-labelledby="summary-heading">
            <h2 id="summary-heading">Summary</h2>
            <ul>
              {summaryLines(p).map((l) => (
                <li>{l}</li>
              ))}
            </ul>
          </section>
        )}
        <p>
          {state.active && (
            <>
              <a href={`/admin/import/jobs/${job.id}`}>Refresh</a> ·{' '}
            </>
          )}
          <a href="/admin/import">Back to import and export</a>
        </p>
      </div>
    </div>
  );
}
