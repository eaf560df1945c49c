import { msg, type Message } from '../../../lib/message.js';
import type { ImportJob } from '../import-job.repo.js';
import { STALE_AFTER_MS } from '../import-jobs.service.js';

export interface JobState {
  /** Still going: the page keeps polling. */
  active: boolean;
  /** What the page says of it (translated where it is shown). */
  label: Message;
}

/** What a job's row means now: a running job whose process stopped writing progress was interrupted. */
export function jobState(j: ImportJob, now: Date): JobState {
  if (j.status === 'done') return { active: false, label: msg('importers.state_done') };
  if (j.status === 'failed') return { active: false, label: msg('importers.state_failed') };
  if (j.status === 'queued') return { active: true, label: msg('importers.state_queued') };
  const beat = j.heartbeatAt ? Date.parse(j.heartbeatAt) : 0;
  if (now.getTime() - beat > STALE_AFTER_MS) return { active: false, label: msg('importers.state_interrupted') };
  return { active: true, label: msg('importers.state_running') };
}

export function percentOf(j: ImportJob): number | null {
  const p = j.progress;
  if (j.status === 'done') return 100;
  if (!p || !p.totalBytes) return null;
  return Math.min(100, Math.floor((100 * p.bytesRead) / p.totalBytes));
}
