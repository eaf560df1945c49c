/** The public entry of the content-api feature: the only module other features and the composition root may import. */
export { contentApiRoutes, PUBLIC_API_CACHE_CONTROL } from './content-api.routes.js';
export { API_SCHEMAS } from './content-api.schemas.js';
