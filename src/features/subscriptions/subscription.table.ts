/**
 * "Notify of" subscriptions (created in the core schema) and the queue between an approved comment and
 * the digest that announces it.
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

export interface SubscriptionTable {
  id: Generated<number>;
  article_id: number | null;
  email: string;
  user_id: number | null;
  /** all: every new comment on the article; replies: replies to my comments. */
  kind: 'all' | 'replies';
  /** pending until the double opt-in link is followed. */
  status: Generated<'pending' | 'confirmed' | 'unsubscribed'>;
  token_hash: string;
  created_at: string;
  confirmed_at: string | null;
  last_notified_at: string | null;
  /** A change of kind asked for on a confirmed subscription; applied when its confirmation link is used (mail migration). */
  requested_kind: Generated<'all' | 'replies' | null>;
  /** When the last confirmation mail was queued; links expire from here, and re-asking within the resend window sends nothing new. */
  confirm_sent_at: Generated<string | null>;
  unsubscribed_at: Generated<string | null>;
  /** hmac(SECRET_KEY, IP) of whoever last asked for this subscription. */
  ip_hash: Generated<string | null>;
}
