/**
 * /api/v1/admin/…: the Admin API (OpenAPI tag `admin`). Every route is behind an API token with one
 * scope (bearer.ts: 401 without a good token, 403 without the scope, one rate limit per token for the
 * whole API) and calls one feature service, so an article saved here is saved exactly as from the editor,
 * a comment approved here exactly as from the queue, a gift counted exactly as from /admin/donations.
 */
import type { AppInstance } from '../../web/app-instance.js';
import { adminApiArticleRoutes } from './admin-api.articles.routes.js';
import { adminApiFundingRoutes } from './admin-api.funding.routes.js';
import { adminApiModerationRoutes } from './admin-api.moderation.routes.js';
import { tokenRoutes } from './bearer.js';

export async function adminApiRoutes(app: AppInstance): Promise<void> {
  app.decorateRequest('apiToken', null);
  app.decorateRequest('upload', null);
  const tokenRoute = tokenRoutes(app);
  adminApiArticleRoutes(app, tokenRoute);
  adminApiModerationRoutes(app, tokenRoute);
  adminApiFundingRoutes(app, tokenRoute);
}
