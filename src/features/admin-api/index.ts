/** The public entry of the admin-api feature: the only module other features and the composition root may import. */
export { adminApiRoutes } from './admin-api.routes.js';
export { apiTokenRoutes } from './api-token.routes.js';
export { type ApiTokenTable } from './api-token.table.js';
