/**
 * The reactions that must happen in the same transaction as the change that causes them, wired once at
 * composition: the feature that changes something declares a hook (e.g. `comments.approved`), the feature
 * that reacts registers a handler here. Neither imports the other's internals, and each table is written
 * only by the feature that owns it. Reactions that may wait for the commit go on the event bus instead.
 */
import { loadSiteIdentity } from './platform/site-identity.js';
import { mailLogo } from './platform/brand-urls.js';
import type { Config } from './config.js';
import { createAccountHooks, type AccountHooks } from './features/accounts/index.js';
import { createArticleHooks, findEditableArticle, type ArticleHooks } from './features/articles/index.js';
import {
  articleReadingParts,
  createCommentHooks,
  forgetCommentAuthor,
  reanchorArticle,
  refreshSupporterDiscussions,
  type CommentHooks,
} from './features/comments/index.js';
import { createFundingHooks, optOutSupporter, type FundingHooks } from './features/funding/index.js';
import { deleteSubscriptionsOf, onCommentApproved, requestSubscription } from './features/subscriptions/index.js';
import { enqueueWebhookEvent } from './features/webhooks/index.js';
import type { Trx } from './platform/hooks.js';

export interface Hooks {
  accounts: AccountHooks;
  articles: ArticleHooks;
  comments: CommentHooks;
  funding: FundingHooks;
}

export function createHooks(config: Pick<Config, 'siteUrl' | 'siteName' | 'secretKey'>): Hooks {
  const hooks: Hooks = {
    accounts: createAccountHooks(),
    articles: createArticleHooks(),
    comments: createCommentHooks(),
    funding: createFundingHooks(),
  };

  // A reader deleted their account: their comments stay as "Former reader" (or the unanswered ones go),
  // their subscriptions and Supporter opt-in go with it.
  hooks.accounts.forgotten.on(async (trx, e) => ({
    articleIds: await forgetCommentAuthor(trx, e.userId, {
      removeUnanswered: e.removeComments,
      now: e.now.toISOString(),
    }),
  }));
  hooks.accounts.forgotten.on(async (trx, e) => {
    await deleteSubscriptionsOf(trx, e);
    return {};
  });
  hooks.accounts.forgotten.on(async (trx, e) => {
    await optOutSupporter(trx, e.email);
    return {};
  });

  // The discussion under every article, and the editor's warning about passages that are gone.
  hooks.articles.reading.provide(articleReadingParts);

  // An article's new text: readers' passage anchors follow it (inline feedback).
  hooks.articles.bodyChanged.on(async (trx, e) => {
    await reanchorArticle(trx, e.articleId, e.bodyHtml);
  });

  // "Notify of": subscribers hear of a comment once it is approved; a request is queued with its comment.
  hooks.comments.approved.on(async (trx, e) => {
    await onCommentApproved(trx, e, e.now);
  });
  hooks.comments.notifyRequested.on(async (trx, e) => {
    // The confirmation names the site as the publisher set it (/admin/site): one primary-key read, in the
    // transaction, only when a reader asks to be notified.
    const site = await loadSiteIdentity(trx, config);
    await requestSubscription(trx, e, { ...config, siteName: site.name, siteLogo: mailLogo(site.logo) }, e.now);
  });
  // A reader's Supporter badge may have changed: the discussions they commented on are re-rendered.
  hooks.funding.badgeChanged.on(async (trx, e) => {
    await refreshSupporterDiscussions(trx, e.email);
  });
  registerWebhookEvents(hooks);
  return hooks;
}

/**
 * Outgoing webhooks: each event is queued for the publisher's endpoints in the transaction of the change.
 * The payloads carry ids and public facts only (no e-mail address: they leave the site).
 */
function registerWebhookEvents(hooks: Hooks): void {
  const article = async (
    trx: Trx,
    type: 'article.published' | 'article.updated',
    e: { articleId: number; now: Date },
  ) => {
    const a = await findEditableArticle(trx, e.articleId);
    if (!a) return;
    const data = {
      id: a.id,
      slug: a.slug,
      headline: a.headline,
      excerpt: a.excerpt,
      status: a.status,
      publishedAt: a.publishedAt,
      updatedAt: a.updatedAt,
    };
    await enqueueWebhookEvent(trx, { type, data, now: e.now });
  };
  hooks.articles.published.on((trx, e) => article(trx, 'article.published', e));
  hooks.articles.updated.on((trx, e) => article(trx, 'article.updated', e));
  hooks.comments.approved.on(async (trx, e) => {
    const data = { id: e.commentId, articleId: e.articleId, parentId: e.parentId };
    await enqueueWebhookEvent(trx, { type: 'comment.approved', data, now: e.now });
  });
  hooks.funding.donationReceived.on(async (trx, e) => {
    const { now, donationId, ...rest } = e;
    await enqueueWebhookEvent(trx, { type: 'donation.received', data: { id: donationId, ...rest }, now });
  });
  hooks.funding.goalReached.on(async (trx, e) => {
    const { now, ...data } = e;
    await enqueueWebhookEvent(trx, { type: 'campaign.goal_reached', data, now });
  });
}
