/**
 * The mail outbox. Every mail is written here in the same transaction as what caused it (a confirmation
 * with its subscription, a receipt with its gift) and sent later by the outbox worker, so a crash never
 * loses a mail and a rolled-back change never sends one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  /** confirmation, notification, receipt, password_reset, invite … */
  kind: string;
}

/** Queues a mail. Pass the transaction that makes the change the mail is about. */
export async function enqueueMail(db: Kysely<Database>, mail: OutgoingMail, now: Date): Promise<number> {
  const t = now.toISOString();
  const { id } = await db
    .insertInto('outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html ?? null,
      headers: JSON.stringify(mail.headers ?? {}),
      kind: mail.kind,
      status: 'pending',
      next_attempt_at: t,
      created_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Drops mail still waiting for `address` (an account that was just deleted must not be written to). */
export async function dropPendingMailTo(db: Kysely<Database>, address: string): Promise<void> {
  await db
    .deleteFrom('outbox')
    .where('channel', '=', 'mail')
    .where('to_address', '=', address)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Queues a row for another channel's worker (a webhook delivery): `refId` is that channel's own record,
 * which holds what to send. Pass the transaction that makes the change the row is about.
 */
export async function enqueueOutboxItem(
  db: Kysely<Database>,
  item: { channel: 'webhook'; refId: number; to: string; subject: string; kind: string },
  now: Date,
): Promise<number> {
  const t = now.toISOString();
  const { id } = await db
    .insertInto('outbox')
    .values({
      channel: item.channel,
      ref_id: item.refId,
      to_address: item.to,
      subject: item.subject,
      text_body: '',
      kind: item.kind,
      status: 'pending',
      next_attempt_at: t,
      created_at: t,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
