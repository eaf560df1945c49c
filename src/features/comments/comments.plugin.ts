/** The discussion feature's routes: pages, API, the publisher's settings and the embed, sharing one vote limiter. */
import type { AppInstance } from '../../web/app-instance.js';
import { commentApiRoutes } from './comment.api.js';
import { makeVoteLimiter } from './comment-http.js';
import { commentPageRoutes } from './comment.routes.js';
import { discussionSettingsRoutes } from './discussion-settings.routes.js';
import { embedRoutes } from './embed.routes.js';

export async function commentRoutes(app: AppInstance): Promise<void> {
  const voteLimiter = makeVoteLimiter(app);
  await commentPageRoutes(app, voteLimiter);
  await commentApiRoutes(app, voteLimiter);
  await discussionSettingsRoutes(app);
  await embedRoutes(app, voteLimiter);
}
