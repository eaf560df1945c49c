/**
 * The editorial side of the article row: what the admin pages read and the row the editor writes (its
 * fields, status and corrections). Slugs, bylines, tags and placed images are in article.links.repo.ts;
 * reader pages read through article.repo.ts. Every function takes the transaction of the service that
 * calls it.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { likeOperator, type DialectName } from '../../db/dialect.js';
import type { ArticleStatus } from './article.table.js';
import { bylinesOf } from './article.links.repo.js';
import { deriveCardImage } from './article.card-image.repo.js';
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
  /** A page (About, Contact …) is edited at /admin/pages, not in the article editor. */
  kind: 'article' | 'page';
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
    kind: row.kind,
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
    ])
    // Pages (About, Contact …) have their own list, /admin/pages.
    .where('articles.kind', '=', 'article');
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

/** Counts per status, for the filter tabs; `unpublishedOf` as in listAdminArticles. */
export async function countArticlesByStatus(db: DB, unpublishedOf?: number): Promise<Record<ArticleStatus, number>> {
  let q = db
    .selectFrom('articles')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'article');
  if (unpublishedOf !== undefined) q = q.where((eb) => publishedOrBylined(eb, unpublishedOf));
  const rows = await q.groupBy('status').execute();
  const out: Record<ArticleStatus, number> = { draft: 0, scheduled: 0, published: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
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
      card_image_id: await deriveCardImage(db, f.leadImageId, f.bodyHtml),
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
      card_image_id: await deriveCardImage(db, f.leadImageId, f.bodyHtml),
      updated_at: now,
      revision: sql<number>`revision + 1`,
    })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
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
