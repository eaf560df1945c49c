/**
 * The outbox seen from the worker and the admin page: claiming due rows, recording the outcome, listing.
 * (Queuing a mail is `enqueueMail` in ops/outbox.repo.ts, called inside the transaction that causes it.)
 *
 * Claim protocol: a worker moves a due row to `sending` with `locked_until = now + lease` and its own
 * `claim_token`, and counts the attempt. A row is due when it is `pending` and its `next_attempt_at` has
 * come, or when it is `sending` and its lease has expired (the worker died between claim and outcome):
 * then it is taken again, which is the one case where a mail may go out twice. Nothing is ever lost.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DialectName } from '../db/dialect.js';

type DB = Kysely<Database>;

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';
/** Which worker sends a row: mail through the mailer, webhooks through the webhooks feature. */
export type OutboxChannel = 'mail' | 'webhook';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'dead'];

/** A claimed row, as the worker needs it. */
export interface ClaimedMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
  kind: string;
  /** The channel's own record (webhook: the delivery id); null for mail. */
  refId: number | null;
  /** Attempts including this one. */
  attempts: number;
  createdAt: string;
}

/** A row as the admin page shows it: no bodies (they carry confirmation links), the address masked by the view. */
export interface OutboxEntry {
  id: number;
  to: string;
  subject: string;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

function due(now: string, channel: OutboxChannel) {
  return (eb: ExpressionBuilder<Database, 'outbox'>) =>
    eb.and([
      eb('channel', '=', channel),
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
      ]),
    ]);
}

function toClaimed(r: {
  id: number;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: string;
  kind: string;
  ref_id: number | null;
  attempts: number;
  created_at: string;
}): ClaimedMail {
  let headers: Record<string, string> = {};
  try {
    headers = JSON.parse(r.headers) as Record<string, string>;
  } catch {
    /* a malformed header blob sends without extras */
  }
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    headers,
    kind: r.kind,
    refId: r.ref_id,
    attempts: r.attempts,
    createdAt: r.created_at,
  };
}

const CLAIM_COLUMNS = [
  'id',
  'to_address',
  'subject',
  'text_body',
  'html_body',
  'headers',
  'kind',
  'ref_id',
  'attempts',
  'created_at',
] as const;

/**
 * Claims up to `limit` due mails for this worker. PostgreSQL: one UPDATE over a `FOR UPDATE SKIP LOCKED`
 * subselect, so concurrent workers take disjoint rows without waiting for each other. SQLite: writes are
 * serialized, so a conditional UPDATE per candidate (`… WHERE id = ? AND <still due>`) claims it or finds
 * it already taken.
 */
export async function claimDueMail(
  db: DB,
  dialect: DialectName,
  opts: { now: Date; leaseMs: number; limit: number; claimToken: string; channel?: OutboxChannel },
): Promise<ClaimedMail[]> {
  const t = opts.now.toISOString();
  const channel = opts.channel ?? 'mail';
  const claim = {
    status: 'sending' as const,
    locked_until: new Date(opts.now.getTime() + opts.leaseMs).toISOString(),
    claim_token: opts.claimToken,
    last_attempt_at: t,
    attempts: (eb: ExpressionBuilder<Database, 'outbox'>) => eb('attempts', '+', 1),
  };
  if (dialect === 'postgres') {
    // The picked ids live in a MATERIALIZED CTE: as a plain `id IN (subquery)` PostgreSQL may run the
    // locking subquery once per outer row, and a worker would then claim far more than `limit` rows.
    const rows = await db
      .with(
        (cte) => cte('picked').materialized(),
        (q) =>
          q
            .selectFrom('outbox')
            .select('id')
            .where(due(t, channel))
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(opts.limit)
            .forUpdate()
            .skipLocked(),
      )
      .updateTable('outbox')
      .from('picked')
      .set(claim)
      .whereRef('outbox.id', '=', 'picked.id')
      // Re-checked on the locked row: a belt to SKIP LOCKED's braces.
      .where(due(t, channel))
      .returning(CLAIM_COLUMNS.map((c) => `outbox.${c}` as const))
      .execute();
    return rows.map(toClaimed).sort((a, b) => a.id - b.id);
  }
  const claimed: ClaimedMail[] = [];
  // Another worker may take every candidate between our SELECT and our UPDATEs; look again rather than
  // report "nothing due" while mail is waiting.
  for (let round = 0; round < 5 && claimed.length === 0; round++) {
    const candidates = await db
      .selectFrom('outbox')
      .select('id')
      .where(due(t, channel))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(opts.limit)
      .execute();
    if (candidates.length === 0) break;
    for (const { id } of candidates) {
      const row = await db
        .updateTable('outbox')
        .set(claim)
        .where('id', '=', id)
        .where(due(t, channel))
        .returning(CLAIM_COLUMNS)
        .executeTakeFirst();
      if (row) claimed.push(toClaimed(row));
    }
  }
  return claimed;
}

