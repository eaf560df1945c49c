/**
 * What the Admin API does, as the features' own verbs: articles through the articles feature's service
 * (the editor's validation, slugs, audit, hooks), moderation and bans through the comments feature's
 * services, gifts through the funding feature's. This file only translates JSON to their inputs and their
 * results to JSON; every rule stays where it is.
 */
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { english } from '../../platform/i18n.js';
import { formatMajorPlain } from '../../lib/money.js';
import type { Viewer } from '../../platform/roles.js';
import { readSiteIdentity } from '../../platform/site-identity.js';
import {
  findEditableArticle,
  findSectionIdBySlug,
  formValuesOf,
  listSections,
  loadArticleList,
  saveArticle,
  saveCommandOf,
  type ArticleForm,
  type EditableArticle,
  type SavedArticle,
} from '../articles/index.js';
import { loadQueue, moderateComments, type ModerationAction, type QueueStatus } from '../comments/index.js';
import { addOfflineGiftOnce, type Donation } from '../funding/index.js';
import type { Static } from 'typebox';
import type {
  AdminArticleJson,
  AdminArticleListJson,
  ArticleChanges,
  CreateArticleBody,
  GiftBody,
  GiftJson,
  QueueJson,
} from './admin-api.schemas.js';

type Ctx = Deps;

const articleNotFound = () => new AppError('ARTICLE_NOT_FOUND', msg('api.article_not_found'));

/** One page of articles in every status, as the editor's list shows them to the token's issuer. */
export async function listAdminArticles(
  ctx: Ctx,
  actor: Viewer,
  q: { status?: 'draft' | 'scheduled' | 'published'; q?: string; cursor?: string },
): Promise<Static<typeof AdminArticleListJson>> {
  const list = await loadArticleList(ctx, actor, { status: q.status, q: q.q, after: q.cursor });
  return {
    items: list.items.map((a) => ({
      id: a.id,
      slug: a.slug,
      headline: a.headline,
      status: a.status,
      section: a.section?.slug ?? null,
      bylines: a.bylines.map((b) => ({ id: b.id, name: b.name })),
      publish_at: a.publishAt,
      published_at: a.publishedAt,
      updated_at: a.updatedAt,
    })),
    next_cursor: list.nextQuery ? new URLSearchParams(list.nextQuery).get('after') : null,
  };
}

async function articleJson(ctx: Ctx, a: EditableArticle): Promise<Static<typeof AdminArticleJson>> {
  const sections = await listSections(ctx.db.kysely);
  return {
    id: a.id,
    slug: a.slug,
    url: `${ctx.config.siteUrl}/articles/${encodeURIComponent(a.slug)}`,
    headline: a.headline,
    excerpt: a.excerpt,
    dateline: a.dateline,
    body_md: a.bodyMd,
    status: a.status,
    section: sections.find((s) => s.id === a.sectionId)?.slug ?? null,
    tags: a.tagNames,
    byline_ids: a.bylineIds,
    lead_image_id: a.leadImageId,
    publish_at: a.publishAt,
    published_at: a.publishedAt,
    updated_at: a.updatedAt,
    revision: a.revision,
  };
}

/** One article in any status (drafts included), with its Markdown. */
export async function readAdminArticle(ctx: Ctx, id: number): Promise<Static<typeof AdminArticleJson>> {
  const a = await findEditableArticle(ctx.db.kysely, id);
  if (!a) throw articleNotFound();
  return articleJson(ctx, a);
}

/** The edit form's values with the request's changes laid over them. */
async function formOf(ctx: Ctx, base: ArticleForm, c: ArticleChanges): Promise<ArticleForm> {
  const form: ArticleForm = { ...base };
  if (c.headline !== undefined) form.headline = c.headline;
  if (c.slug !== undefined) form.slug = c.slug;
  if (c.excerpt !== undefined) form.excerpt = c.excerpt;
  if (c.dateline !== undefined) form.dateline = c.dateline ?? '';
  if (c.body_md !== undefined) form.body = c.body_md;
  if (c.tags !== undefined) form.tags = c.tags.join(', ');
  if (c.byline_ids !== undefined) form.bylines = c.byline_ids.map(String);
  if (c.lead_image_id !== undefined) form.lead_image = c.lead_image_id === null ? '' : String(c.lead_image_id);
  if (c.section !== undefined) {
    const id = c.section === null ? null : await findSectionIdBySlug(ctx.db.kysely, c.section);
    if (c.section !== null && id == null)
      throw new AppError('ARTICLE_INVALID', msg('api.article_invalid'), {
        fields: { section: msg('api.section_unknown', { slug: c.section }) },
      });
    form.section = id === null ? '' : String(id);
  }
  return form;
}

