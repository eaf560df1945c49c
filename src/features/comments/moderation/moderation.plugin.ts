/** Everything moderation serves: the queue, bans, rules, readers' reports (the audit log is the ops feature's). One line in app.ts. */
import type { AppInstance } from '../../../web/app-instance.js';
import { banRoutes } from './bans.routes.js';
import { moderationQueueRoutes } from './moderation.routes.js';
import { reportRoutes } from './report.routes.js';
import { moderationSettingsRoutes } from './settings.routes.js';

export async function moderationRoutes(app: AppInstance): Promise<void> {
  await app.register(moderationQueueRoutes);
  await app.register(banRoutes);
  await app.register(moderationSettingsRoutes);
  await app.register(reportRoutes);
}
