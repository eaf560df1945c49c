import type { Generated } from 'kysely';

/**
 * An endpoint the publisher configured to receive events. The secret is kept as issued (`whsec_…`): an
 * HMAC needs the key itself, so it cannot be stored hashed like an API token. Written only by webhook.repo.ts.
 */
export interface WebhookEndpointTable {
  id: Generated<number>;
  /** https (or http to loopback outside production); checked on save and again at every send. */
  url: string;
  /** What the publisher called it ("Newsletter sync"). */
  description: Generated<string>;
  /** Space-separated event types (article.published …). */
  events: string;
  /** `whsec_` + base64 of 32 random bytes (Standard Webhooks). */
  secret: string;
  /** 1: events are sent; 0: nothing is queued or sent. */
  enabled: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One event queued for one endpoint; its attempts, status and next retry are its outbox row's. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  endpoint_id: number;
  /** `webhook-id`: the same for a redelivery of the same event, so receivers can drop duplicates. */
  message_id: string;
  event_type: string;
  /** The JSON body as sent: `{ type, timestamp, data }`. */
  payload: string;
  outbox_id: number | null;
  /** The delivery this one repeats (the publisher pressed "Redeliver"). */
  redelivery_of: number | null;
  /** HTTP status of the last attempt; null before the first answer (or when none came). */
  last_status: number | null;
  /** The first characters of the last answer's body, or the network error. */
  last_response: string | null;
  created_at: string;
}
