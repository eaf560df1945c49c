/** The public entry of the health feature: the only module other features and the composition root may import. */
export { healthRoutes } from './health.routes.js';
