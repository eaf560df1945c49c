/**
 * Banning and lifting bans. A ban keys on an account id, or on hmac(SECRET_KEY, e-mail) / the comment's
 * stored IP HMAC: the moderator never sees an address, only an 8-character fingerprint. Staff accounts
 * cannot be banned from here (that is a staff-management decision for the publisher).
 */
import { isIP } from 'node:net';
import type { Deps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import { msg } from '../../../lib/message.js';
import { hmac } from '../../../lib/crypto.js';
import { hashIp } from '../../../lib/ip-address.js';
import { findUserById } from '../../accounts/index.js';
import { recordAudit } from '../../../platform/audit.repo.js';
import { fingerprint, findBanById, insertBan, liftBanRow, listBans, type Ban } from './ban.repo.js';
import { findModeratedComments, listPendingIdsByAuthor } from './moderation.repo.js';
import { applyStatus, publishChanges, type ModerationCtx } from './moderation.service.js';
import type { BanKind } from './moderation.table.js';

/** The ban key of an e-mail address: the same formula the discussion uses for `ModerationInput.emailHash`. */
export const emailBanKey = (secret: string, email: string): string => hmac(secret, email.trim().toLowerCase());
/** The ban key of a client IP: the same formula as `comments.ip_hash` and `ModerationInput.ipHash` (any spelling of one address gives one key). */
export const ipBanKey = (secret: string, ip: string): string => hashIp(secret, ip);

/** Ban lengths offered to moderators, in days; null is permanent. */
export const BAN_DAYS = [1, 7, 30, 365, null] as const;
export type BanDays = (typeof BAN_DAYS)[number];

const expiry = (now: Date, days: BanDays): string | null =>
  days === null ? null : new Date(now.getTime() + days * 86_400_000).toISOString();

export interface BanCommenterInput {
  actorId: number;
  commentId: number;
  /** Which of the commenter's keys to ban; those the comment lacks are ignored. */
  scopes: { account: boolean; email: boolean; ip: boolean };
  reason: string;
  days: BanDays;
  /** Also move the commenter's other pending comments to spam. */
  spamPending: boolean;
  now: Date;
}

/** "Ban this commenter" from the queue. Returns the new bans' ids and how many pending comments went to spam. */
export async function banCommenter(
  ctx: ModerationCtx,
  input: BanCommenterInput,
): Promise<{ banIds: number[]; spammed: number }> {
  const [c] = await findModeratedComments(ctx.db.kysely, [input.commentId]);
  if (!c) throw new AppError('COMMENT_NOT_FOUND', msg('moderation.error_comment_not_found'));
  if (c.authorUserId !== null) {
    const author = await findUserById(ctx.db.kysely, c.authorUserId);
    if (author && author.role !== 'reader') throw new AppError('BAN_STAFF', msg('moderation.error_ban_staff'));
  }
  const keys: Array<{ kind: BanKind; value: string }> = [];
  if (input.scopes.account && c.authorUserId !== null) keys.push({ kind: 'user', value: String(c.authorUserId) });
  if (input.scopes.email && c.authorEmail)
    keys.push({ kind: 'email', value: emailBanKey(ctx.config.secretKey, c.authorEmail) });
  if (input.scopes.ip && c.ipHash) keys.push({ kind: 'ip', value: c.ipHash });
  if (keys.length === 0) {
    throw new AppError('BAN_SCOPE_REQUIRED', msg('moderation.error_ban_scope'), {
      fields: { scope: msg('moderation.error_ban_scope_field') },
    });
  }
  const reason = input.reason.trim();
  if (reason === '')
    throw new AppError('BAN_REASON_REQUIRED', msg('moderation.error_ban_reason'), {
      fields: { reason: msg('moderation.error_required') },
    });
  const expiresAt = expiry(input.now, input.days);
  const t = input.now.toISOString();

  const { banIds, changed } = await ctx.db.kysely.transaction().execute(async (trx) => {
    const banIds: number[] = [];
    for (const k of keys) {
      const id = await insertBan(trx, { ...k, reason, expiresAt, createdBy: input.actorId, createdAt: t });
      banIds.push(id);
      await recordAudit(
        trx,
        {
          actorUserId: input.actorId,
          action: 'ban.create',
          subjectType: 'ban',
          subjectId: id,
          before: null,
          after: {
            kind: k.kind,
            fingerprint: k.kind === 'user' ? `#${k.value}` : fingerprint(k.value),
            reason,
            expiresAt,
            commentId: c.id,
          },
        },
        input.now,
      );
    }
    let changed: Awaited<ReturnType<typeof applyStatus>> = [];
    if (input.spamPending) {
      const ids = await listPendingIdsByAuthor(trx, {
        userId: input.scopes.account ? c.authorUserId : null,
        email: input.scopes.email ? c.authorEmail : null,
        ipHash: input.scopes.ip ? c.ipHash : null,
      });
      changed = await applyStatus(trx, ctx.hooks.comments, {
        actorId: input.actorId,
        action: 'comment.spam',
        ids,
        to: 'spam',
        now: input.now,
      });
    }
    return { banIds, changed };
  });
  await publishChanges(ctx, changed);
  return { banIds, spammed: changed.length };
}

export interface ManualBanInput {
  actorId: number;
  kind: 'email' | 'ip';
  /** The e-mail address or IP as the moderator typed it; only its HMAC is stored. */
  value: string;
  reason: string;
  days: BanDays;
  now: Date;
}

/** Bans an e-mail address or IP the moderator knows (from a complaint, a log) without a comment at hand. */
export async function createBan(ctx: Pick<Deps, 'db' | 'config'>, input: ManualBanInput): Promise<number> {
  const value = input.value.trim();
  if (input.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw new AppError('BAN_EMAIL_INVALID', msg('moderation.error_ban_email'), {
      fields: { value: msg('moderation.error_ban_email_field') },
    });
  }
  if (input.kind === 'ip' && isIP(value) === 0) {
    throw new AppError('BAN_IP_INVALID', msg('moderation.error_ban_ip'), {
      fields: { value: msg('moderation.error_ban_ip_field') },
    });
  }
  const reason = input.reason.trim();
  if (reason === '')
    throw new AppError('BAN_REASON_REQUIRED', msg('moderation.error_ban_reason'), {
      fields: { reason: msg('moderation.error_required') },
    });
  const key = input.kind === 'email' ? emailBanKey(ctx.config.secretKey, value) : ipBanKey(ctx.config.secretKey, value);
  const expiresAt = expiry(input.now, input.days);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const id = await insertBan(trx, {
      kind: input.kind,
      value: key,
      reason,
      expiresAt,
      createdBy: input.actorId,
      createdAt: input.now.toISOString(),
    });
    await recordAudit(
      trx,
      {
        actorUserId: input.actorId,
        action: 'ban.create',
        subjectType: 'ban',
        subjectId: id,
        before: null,
        after: { kind: input.kind, fingerprint: fingerprint(key), reason, expiresAt },
      },
      input.now,
    );
    return id;
  });
}

