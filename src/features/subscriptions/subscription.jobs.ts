/** Comment digests and subscription housekeeping as a background job (every app process; digest claims are per row). */
import type { Job } from '../../platform/job.js';
import { purgeQuotas } from '../../platform/mail-quota.repo.js';
import { sendDueDigests } from './notify.service.js';
import { deleteStaleSubscriptions } from './subscription.repo.js';

/** Unconfirmed requests and stopped subscriptions are forgotten after this long. */
export const STALE_SUBSCRIPTION_DAYS = 30;

export const digestJob: Job = {
  name: 'comment-digests',
  everyMs: 30_000,
  async run(deps) {
    await sendDueDigests(deps);
    const now = deps.clock.now().getTime();
    await deleteStaleSubscriptions(deps.db.kysely, new Date(now - STALE_SUBSCRIPTION_DAYS * 86400_000).toISOString());
    // Counters have day-long windows; older ones would restart anyway.
    await purgeQuotas(deps.db.kysely, new Date(now - 2 * 86400_000));
  },
};
