/** The webhook sender as a background job: every app process runs it; outbox claims keep a delivery from going twice. */
import type { Job } from '../../platform/job.js';
import { drainWebhooks } from './webhook.service.js';

export const webhookJob: Job = {
  name: 'webhook-outbox',
  everyMs: 3_000,
  async run(deps) {
    await drainWebhooks(deps);
  },
};
