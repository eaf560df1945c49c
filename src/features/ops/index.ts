/** The public entry of the ops feature: the only module other features and the composition root may import. */
export { auditRoutes } from './audit.routes.js';
export { backupSqlite } from './backup.js';
export { registerMetrics } from './metrics.js';
