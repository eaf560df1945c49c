/** The public entry of the live feature: the only module other features and the composition root may import. */
export { liveRoutes } from './live.routes.js';
export { journaledBus } from './live.journal.js';
export { pruneLiveEvents } from './live-event.repo.js';
export type { LiveEventTable } from './live.table.js';