/** Ends a ban now. Lifting an ended ban is refused with a message and changes nothing. */
export async function liftBan(
  ctx: Pick<Deps, 'db'>,
  input: { actorId: number; banId: number; now: Date },
): Promise<void> {
  const t = input.now.toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const ban = await findBanById(trx, input.banId);
    if (!ban) throw new AppError('BAN_NOT_FOUND', msg('moderation.error_ban_not_found'));
    if (!(await liftBanRow(trx, ban.id, t)))
      throw new AppError('BAN_ALREADY_LIFTED', msg('moderation.error_ban_lifted'));
    await recordAudit(
      trx,
      {
        actorUserId: input.actorId,
        action: 'ban.lift',
        subjectType: 'ban',
        subjectId: ban.id,
        before: { kind: ban.kind, fingerprint: ban.fingerprint, expiresAt: ban.expiresAt, liftedAt: null },
        after: { kind: ban.kind, fingerprint: ban.fingerprint, expiresAt: ban.expiresAt, liftedAt: t },
      },
      input.now,
    );
  });
}

export interface BanPageData {
  /** Bans in force, at most 200. */
  active: Ban[];
  /** Bans that ended (lifted or expired), the latest 50. */
  ended: Ban[];
}

/** The bans page: bans in force and recently ended, as of the clock's now. */
export async function loadBanPage(deps: Pick<Deps, 'db' | 'clock'>): Promise<BanPageData> {
  const now = deps.clock.now().toISOString();
  const [active, ended] = await Promise.all([
    listBans(deps.db.kysely, { active: true, now, limit: 200 }),
    listBans(deps.db.kysely, { active: false, now, limit: 50 }),
  ]);
  return { active, ended };
}
