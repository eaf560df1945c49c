/**
 * Telling subscribers about new comments.
 *
 * 1. When a comment becomes approved (stored approved, or approved by a moderator), the discussion calls
 *    `onCommentApproved` in that same transaction: the comment is queued for every confirmed subscriber
 *    who should hear of it. Held, spam and trashed comments are never queued.
 * 2. The digest job (`sendDueDigests`, every app process) sends each subscriber at most one mail per
 *    article per window: the first comment after a quiet spell goes out at the next run; what arrives
 *    during the following window waits and goes out together when it ends.
 *
 * Never mailed: the comment's own author (by address or account), unconfirmed or stopped subscriptions,
 * comments a moderator removed before the digest left, and an address past its daily notification cap
 * (its comments wait for the next window instead).
 */
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';
import type { I18n } from '../../platform/i18n.js';
import { mailLogo } from '../../platform/brand-urls.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { hmac } from '../../lib/crypto.js';
import { takeQuota } from '../../platform/mail-quota.repo.js';
import { enqueueMail } from '../../platform/outbox.repo.js';
import { getSetting, putSetting } from '../../platform/settings.repo.js';
import { manageUrl, unsubscribeUrl } from './subscription-links.js';
import { digestMail, excerptOf, type DigestItem } from './subscription-mail.js';
import {
  claimDigest,
  deleteQueued,
  findCommentAuthor,
  listDueDigests,
  listQueuedComments,
  queueApprovedComment,
  restoreLastNotified,
  type DigestTarget,
  type QueuedComment,
} from './notify.repo.js';
import type { SiteConfig } from './subscription.service.js';

type DB = Kysely<Database>;

export interface ApprovedComment {
  commentId: number;
  articleId: number;
  parentId: number | null;
  /** The comment author's address (any case), or null for none. */
  authorEmail: string | null;
  authorUserId: number | null;
}

/**
 * Queues a newly approved comment for its article's subscribers. Call in the transaction that stores the
 * comment as approved or approves it, for its first approval (the comments feature announces each comment
 * once: comments/comment-approval.ts). Returns how many
 * subscriptions it was queued for.
 */
export async function onCommentApproved(trx: DB, c: ApprovedComment, now: Date): Promise<number> {
  const parentAuthor = c.parentId !== null ? ((await findCommentAuthor(trx, c.parentId)) ?? null) : null;
  return queueApprovedComment(trx, {
    commentId: c.commentId,
    articleId: c.articleId,
    parentAuthor,
    now: now.toISOString(),
    author: { email: c.authorEmail?.trim().toLowerCase() || null, userId: c.authorUserId },
  });
}

/** Run-time settings of notifications (settings key `notifications`, changed on /admin/mail). */
export interface NotificationSettings {
  /** At most one digest per subscriber per article in this many minutes. */
  digestWindowMinutes: number;
}

export const NOTIFICATION_DEFAULTS: NotificationSettings = { digestWindowMinutes: 15 };
export const DIGEST_WINDOW_BOUNDS = { min: 1, max: 24 * 60 } as const;

export async function getNotificationSettings(db: DB): Promise<NotificationSettings> {
  const s = await getSetting(db, 'notifications', NOTIFICATION_DEFAULTS);
  const w = Number(s.digestWindowMinutes);
  return {
    digestWindowMinutes:
      Number.isInteger(w) && w >= DIGEST_WINDOW_BOUNDS.min && w <= DIGEST_WINDOW_BOUNDS.max
        ? w
        : NOTIFICATION_DEFAULTS.digestWindowMinutes,
  };
}

export async function putNotificationSettings(trx: DB, s: NotificationSettings, now: Date): Promise<void> {
  await putSetting(trx, 'notifications', s, now);
}

/** Notification mails to one address per day, all articles together; beyond it, comments wait for the next window. */
export const NOTIFICATIONS_PER_ADDRESS_PER_DAY = 48;
/** Comments listed in one digest; the rest are counted and linked. */
export const DIGEST_MAX_ITEMS = 20;
const DIGESTS_PER_RUN = 200;

