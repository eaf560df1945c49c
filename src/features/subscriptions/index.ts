/** The public entry of the subscriptions feature: the only module other features and the composition root may import. */
export {
  DIGEST_WINDOW_BOUNDS,
  getNotificationSettings,
  onCommentApproved,
  putNotificationSettings,
  type NotificationSettings,
} from './notify.service.js';
export { digestJob } from './subscription.jobs.js';
export { type SubscriptionKind } from './subscription.repo.js';
export { subscriptionRoutes } from './subscription.routes.js';
export { requestSubscription, type SiteConfig } from './subscription.service.js';
export { type NotificationQueueTable, type SubscriptionTable } from './subscription.table.js';
export { NotifyOfBody, NotifyOfFields, notifyChoice } from './views/NotifyOfFields.js';
export { deleteSubscriptionsOf, insertPendingSubscription, markConfirmed } from './subscription.repo.js';
