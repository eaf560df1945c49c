/**
 * The editorial feature's routes in one plugin, so app.ts registers it with one line: the article
 * editor, the image library, staff, site and settings pages (and /site.css), and the password pages.
 */
import type { AppInstance } from '../../web/app-instance.js';
import { passwordRoutes } from '../accounts/index.js';
import { staffRoutes } from '../accounts/index.js';
import { articleAdminRoutes, articleReviewRoutes } from '../articles/index.js';
import { imageRoutes } from '../images/index.js';
import { settingsRoutes } from './settings.routes.js';
import { siteRoutes } from './site.routes.js';

export async function editorialRoutes(app: AppInstance): Promise<void> {
  await app.register(articleAdminRoutes);
  await app.register(articleReviewRoutes);
  await app.register(imageRoutes);
  await app.register(staffRoutes);
  await app.register(settingsRoutes);
  await app.register(siteRoutes);
  await app.register(passwordRoutes);
}
