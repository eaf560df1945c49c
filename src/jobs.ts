/**
 * Background work that runs in every app process. Each job claims its rows in the database, so several
 * processes can run them side by side without doing anything twice. Features add their jobs here.
 */
import type { Deps } from './deps.js';
import { outboxJob } from './features/mail/mail.jobs.js';
import { digestJob } from './features/subscriptions/subscription.jobs.js';

export interface Job {
  name: string;
  /** Milliseconds between runs. */
  everyMs: number;
  run(deps: Deps): Promise<void>;
}

export const JOBS: Job[] = [outboxJob, digestJob];

/** Starts every job on its interval; returns a function that stops them. */
export function startBackgroundJobs(deps: Deps, jobs: Job[] = JOBS): () => void {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running || stopped) return;
      running = true;
      try {
        await job.run(deps);
      } catch (err) {
        deps.log.error({ err, job: job.name }, 'background job failed');
      } finally {
        running = false;
      }
    };
    const t = setInterval(() => void tick(), job.everyMs);
    t.unref();
    timers.push(t);
  }
  return () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
  };
}