const isOwn = (c: QueuedComment, t: DigestTarget) =>
  (c.authorEmail !== null && c.authorEmail === t.email) || (c.authorUserId !== null && c.authorUserId === t.userId);
const answersSubscriber = (c: QueuedComment, t: DigestTarget) =>
  (c.parentAuthorEmail !== null && c.parentAuthorEmail === t.email) ||
  (c.parentAuthorUserId !== null && c.parentAuthorUserId === t.userId);

/** Sends every digest that is due; returns how many mails were queued. Safe to run in several processes at once. */
export async function sendDueDigests(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'bus' | 'caches'>,
): Promise<number> {
  const now = deps.clock.now();
  // The name as the publisher set it (/admin/site), read once, outside the digests' transactions.
  // …and its language and time zone, which the digests are written and their times shown in.
  const identity = await readSiteIdentity(deps);
  const site = {
    ...deps.config,
    siteName: identity.name,
    siteTimeZone: identity.timeZone,
    siteLogo: mailLogo(identity.logo),
    i18n: siteI18n(identity),
  };
  const { digestWindowMinutes } = await getNotificationSettings(deps.db.kysely);
  const cutoff = new Date(now.getTime() - digestWindowMinutes * 60_000).toISOString();
  const due = await listDueDigests(deps.db.kysely, cutoff, DIGESTS_PER_RUN);
  let sent = 0;
  for (const subscriptionId of due) {
    const mailed = await deps.db.kysely
      .transaction()
      .execute((trx) => sendDigest(trx, site, subscriptionId, now, cutoff));
    if (mailed) sent++;
  }
  if (sent > 0) deps.log.info({ digests: sent }, 'comment digests queued');
  return sent;
}

/** One subscriber's digest, in one transaction: claim, read and clear the queue, queue the mail. */
async function sendDigest(
  trx: DB,
  site: SiteConfig & { i18n: I18n },
  subscriptionId: number,
  now: Date,
  cutoff: string,
): Promise<boolean> {
  const target = await claimDigest(trx, subscriptionId, now.toISOString(), cutoff);
  if (!target) return false;
  const queued = await listQueuedComments(trx, subscriptionId);
  const wanted = queued.filter(
    (c) => c.approved && !isOwn(c, target) && (target.kind === 'all' || answersSubscriber(c, target)),
  );
  if (wanted.length === 0) {
    await deleteQueued(
      trx,
      queued.map((c) => c.queueId),
    );
    await restoreLastNotified(trx, subscriptionId, target.previousNotifiedAt);
    return false;
  }
  // Over the cap, keep the queue: the claim stands, so these comments go out with the next window's digest.
  if (
    !(await takeQuota(
      trx,
      {
        key: `notify-addr:${hmac(site.secretKey, target.email)}`,
        limit: NOTIFICATIONS_PER_ADDRESS_PER_DAY,
        windowMs: 86400_000,
      },
      now,
    ))
  )
    return false;
  await deleteQueued(
    trx,
    queued.map((c) => c.queueId),
  );
  const articleUrl = `${site.siteUrl}/articles/${target.slug}`;
  const items: DigestItem[] = wanted.slice(0, DIGEST_MAX_ITEMS).map((c) => ({
    authorName: c.authorName,
    excerpt: excerptOf(c.bodyHtml),
    url: `${articleUrl}#comment-${c.commentId}`,
    createdAt: c.createdAt,
    repliesToYou: answersSubscriber(c, target),
  }));
  let host = 'localhost';
  try {
    host = new URL(site.siteUrl).hostname || host;
  } catch {
    /* keep localhost */
  }
  await enqueueMail(
    trx,
    digestMail({
      site,
      to: target.email,
      headline: target.headline,
      articleUrl,
      kind: target.kind,
      items,
      more: wanted.length - items.length,
      unsubscribeUrl: unsubscribeUrl(site, subscriptionId),
      manageUrl: manageUrl(site, subscriptionId, now),
      listId: `article-${target.articleId}.comments.${host}`,
    }),
    now,
  );
  return true;
}
