import { AdminNav } from '../../../web/components/AdminNav.js';
import { useI18n } from '../../../web/i18n-context.js';
import type { ImportJob } from '../import-job.repo.js';
import { jobState, percentOf } from './job-state.js';
import { reportLines } from './report-lines.js';

/**
 * One import's progress. Without JavaScript the publisher reloads the page (a link does it); with it,
 * import-progress.js polls the progress endpoint and updates the numbers in place.
 */
export function ImportJobPage({ role, job, now }: { role: string; job: ImportJob; now: Date }) {
  const i18n = useI18n();
  const { t } = i18n;
  const state = jobState(job, now);
  const pct = percentOf(job);
  const shownPct = pct === null ? '' : i18n.number(pct / 100, { style: 'percent' });
  const p = job.progress;
  return (
    <div class="admin-page importers">
      <h1>{t('importers.job_title', { file: job.fileName })}</h1>
      <AdminNav role={role} current="/admin/import" />
      <div
        class="import-job"
        id="import-job"
        data-progress-url={`/admin/import/jobs/${job.id}/progress`}
        data-active={state.active ? 'true' : 'false'}
      >
        <p class="import-state" role="status">
          <span id="job-state">{i18n.text(state.label)}</span>
        </p>
        <div class="field">
          <label for="job-bar">{t('importers.job_progress')}</label>
          {pct === null ? (
            <progress id="job-bar" />
          ) : (
            <progress id="job-bar" max={100} value={pct}>
              {shownPct}
            </progress>
          )}
          <span id="job-percent" class="hint">
            {shownPct}
          </span>
        </div>
        <dl class="import-counts">
          <dt>{t('importers.job_items')}</dt>
          <dd id="job-items">{i18n.number(p?.items ?? 0)}</dd>
          <dt>{t('importers.job_created')}</dt>
          <dd id="job-created">{i18n.number(p?.created ?? 0)}</dd>
          <dt>{t('importers.job_updated')}</dt>
          <dd id="job-updated">{i18n.number(p?.updated ?? 0)}</dd>
          <dt>{t('importers.job_skipped')}</dt>
          <dd id="job-skipped">{i18n.number(p?.skipped ?? 0)}</dd>
        </dl>
        {job.error && <p class="notice notice-error">{job.error}</p>}
        {p && !state.active && (
          <section aria-labelledby="summary-heading">
            <h2 id="summary-heading">{t('importers.job_summary')}</h2>
            <ul>
              {reportLines(p, i18n).map((l) => (
                <li>{l}</li>
              ))}
            </ul>
          </section>
        )}
        <p>
          {state.active && (
            <>
              <a href={`/admin/import/jobs/${job.id}`}>{t('importers.job_refresh')}</a> ·{' '}
            </>
          )}
          <a href="/admin/import">{t('importers.job_back')}</a>
        </p>
      </div>
    </div>
  );
}
