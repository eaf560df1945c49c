/**
 * The editorial side of articles: what the admin pages read and everything the editor writes. Reader
 * pages read through article.repo.ts. Every function takes the transaction of the service that calls it.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { likeOperator, type DialectName } from '../../db/dialect.js';
import { slugify } from '../../lib/slug.js';
import type { ArticleStatus } from './article.table.js';
import type { Byline, Section } from './article.types.js';

type DB = Kysely<Database>;

/** An article as the edit form needs it: ids rather than hydrated objects. */
export interface EditableArticle {
  id: number;
  slug: string;
  headline: string;
  excerpt: string;
  bodyMd: string;
  dateline: string | null;
  sectionId: number | null;
  leadImageId: number | null;
  status: ArticleStatus;
  publishAt: string | null;
  /** First publication; null for an article never published. */
  publishedAt: string | null;
  updatedAt: string;
  /** Compared on save to catch concurrent edits. */
  revision: number;
  /** Byline account ids in byline order: these authors own the article. */
  bylineIds: number[];
  tagNames: string[];
  corrections: Array<{ id: number; body: string; createdAt: string }>;
  commentCount: number;
}

/** One row of the admin list. */
export interface AdminArticleItem {
  id: number;
  slug: string;
  headline: string;
  status: ArticleStatus;
  publishAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
  section: Section | null;
  bylines: Byline[];
}

/** The columns the editor writes. */
export interface ArticleFields {
  slug: string;
  headline: string;
  excerpt: string;
  bodyMd: string;
  bodyHtml: string;
  dateline: string | null;
  sectionId: number | null;
  leadImageId: number | null;
}

export async function findEditableArticle(db: DB, id: number): Promise<EditableArticle | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [authors, tags, corrections] = await Promise.all([
    db.selectFrom('article_authors').select('user_id').where('article_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.name')
      .where('article_tags.article_id', '=', id)
      .orderBy('tags.name')
      .execute(),
    db
      .selectFrom('corrections')
      .select(['id', 'body', 'created_at'])
      .where('article_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    excerpt: row.excerpt,
    bodyMd: row.body_md,
    dateline: row.dateline,
    sectionId: row.section_id,
    leadImageId: row.lead_image_id,
    status: row.status,
    publishAt: row.publish_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    bylineIds: authors.map((a) => a.user_id),
    tagNames: tags.map((t) => t.name),
    corrections: corrections.map((c) => ({ id: c.id, body: c.body, createdAt: c.created_at })),
    commentCount: row.comment_count,
  };
}

export interface AdminListQuery {
  status?: ArticleStatus;
  /** Only articles carrying this account's byline. */
  bylineUserId?: number;
  /** Unpublished articles only if they carry this account's byline (an author's view); published ones all. */
  unpublishedOf?: number;
  /** Words of the headline. */
  q?: string;
  /** Keyset cursor: the updatedAt and id of the last row of the previous page. */
  after?: { updatedAt: string; id: number };
  limit: number;
}

/** Most recently changed first; reads one page whatever the number of articles. */
export async function listAdminArticles(
  db: DB,
  dialect: DialectName,
  query: AdminListQuery,
): Promise<AdminArticleItem[]> {
  let q = db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.status',
      'articles.publish_at',
      'articles.published_at',
      'articles.updated_at',
      'sections.id as section_id',
      'sections.slug as section_slug',
      'sections.name as section_name',
    ]);
  if (query.status) q = q.where('articles.status', '=', query.status);
  const { bylineUserId, unpublishedOf } = query;
  if (bylineUserId !== undefined) q = q.where((eb) => hasByline(eb, bylineUserId));
  if (unpublishedOf !== undefined) q = q.where((eb) => publishedOrBylined(eb, unpublishedOf));
  // A typed % or \ must not act as a wildcard or escape: it matches as "any one character" instead.
  if (query.q) q = q.where('articles.headline', likeOperator(dialect), `%${query.q.replace(/[\\%]/g, '_')}%`);
  if (query.after) {
    const { updatedAt, id } = query.after;
    q = q.where((eb) =>
      eb.or([
        eb('articles.updated_at', '<', updatedAt),
        eb.and([eb('articles.updated_at', '=', updatedAt), eb('articles.id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(query.limit)
    .execute();
  const bylines = await bylinesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    status: r.status,
    publishAt: r.publish_at,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    section: r.section_id !== null ? { id: r.section_id, slug: r.section_slug!, name: r.section_name! } : null,
    bylines: bylines.get(r.id) ?? [],
  }));
}

/** The article of the surrounding query carries this account's byline. */
const hasByline = (eb: ExpressionBuilder<Database, 'articles'>, userId: number) =>
  eb.exists(
    eb
      .selectFrom('article_authors')
      .select('article_authors.user_id')
      .whereRef('article_authors.article_id', '=', 'articles.id')
      .where('article_authors.user_id', '=', userId),
  );
const publishedOrBylined = (eb: ExpressionBuilder<Database, 'articles'>, userId: number) =>
  eb.or([eb('articles.status', '=', 'published'), hasByline(eb, userId)]);

export async function bylinesOf(db: DB, articleIds: number[]): Promise<Map<number, Byline[]>> {
  const out = new Map<number, Byline[]>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .selectFrom('article_authors')
    .innerJoin('users', 'users.id', 'article_authors.user_id')
    .select(['article_authors.article_id', 'users.id', 'users.display_name', 'users.slug'])
    .where('article_authors.article_id', 'in', articleIds)
    .orderBy('article_authors.position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.article_id) ?? [];
    list.push({ id: r.id, name: r.display_name, slug: r.slug });
    out.set(r.article_id, list);
  }
  return out;
}

/** Byline names for account ids, in the given order (the order chosen on the form). */
export async function findBylinesByIds(db: DB, ids: number[]): Promise<Byline[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'slug']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.display_name, slug: r.slug }]));
  return ids.map((i) => byId.get(i)).filter((b): b is Byline => b !== undefined);
}

