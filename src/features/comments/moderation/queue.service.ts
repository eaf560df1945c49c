/**
 * The moderation queue as moderators see it. Authors appear by name, with an account badge or short
 * fingerprints of their e-mail and IP HMACs: enough to recognise a repeat visitor, never the address.
 */
import type { Deps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import { msg, textFromStore, type Text } from '../../../lib/message.js';
import { isRowId } from '../../../lib/ids.js';
import type { CommentStatus } from '../comment.table.js';
import { fingerprint } from './ban.repo.js';
import { emailBanKey } from './ban.service.js';
import {
  findModeratedComments,
  listQueue,
  listQueueArticles,
  type ModeratedComment,
  type QueueFilter,
  type QueueStatus,
} from './moderation.repo.js';
import { summarizeReports, type ReportSummary } from './report.repo.js';

export type { QueueStatus };

export const QUEUE_STATUSES: readonly QueueStatus[] = ['pending', 'approved', 'spam', 'trash', 'reported', 'all'];
export const QUEUE_PAGE = 50;

/** One comment in the queue. No e-mail, no IP: fingerprints only. */
export interface QueueItem {
  id: number;
  articleId: number;
  articleHeadline: string;
  articlePath: string;
  authorName: string;
  /** The author's account id, or null for a guest. */
  accountId: number | null;
  /** 8 hex characters of hmac(secret, e-mail); null without an e-mail. */
  emailFingerprint: string | null;
  /** 8 hex characters of the IP HMAC; null when none was stored. */
  ipFingerprint: string | null;
  /** Sanitized HTML (as stored). */
  bodyHtml: string;
  status: CommentStatus;
  /** Why the pipeline or the reports held it. */
  /** Why it was held: a rule's message, or a moderator's own words. */
  moderationReason: Text | null;
  reports: ReportSummary | null;
  createdAt: string;
}

export interface QueueQuery {
  status: QueueStatus;
  articleId?: number;
  commenter?: string;
  /** "More from this commenter": the author of this comment id. */
  sameAs?: number;
  commentId?: number;
  before?: number;
}

export interface QueuePageData {
  items: QueueItem[];
  /** Cursor of the next page, or null on the last. */
  nextBefore: number | null;
  articles: Array<{ id: number; headline: string; count: number }>;
  /** Name of the author `sameAs` points to, for the filter's label. */
  sameAsName: string | null;
}

export function toQueueItem(c: ModeratedComment, secret: string, reports: ReportSummary | undefined): QueueItem {
  return {
    id: c.id,
    articleId: c.articleId,
    articleHeadline: c.articleHeadline,
    articlePath: `/articles/${c.articleSlug}`,
    authorName: c.authorName,
    accountId: c.authorUserId,
    emailFingerprint: c.authorEmail ? fingerprint(emailBanKey(secret, c.authorEmail)) : null,
    ipFingerprint: c.ipHash ? fingerprint(c.ipHash) : null,
    bodyHtml: c.bodyHtml,
    status: c.status,
    moderationReason: c.moderationReason === null ? null : textFromStore(c.moderationReason),
    reports: reports ?? null,
    createdAt: c.createdAt,
  };
}

export async function loadQueue(ctx: Pick<Deps, 'db' | 'config'>, q: QueueQuery): Promise<QueuePageData> {
  const commenter = q.commenter?.trim() || undefined;
  // "#12" names account 12 (the badge moderators see); anything else is part of a display name.
  const named = commenter && /^#\d{1,10}$/.test(commenter) ? Number(commenter.slice(1)) : undefined;
  // Beyond 32 bits no account has that number: -1 matches nothing, and PostgreSQL's integer never overflows.
  const account = named === undefined ? undefined : isRowId(named) ? named : -1;
  const filter: QueueFilter = {
    status: q.status,
    articleId: q.articleId,
    commenter: account === undefined ? commenter : undefined,
    accountId: account,
    commentId: q.commentId,
    beforeId: q.before,
    limit: QUEUE_PAGE + 1,
  };
  let sameAsName: string | null = null;
  if (q.sameAs !== undefined) {
    const [ref] = await findModeratedComments(ctx.db.kysely, [q.sameAs]);
    filter.sameAs = { userId: ref?.authorUserId ?? null, email: ref?.authorEmail ?? null };
    sameAsName = ref?.authorName ?? null;
  }
  const [rows, articles] = await Promise.all([
    listQueue(ctx.db.kysely, ctx.db.dialect, filter),
    listQueueArticles(ctx.db.kysely, q.status),
  ]);
  const shown = rows.slice(0, QUEUE_PAGE);
  const reports = await summarizeReports(
    ctx.db.kysely,
    shown.map((r) => r.id),
  );
  return {
    items: shown.map((c) => toQueueItem(c, ctx.config.secretKey, reports.get(c.id))),
    nextBefore: rows.length > QUEUE_PAGE ? shown[shown.length - 1]!.id : null,
    articles,
    sameAsName,
  };
}

/** The "ban this commenter" page: the comment, and what to ban by default (the account, else the e-mail). */
export async function loadBanCommenterPage(
  ctx: Pick<Deps, 'db' | 'config'>,
  id: number,
): Promise<{ item: QueueItem; values: BanCommenterDefaults }> {
  const item = await loadQueueItem(ctx, id);
  if (!item) throw new AppError('COMMENT_NOT_FOUND', msg('moderation.error_comment_not_found'));
  const values = {
    account: item.accountId !== null,
    email: item.accountId === null,
    ip: false,
    days: 7 as const,
    reason: '',
    spamPending: false,
  };
  return { item, values };
}

/** The ban form's first values. */
export interface BanCommenterDefaults {
  account: boolean;
  email: boolean;
  ip: boolean;
  days: 7;
  reason: string;
  spamPending: boolean;
}

/** One comment for the "ban this commenter" page. */
export async function loadQueueItem(ctx: Pick<Deps, 'db' | 'config'>, id: number): Promise<QueueItem | undefined> {
  const [c] = await findModeratedComments(ctx.db.kysely, [id]);
  if (!c) return undefined;
  const reports = await summarizeReports(ctx.db.kysely, [id]);
  return toQueueItem(c, ctx.config.secretKey, reports.get(id));
}