/** Creates a draft, as the editor's "Save" does. */
export async function createAdminArticle(
  ctx: Ctx,
  actor: Viewer,
  body: Static<typeof CreateArticleBody>,
): Promise<Static<typeof AdminArticleJson>> {
  const form = await formOf(ctx, { bylines: [String(actor.id)] }, body);
  const { timeZone } = await readSiteIdentity(ctx);
  const saved = await saveArticle(ctx, actor, saveCommandOf(form, undefined, timeZone));
  return readSaved(ctx, saved);
}

/** Changes the fields sent (the others keep their value), as the editor's "Save" does. */
export async function updateAdminArticle(
  ctx: Ctx,
  actor: Viewer,
  id: number,
  body: ArticleChanges & { revision: number },
): Promise<Static<typeof AdminArticleJson>> {
  const existing = await findEditableArticle(ctx.db.kysely, id);
  if (!existing) throw articleNotFound();
  // The form's schedule is in the site's time zone, both ways (src/lib/time-zone.ts).
  const { timeZone } = await readSiteIdentity(ctx);
  const form = await formOf(ctx, { ...formValuesOf(existing, timeZone), revision: String(body.revision) }, body);
  const saved = await saveArticle(ctx, actor, saveCommandOf(form, id, timeZone));
  return readSaved(ctx, saved);
}

const readSaved = (ctx: Ctx, saved: SavedArticle) => readAdminArticle(ctx, saved.id);

/** The moderation queue, with fingerprints for authors (never an address). */
export async function loadAdminQueue(
  ctx: Ctx,
  q: { status?: QueueStatus; article_id?: number; before?: number },
): Promise<Static<typeof QueueJson>> {
  const page = await loadQueue(ctx, { status: q.status ?? 'pending', articleId: q.article_id, before: q.before });
  return {
    items: page.items.map((c) => ({
      id: c.id,
      article_id: c.articleId,
      article_headline: c.articleHeadline,
      article_path: c.articlePath,
      author_name: c.authorName,
      account_id: c.accountId,
      email_fingerprint: c.emailFingerprint,
      ip_fingerprint: c.ipFingerprint,
      body_html: c.bodyHtml,
      status: c.status,
      moderation_reason: c.moderationReason === null ? null : english(c.moderationReason),
      report_count: c.reports?.total ?? 0,
      created_at: c.createdAt,
    })),
    next_before: page.nextBefore,
  };
}

/** One moderation action on one comment. */
export async function moderateOne(
  ctx: Ctx,
  actor: Viewer,
  id: number,
  action: ModerationAction,
): Promise<{ id: number; status: 'pending' | 'approved' | 'spam' | 'trash'; changed: boolean }> {
  const result = await moderateComments(ctx, { actorId: actor.id, action, ids: [id], now: ctx.clock.now() });
  const change = result.changed[0];
  if (change) return { id, status: change.to, changed: true };
  const [item] = (await loadQueue(ctx, { status: 'all', commentId: id })).items;
  if (!item) throw new AppError('COMMENT_NOT_FOUND', msg('api.comment_not_found'));
  return { id, status: item.status, changed: false };
}

/** Records an offline gift once per idempotency key (amounts in minor units). */
export async function recordGift(
  ctx: Ctx,
  actor: Viewer,
  body: Static<typeof GiftBody>,
  idempotencyKey: string,
): Promise<Static<typeof GiftJson>> {
  const { gift, replayed } = await addOfflineGiftOnce(
    ctx,
    {
      date: body.date,
      // The funding feature parses the major amount back exactly (1250 USD → "12.50" → 1250).
      amount: formatMajorPlain(body.amount_minor, body.currency),
      currency: body.currency,
      method: body.method,
      note: body.note,
      publicName: body.public_name,
      publicMessage: body.public_message,
      wallConsent: body.wall_consent ? 'yes' : '',
    },
    actor.id,
    // Keys are the client's: one client's key never collides with another issuer's.
    `api:${actor.id}:${idempotencyKey}`,
  );
  return giftJson(gift, replayed);
}

const giftJson = (d: Donation, replayed: boolean): Static<typeof GiftJson> => ({
  id: d.id,
  month: d.month,
  donated_at: d.donatedAt,
  amount_minor: d.amountMinor,
  currency: d.currency,
  method: d.method,
  replayed,
});
