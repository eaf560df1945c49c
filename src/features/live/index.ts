/** The public entry of the live feature: the only module other features and the composition root may import. */
export { liveRoutes } from './live.routes.js';
