/** The public entry of the webhooks feature: the only module other features and the composition root may import. */
export { webhookRoutes } from './webhook.routes.js';
export { webhookJob } from './webhook.jobs.js';
export { drainWebhooks, enqueueWebhookEvent, WEBHOOK_EVENTS, type WebhookEventType } from './webhook.service.js';
export { type WebhookDeliveryTable, type WebhookEndpointTable } from './webhook.table.js';
