/**
 * The outbox worker: claims due mail, sends it, records the outcome. Every app process runs it (a Job in
 * src/jobs.ts); the claim protocol in outbox-queue.repo.ts makes sure exactly one of them sends each mail.
 *
 * Retries: a failed attempt waits base·2^(attempts−1), ±25% jitter (so a fleet of workers does not
 * retry in lockstep), capped at maxDelayMs; after maxAttempts the mail is `dead` and waits for a person
 * on /admin/mail. A permanent refusal (SMTP 5xx: no such mailbox, policy rejection) is dead at once.
 */
import type { Deps } from '../deps.js';
import { randomToken } from '../lib/crypto.js';
import { isPermanentFailure, type Mailer } from './mailer.js';
import {
  claimDueMail,
  markMailFailed,
  markMailSent,
  purgeSentMail,
  renewMailClaim,
  type ClaimedMail,
  type OutboxChannel,
} from './outbox-queue.repo.js';

export interface OutboxPolicy {
  /** Attempts before a mail is dead. */
  maxAttempts: number;
  /** Wait after the first failure; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim holds; longer than any SMTP timeout (see mailer.ts), so a live worker never loses its claim. */
  leaseMs: number;
  batchSize: number;
  /** Batches per run, so one run of the job ends even while mail keeps arriving. */
  maxBatches: number;
  /** Delivered mail is deleted after this many days. */
  sentRetentionDays: number;
}

export const OUTBOX_POLICY: OutboxPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2 * 60_000,
  maxDelayMs: 2 * 3600_000,
  leaseMs: 5 * 60_000,
  batchSize: 20,
  maxBatches: 10,
  sentRetentionDays: 30,
};

/** Delay before the next attempt after `attempts` attempts (≥ 1) have failed. */
export function backoffDelay(
  attempts: number,
  policy: Pick<OutboxPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
  return Math.round(exp * (0.75 + random() * 0.5));
}

export interface DrainResult {
  sent: number;
  /** Failed attempts that will be tried again. */
  retrying: number;
  dead: number;
}

export interface DrainOptions {
  policy?: Partial<OutboxPolicy>;
}

/** Message-ID stable per outbox row, so a resend after a crash is recognizably the same message. */
export function messageIdFor(mail: Pick<ClaimedMail, 'id' | 'createdAt'>, siteUrl: string): string {
  let host = 'localhost';
  try {
    host = new URL(siteUrl).hostname || host;
  } catch {
    /* keep localhost */
  }
  return `<outbox.${mail.id}.${new Date(mail.createdAt).getTime()}@${host}>`;
}

/**
 * One channel's worker over the shared outbox: how to send a claimed row, and which failures are
 * permanent. Mail is one channel; outgoing webhooks are another (src/features/webhooks). Both get the same
 * claim protocol, leases, backoff and dead-lettering from drainChannel.
 */
export interface OutboxWorker {
  channel: OutboxChannel;
  /** Sends one claimed row; throws when the attempt failed. */
  send(row: ClaimedMail): Promise<void>;
  /** A failure that retrying cannot fix: the row is dead at once. */
  isPermanent(err: unknown): boolean;
  /** What the logs call the row ("mail", "webhook"). */
  noun: string;
}

/**
 * Sends every mail that is due now through the context's mailer, batch by batch, and returns what
 * happened. Tests call this instead of waiting for the job's timer; the job calls it every few seconds.
 */
export async function drainOutbox(deps: Deps, opts: DrainOptions = {}): Promise<DrainResult> {
  const { mailer } = deps;
  return drainChannel(deps, mailWorker(deps, mailer), opts);
}

/** Claims and sends the due rows of one channel, batch by batch; records each outcome. */
export async function drainChannel(deps: Deps, worker: OutboxWorker, opts: DrainOptions = {}): Promise<DrainResult> {
  const policy = { ...OUTBOX_POLICY, ...opts.policy };
  const claimToken = randomToken(12);
  const result: DrainResult = { sent: 0, retrying: 0, dead: 0 };
  for (let batch = 0; batch < policy.maxBatches; batch++) {
    const claimed = await claimDueMail(deps.db.kysely, deps.db.dialect, {
      now: deps.clock.now(),
      leaseMs: policy.leaseMs,
      limit: policy.batchSize,
      claimToken,
      channel: worker.channel,
    });
    if (claimed.length === 0) break;
    for (const row of claimed) {
      // A batch of slow sends can outlast the lease; renewing per row keeps a second worker from
      // sending what this one is about to send (and this one from sending what it lost).
      const leaseEnd = new Date(deps.clock.now().getTime() + policy.leaseMs);
      if (!(await renewMailClaim(deps.db.kysely, row.id, claimToken, leaseEnd))) continue;
      const outcome = await deliver(deps, worker, row, claimToken, policy);
      result[outcome]++;
    }
  }
  return result;
}

function mailWorker(deps: Deps, mailer: Mailer): OutboxWorker {
  return {
    channel: 'mail',
    noun: 'mail',
    isPermanent: isPermanentFailure,
    send: (mail) =>
      mailer.send({
        outboxId: mail.id,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: messageIdFor(mail, deps.config.siteUrl),
        date: deps.clock.now(),
      }),
  };
}

async function deliver(
  deps: Deps,
  worker: OutboxWorker,
  row: ClaimedMail,
  claimToken: string,
  policy: OutboxPolicy,
): Promise<keyof DrainResult> {
  try {
    await worker.send(row);
  } catch (err) {
    const now = deps.clock.now();
    const permanent = worker.isPermanent(err);
    const dead = permanent || row.attempts >= policy.maxAttempts;
    const error = (err as Error).message ?? String(err);
    await markMailFailed(deps.db.kysely, row.id, claimToken, {
      error,
      dead,
      nextAttemptAt: new Date(now.getTime() + backoffDelay(row.attempts, policy)),
    });
    // The address stays out of the logs; the outbox id leads to it for whoever may see it.
    const log = { outboxId: row.id, kind: row.kind, attempts: row.attempts, permanent, error };
    if (dead) deps.log.error(log, `${worker.noun} is dead: giving up`);
    else deps.log.warn(log, `${worker.noun} delivery failed; will retry`);
    return dead ? 'dead' : 'retrying';
  }
  await markMailSent(deps.db.kysely, row.id, deps.clock.now());
  return 'sent';
}

/** Deletes delivered mail past its retention (bounded per call). */
export async function purgeOldMail(
  deps: Deps,
  policy: Pick<OutboxPolicy, 'sentRetentionDays'> = OUTBOX_POLICY,
): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - policy.sentRetentionDays * 86400_000);
  return purgeSentMail(deps.db.kysely, before, 500);
}
