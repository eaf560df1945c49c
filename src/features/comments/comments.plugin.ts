/** The discussion feature's routes: pages, API, and the publisher's settings, sharing one vote limiter. */
import type { AppInstance } from '../../app.js';
import { commentApiRoutes } from './comment.api.js';
import { makeVoteLimiter } from './comment-http.js';
import { commentPageRoutes } from './comment.routes.js';
import { discussionSettingsRoutes } from './discussion-settings.routes.js';

export async function commentRoutes(app: AppInstance): Promise<void> {
  const voteLimiter = makeVoteLimiter(app);
  await commentPageRoutes(app, voteLimiter);
  await commentApiRoutes(app, voteLimiter);
  await discussionSettingsRoutes(app);
}