/**
 * Extends this worker's claim on one mail just before sending it; false when the claim is gone (the
 * lease ran out while earlier mails of the batch were slow, and another worker took it): then this
 * worker must not send it too.
 */
export async function renewMailClaim(db: DB, id: number, claimToken: string, lockedUntil: Date): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ locked_until: lockedUntil.toISOString() })
    .where('id', '=', id)
    .where('claim_token', '=', claimToken)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Records a delivery. Whoever delivered it marks it, even if its lease ran out meanwhile: it did go out. */
export async function markMailSent(db: DB, id: number, now: Date): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: now.toISOString(), locked_until: null, claim_token: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Records a failed attempt: back to `pending` at `nextAttemptAt`, or `dead` when `dead` is set. Only the
 * worker that holds the claim may do this (a worker whose lease expired must not undo another's claim).
 */
export async function markMailFailed(
  db: DB,
  id: number,
  claimToken: string,
  outcome: { error: string; dead: boolean; nextAttemptAt: Date },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: outcome.dead ? 'dead' : 'pending',
      next_attempt_at: outcome.nextAttemptAt.toISOString(),
      locked_until: null,
      claim_token: null,
      last_error: outcome.error.slice(0, 1000),
    })
    .where('id', '=', id)
    .where('claim_token', '=', claimToken)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Puts a pending or dead mail back in line now. A dead mail gets a fresh set of attempts. Returns the
 * row before the change, or undefined when there is no such mail in a retryable state.
 */
export async function retryMail(db: DB, id: number, now: Date): Promise<OutboxEntry | undefined> {
  const before = await findOutboxEntry(db, id);
  if (!before || (before.status !== 'pending' && before.status !== 'dead')) return undefined;
  const res = await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'pending',
      next_attempt_at: now.toISOString(),
      locked_until: null,
      claim_token: null,
      attempts: eb.case().when('status', '=', 'dead').then(0).else(eb.ref('attempts')).end(),
    }))
    .where('id', '=', id)
    .where('channel', '=', 'mail')
    .where('status', 'in', ['pending', 'dead'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? before : undefined;
}

interface EntryRow {
  id: number;
  to_address: string;
  subject: string;
  kind: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
const ENTRY_COLUMNS = [
  'id',
  'to_address',
  'subject',
  'kind',
  'status',
  'attempts',
  'next_attempt_at',
  'last_attempt_at',
  'last_error',
  'created_at',
  'sent_at',
] as const;

function toEntry(r: EntryRow): OutboxEntry {
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export async function findOutboxEntry(db: DB, id: number): Promise<OutboxEntry | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select(ENTRY_COLUMNS)
    .where('id', '=', id)
    .where('channel', '=', 'mail')
    .executeTakeFirst();
  return row ? toEntry(row) : undefined;
}

/** One page of mails in the given states, newest first; `beforeId` is the cursor. */
export async function listOutbox(
  db: DB,
  opts: { statuses: OutboxStatus[]; limit: number; beforeId?: number },
): Promise<OutboxEntry[]> {
  let q = db
    .selectFrom('outbox')
    .select(ENTRY_COLUMNS)
    .where('channel', '=', 'mail')
    .where('status', 'in', opts.statuses);
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  const rows = await q.orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map(toEntry);
}

export async function countOutboxByStatus(db: DB): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('channel', '=', 'mail')
    .groupBy('status')
    .execute();
  const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/**
 * Deletes delivered mail older than `before` (their bodies hold addresses and links that should not
 * linger). At most `limit` rows per call, so a large backlog is cleared over several runs.
 */
export async function purgeSentMail(db: DB, before: Date, limit: number): Promise<number> {
  const ids = await db
    .selectFrom('outbox')
    .select('id')
    .where('channel', '=', 'mail')
    .where('status', '=', 'sent')
    .where('created_at', '<', before.toISOString())
    .limit(limit)
    .execute();
  if (ids.length === 0) return 0;
  const res = await db
    .deleteFrom('outbox')
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Where a row of another channel stands, for that channel's own log (the webhook delivery log). */
export interface OutboxState {
  id: number;
  status: OutboxStatus;
  /** Attempts so far (a claimed row counts the attempt in progress). */
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
}

export async function findOutboxStates(db: DB, ids: number[]): Promise<Map<number, OutboxState>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts', 'next_attempt_at', 'last_attempt_at', 'last_error', 'sent_at'])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        lastAttemptAt: r.last_attempt_at,
        lastError: r.last_error,
        sentAt: r.sent_at,
      },
    ]),
  );
}
