/** What the publisher does on /admin/mail: look at the outbox, put a mail back in line, set the digest window. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { recordAudit } from '../../platform/audit.repo.js';
import {
  DIGEST_WINDOW_BOUNDS,
  getNotificationSettings,
  putNotificationSettings,
  type NotificationSettings,
} from '../subscriptions/index.js';
import {
  countOutboxByStatus,
  listOutbox,
  retryMail,
  type OutboxEntry,
  type OutboxStatus,
} from '../../platform/outbox-queue.repo.js';

type DB = Kysely<Database>;

/** The tabs of the admin page: what needs attention first. */
export const MAIL_VIEWS = { queued: ['pending', 'sending'], dead: ['dead'], sent: ['sent'] } as const satisfies Record<
  string,
  readonly OutboxStatus[]
>;
export type MailView = keyof typeof MAIL_VIEWS;
export const MAIL_PAGE_SIZE = 50;

export interface MailAdminView {
  counts: Record<OutboxStatus, number>;
  entries: OutboxEntry[];
  /** Cursor of the next (older) page. */
  nextBeforeId: number | null;
  settings: NotificationSettings;
}

export async function loadMailAdmin(db: DB, view: MailView, beforeId?: number): Promise<MailAdminView> {
  const [counts, rows, settings] = await Promise.all([
    countOutboxByStatus(db),
    listOutbox(db, { statuses: [...MAIL_VIEWS[view]], limit: MAIL_PAGE_SIZE + 1, beforeId }),
    getNotificationSettings(db),
  ]);
  const entries = rows.slice(0, MAIL_PAGE_SIZE);
  return {
    counts,
    entries,
    nextBeforeId: rows.length > MAIL_PAGE_SIZE ? entries[entries.length - 1]!.id : null,
    settings,
  };
}

/** Puts a pending or dead mail back in line now (a dead one with fresh attempts), audit-logged, in one transaction. */
export async function retryMailNow(
  deps: { db: DB; now: Date },
  input: { id: number; actorUserId: number },
): Promise<void> {
  await deps.db.transaction().execute((trx) => retryMailIn(trx, input, deps.now));
}

async function retryMailIn(trx: DB, input: { id: number; actorUserId: number }, now: Date): Promise<void> {
  const before = await retryMail(trx, input.id, now);
  if (!before) throw new AppError('MAIL_NOT_RETRYABLE', msg('mailadmin.error_not_retryable'));
  await recordAudit(
    trx,
    {
      actorUserId: input.actorUserId,
      action: 'mail.retry',
      subjectType: 'outbox',
      subjectId: input.id,
      before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { status: 'pending' },
    },
    now,
  );
}

/**
 * Sets the digest window from the form's text (a whole number of minutes in range), audit-logged, in one
 * transaction.
 */
export async function saveDigestWindow(
  deps: { db: DB; now: Date },
  input: { raw: string; actorUserId: number },
): Promise<void> {
  const raw = input.raw.trim();
  const minutes = /^\d+$/.test(raw) ? Number(raw) : NaN;
  await deps.db
    .transaction()
    .execute((trx) => saveDigestWindowIn(trx, { minutes, actorUserId: input.actorUserId }, deps.now));
}

async function saveDigestWindowIn(trx: DB, input: { minutes: number; actorUserId: number }, now: Date): Promise<void> {
  if (
    !Number.isInteger(input.minutes) ||
    input.minutes < DIGEST_WINDOW_BOUNDS.min ||
    input.minutes > DIGEST_WINDOW_BOUNDS.max
  ) {
    // Written out as strings: the bounds read as typed into the field, without a thousands separator.
    const bounds = { min: String(DIGEST_WINDOW_BOUNDS.min), max: String(DIGEST_WINDOW_BOUNDS.max) };
    throw new AppError('DIGEST_WINDOW_INVALID', msg('mailadmin.digest_window_invalid', bounds), {
      fields: { digestWindowMinutes: msg('mailadmin.digest_window_field', bounds) },
    });
  }
  const before = await getNotificationSettings(trx);
  await putNotificationSettings(trx, { ...before, digestWindowMinutes: input.minutes }, now);
  await recordAudit(
    trx,
    {
      actorUserId: input.actorUserId,
      action: 'settings.notifications.update',
      subjectType: 'setting',
      subjectId: 'notifications',
      before,
      after: { ...before, digestWindowMinutes: input.minutes },
    },
    now,
  );
}

/** `j•••@example.com`: enough to tell domains apart when mail to one provider fails, not the address. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${[...address][0]}•••${address.slice(at)}`;
}
