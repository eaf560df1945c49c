/** The public entry of the feeds feature: the only module other features and the composition root may import. */
export { feedRoutes } from './feed.routes.js';
