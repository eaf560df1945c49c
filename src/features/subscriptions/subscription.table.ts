/**
 * Subscriptions themselves live in comments/comment.table.ts (SubscriptionTable, core schema). This is
 * the queue between an approved comment and the digest that announces it.
 */
import type { Generated } from 'kysely';

/** An approved comment a confirmed subscriber has not been told about yet. */
export interface NotificationQueueTable {
  id: Generated<number>;
  subscription_id: number;
  comment_id: number;
  /** When the comment was approved (queued). */
  created_at: string;
}
