/** The outbox worker as a background job: every app process runs it; row claims keep them from sending a mail twice. */
import type { Job } from '../../platform/job.js';
import { drainOutbox, purgeOldMail } from '../../platform/outbox.service.js';

export const outboxJob: Job = {
  name: 'mail-outbox',
  everyMs: 3_000,
  async run(deps) {
    await drainOutbox(deps);
    await purgeOldMail(deps);
  },
};
