/**
 * Background work that runs in every app process. Each job claims its rows in the database, so several
 * processes can run them side by side without doing anything twice. Features add their jobs here.
 */
import type { Deps } from './deps.js';
import { outboxJob } from './features/mail/index.js';
import { webhookJob } from './features/webhooks/index.js';
import { digestJob } from './features/subscriptions/index.js';
import { publishDueArticles } from './features/articles/index.js';
import { processPendingImages } from './features/images/index.js';
import { forgetUnconfirmedSignups } from './features/accounts/index.js';
import { pruneLiveEvents } from './features/live/index.js';

import type { Job } from './platform/job.js';
import { databaseFailure } from './db/dialect.js';

export type { Job };

export const JOBS: Job[] = [
  // Scheduled articles go live within a few seconds of their time; each is claimed by one process.
  {
    name: 'publish-scheduled-articles',
    everyMs: 5_000,
    run: async (deps) => {
      const ids = await publishDueArticles(deps);
      if (ids.length > 0) deps.log.info({ articleIds: ids }, 'published scheduled articles');
    },
  },
  // AVIF variants of new uploads, off the request path; claims survive restarts and are shared by processes.
  {
    name: 'image-variants',
    everyMs: 3_000,
    run: async (deps) => {
      await processPendingImages(deps);
    },
  },
  outboxJob,
  // Outgoing webhooks: the outbox's `webhook` channel, with the same claims and retries as mail.
  webhookJob,
  digestJob,
  // Sign-ups whose mailed link was never used are forgotten after a week.
  {
    name: 'forget-unconfirmed-signups',
    everyMs: 3_600_000,
    run: async (deps) => {
      const n = await forgetUnconfirmedSignups(deps.db.kysely, deps.clock.now());
      if (n > 0) deps.log.info({ accounts: n }, 'forgot unconfirmed sign-ups');
    },
  },
  // Live events older than the replay window (LIVE_REPLAY_MINUTES, LIVE_REPLAY_EVENTS) are forgotten.
  {
    name: 'prune-live-events',
    everyMs: 60_000,
    run: async (deps) => {
      await pruneLiveEvents(deps.db.kysely, deps.clock.now(), deps.config);
    },
  },
];

/** Starts every job on its interval; returns a function that stops them. */
export function startBackgroundJobs(deps: Deps, jobs: Job[] = JOBS): () => void {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    let running = false;
    // While the database is away every tick fails the same way: one warning per outage, not one per tick.
    let waiting = false;
    const tick = async () => {
      if (running || stopped) return;
      running = true;
      try {
        await job.run(deps);
        if (waiting) deps.log.info({ job: job.name }, 'background job runs again');
        waiting = false;
      } catch (err) {
        if (databaseFailure(err) === undefined) deps.log.error({ err, job: job.name }, 'background job failed');
        else if (!waiting) {
          waiting = true;
          deps.log.warn({ err, job: job.name }, 'background job waits for the database');
        }
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
