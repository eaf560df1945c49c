import type { Generated } from 'kysely';

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra headers (List-Unsubscribe …). */
  headers: Generated<string>;
  /** confirmation, notification, receipt, password_reset … */
  kind: string;
  /** pending → sending → sent, or dead after the last attempt. */
  status: Generated<'pending' | 'sending' | 'sent' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** A worker's claim; another worker may take the row after this time (crash recovery). */
  locked_until: string | null;
  /** Random id of the worker holding the claim; only that worker records a failure (mail migration). */
  claim_token: Generated<string | null>;
  /** When the last delivery attempt started (mail migration). */
  last_attempt_at: Generated<string | null>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** Which worker sends the row: `mail` (the mailer) or `webhook` (the webhooks feature). */
  channel: Generated<'mail' | 'webhook'>;
  /** The channel's own record for the row (webhook: the webhook_deliveries id); null for mail. */
  ref_id: Generated<number | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  /** e.g. comment.approve, donation.offline.update */
  action: string;
  subject_type: string;
  subject_id: string | null;
  /** JSON snapshots. */
  before: string | null;
  after: string | null;
  created_at: string;
}

export interface SettingTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_at: string;
}