/** Counts per status, for the filter tabs; `unpublishedOf` as in listAdminArticles. */
export async function countArticlesByStatus(db: DB, unpublishedOf?: number): Promise<Record<ArticleStatus, number>> {
  let q = db.selectFrom('articles').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  if (unpublishedOf !== undefined) q = q.where((eb) => publishedOrBylined(eb, unpublishedOf));
  const rows = await q.groupBy('status').execute();
  const out: Record<ArticleStatus, number> = { draft: 0, scheduled: 0, published: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** A name the byline picker offers. */
export interface BylineCandidate extends Byline {
  /** No longer active staff who write (disabled or demoted): offered only because the article carries it. */
  former: boolean;
}

const WRITERS = ['author', 'editor', 'publisher'] as const;

/**
 * Accounts the byline picker offers: active staff who write, and the accounts in `keepIds` (the
 * article's current bylines) whatever they are now, so saving never drops a byline nobody unticked.
 */
export async function listBylineCandidates(db: DB, keepIds: number[] = []): Promise<BylineCandidate[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'slug', 'role', 'disabled_at'])
    .where((eb) => {
      const active = eb.and([eb('role', 'in', WRITERS), eb('disabled_at', 'is', null)]);
      return keepIds.length ? eb.or([active, eb('id', 'in', keepIds)]) : active;
    })
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.display_name,
    slug: r.slug,
    former: r.disabled_at !== null || !(WRITERS as readonly string[]).includes(r.role),
  }));
}

