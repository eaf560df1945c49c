/** The public entry of the mail feature: the only module other features and the composition root may import. */
export { outboxJob } from './mail.jobs.js';
export { mailRoutes } from './mail.routes.js';
