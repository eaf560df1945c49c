/**
 * The editorial feature's routes in one plugin, so app.ts registers it with one line: the article
 * editor, the image library, staff and settings pages, and the password pages.
 */
import type { AppInstance } from '../../web/app-instance.js';
import { passwordRoutes } from '../accounts/index.js';
import { staffRoutes } from '../accounts/index.js';
import { articleAdminRoutes, articleReviewRoutes } from '../articles/index.js';
import { imageRoutes } from '../images/index.js';
import { settingsRoutes } from './settings.routes.js';

export async function editorialRoutes(app: AppInstance): Promise<void> {
  await app.register(articleAdminRoutes);
  await app.register(articleReviewRoutes);
  await app.register(imageRoutes);
  await app.register(staffRoutes);
  await app.register(settingsRoutes);
  await app.register(passwordRoutes);
}