/** Which of these ids are active staff who may carry a byline. */
export async function existingBylineIds(db: DB, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where('role', 'in', WRITERS)
    .where('disabled_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Gives each of these accounts that has no author page one (`/author/<slug>` from the display name,
 * numbered until free), so every byline links to a page and JSON-LD names an author URL: a publisher
 * made by `create-publisher`, or a reader given a writing role, starts without one.
 */
export async function giveAuthorPages(db: DB, userIds: number[]): Promise<void> {
  if (userIds.length === 0) return;
  const missing = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', userIds)
    .where('slug', 'is', null)
    .execute();
  for (const u of missing) {
    const base = slugify(u.display_name, 60);
    let slug = base;
    for (let n = 2; await db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst(); n++)
      slug = `${base}-${n}`;
    await db.updateTable('users').set({ slug }).where('id', '=', u.id).where('slug', 'is', null).execute();
  }
}

export async function sectionExists(db: DB, id: number): Promise<boolean> {
  return (await db.selectFrom('sections').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Who holds a slug: an article as its current address, or as a former one that redirects. */
export async function findSlugHolder(
  db: DB,
  slug: string,
): Promise<{ articleId: number; headline: string; former: boolean } | undefined> {
  const current = await db
    .selectFrom('articles')
    .select(['id', 'headline'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (current) return { articleId: current.id, headline: current.headline, former: false };
  const old = await db
    .selectFrom('article_slugs')
    .innerJoin('articles', 'articles.id', 'article_slugs.article_id')
    .select(['articles.id', 'articles.headline'])
    .where('article_slugs.slug', '=', slug)
    .executeTakeFirst();
  return old ? { articleId: old.id, headline: old.headline, former: true } : undefined;
}

/** Which of these slugs an article holds, as its address or as a former one (one round trip per table). */
export async function findTakenSlugs(db: DB, slugs: string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const [current, former] = await Promise.all([
    db.selectFrom('articles').select('slug').where('slug', 'in', slugs).execute(),
    db.selectFrom('article_slugs').select('slug').where('slug', 'in', slugs).execute(),
  ]);
  return new Set([...current, ...former].map((r) => r.slug));
}

export async function insertArticle(db: DB, f: ArticleFields, now: string): Promise<number> {
  const { id } = await db
    .insertInto('articles')
    .values({
      slug: f.slug,
      headline: f.headline,
      excerpt: f.excerpt,
      body_md: f.bodyMd,
      body_html: f.bodyHtml,
      dateline: f.dateline,
      section_id: f.sectionId,
      lead_image_id: f.leadImageId,
      status: 'draft',
      publish_at: null,
      published_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Writes the editor's fields if the row is still at `revision`; returns false when someone saved in
 * between (the caller reports a conflict and the transaction rolls back).
 */
export async function updateArticleFields(
  db: DB,
  id: number,
  revision: number,
  f: ArticleFields,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('articles')
    .set({
      slug: f.slug,
      headline: f.headline,
      excerpt: f.excerpt,
      body_md: f.bodyMd,
      body_html: f.bodyHtml,
      dateline: f.dateline,
      section_id: f.sectionId,
      lead_image_id: f.leadImageId,
      updated_at: now,
      revision: sql<number>`revision + 1`,
    })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Keeps a published address alive: the old slug redirects (301) to the article. */
export async function rememberOldSlug(db: DB, articleId: number, slug: string): Promise<void> {
  await db
    .insertInto('article_slugs')
    .values({ slug, article_id: articleId })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

/** An article taking back one of its own former slugs must not redirect to itself. */
export async function forgetOldSlug(db: DB, articleId: number, slug: string): Promise<void> {
  await db.deleteFrom('article_slugs').where('slug', '=', slug).where('article_id', '=', articleId).execute();
}

export async function replaceBylines(db: DB, articleId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (userIds.length)
    await db
      .insertInto('article_authors')
      .values(userIds.map((user_id, position) => ({ article_id: articleId, user_id, position })))
      .execute();
}

/** The names of the tags that own these slugs, by slug. */
export async function findTagNamesBySlugs(db: DB, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('tags').select(['slug', 'name']).where('slug', 'in', slugs).execute();
  return new Map(rows.map((r) => [r.slug, r.name]));
}

/** Sets the article's tags by name, creating tags that do not exist yet (matched by slug). */
export async function replaceTags(
  db: DB,
  articleId: number,
  tags: Array<{ slug: string; name: string }>,
): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('tags')
    .values(tags)
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
  const ids = await db
    .selectFrom('tags')
    .select('id')
    .where(
      'slug',
      'in',
      tags.map((t) => t.slug),
    )
    .execute();
  await db
    .insertInto('article_tags')
    .values(ids.map((t) => ({ article_id: articleId, tag_id: t.id })))
    .execute();
}

/** article_images mirrors the library images placed in the body (the viewer's gallery, "where is it used"). */
export async function replaceArticleImages(db: DB, articleId: number, imageIds: number[]): Promise<void> {
  await db.deleteFrom('article_images').where('article_id', '=', articleId).execute();
  const unique = [...new Set(imageIds)];
  if (unique.length)
    await db
      .insertInto('article_images')
      .values(unique.map((image_id) => ({ article_id: articleId, image_id })))
      .execute();
}

/** Status transitions; each bumps the revision so an open edit form notices. */
export async function setArticleStatus(
  db: DB,
  id: number,
  change: { status: ArticleStatus; publishAt: string | null; publishedAt?: string },
  now: string,
): Promise<void> {
  await db
    .updateTable('articles')
    .set({
      status: change.status,
      publish_at: change.publishAt,
      updated_at: now,
      revision: sql<number>`revision + 1`,
      ...(change.publishedAt ? { published_at: sql<string>`coalesce(published_at, ${change.publishedAt})` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Scheduled articles whose time has come, oldest first. Candidates only: each is then claimed. */
export async function findDueScheduledIds(db: DB, now: string, limit: number): Promise<number[]> {
  // An empty body is never claimed (see claimScheduledArticle); leaving it out here keeps a pile of them
  // from filling every batch and holding back the articles behind them.
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .where('body_md', '<>', '')
    .orderBy('publish_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Publishes one due article if it is still scheduled. The conditional UPDATE is the claim: when several
 * processes race for the same row, the database lets exactly one of them change it (the others update
 * zero rows), so each article is published, audited and announced exactly once. The first publication
 * time is the scheduled time, not the moment a worker noticed it. An empty body is never published,
 * whatever wrote the row (the services refuse to schedule one): such an article stays scheduled.
 */
export async function claimScheduledArticle(db: DB, id: number, now: string): Promise<boolean> {
  const res = await db
    .updateTable('articles')
    .set({
      status: 'published',
      published_at: sql<string>`coalesce(published_at, publish_at)`,
      updated_at: now,
      revision: sql<number>`revision + 1`,
    })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .where('body_md', '<>', '')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertCorrection(
  db: DB,
  c: { articleId: number; body: string; createdBy: number; createdAt: string },
): Promise<number> {
  const { id } = await db
    .insertInto('corrections')
    .values({ article_id: c.articleId, body: c.body, created_by: c.createdBy, created_at: c.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('articles')
    .set({ updated_at: c.createdAt, revision: sql<number>`revision + 1` })
    .where('id', '=', c.articleId)
    .execute();
  return id;
}

export async function deleteArticleRow(db: DB, id: number): Promise<void> {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}
