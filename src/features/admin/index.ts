/** The public entry of the admin feature: the only module other features and the composition root may import. */
export { adminRoutes } from './admin.routes.js';
export { editorialRoutes } from './editorial.routes.js';
