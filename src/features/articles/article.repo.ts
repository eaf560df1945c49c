import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { findImagesByIds } from '../images/index.js';
import { slugPath } from '../../lib/slug.js';
import type { ArticleRow } from './article.table.js';
import type { Article, ArticleSummary, Byline, Section, Tag } from './article.types.js';

type DB = Kysely<Database>;

export const SUMMARY_COLUMNS = [
  'id',
  'slug',
  'headline',
  'excerpt',
  'published_at',
  'section_id',
  'lead_image_id',
  'card_image_id',
  'comment_count',
] as const;
export type SummaryRow = Pick<ArticleRow, (typeof SUMMARY_COLUMNS)[number]>;

export async function listSections(db: DB): Promise<Section[]> {
  return db.selectFrom('sections').select(['id', 'slug', 'name']).orderBy('position').orderBy('name').execute();
}

export async function findSectionBySlug(db: DB, slug: string): Promise<Section | undefined> {
  return db.selectFrom('sections').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/** Latest published articles, newest first; `before` is the published_at cursor of the previous page. */
export async function listPublishedArticles(
  db: DB,
  opts: { limit: number; sectionId?: number; before?: string },
): Promise<ArticleSummary[]> {
  let q = db
    .selectFrom('articles')
    .select(SUMMARY_COLUMNS)
    .where('status', '=', 'published')
    .where('kind', '=', 'article');
  if (opts.sectionId !== undefined) q = q.where('section_id', '=', opts.sectionId);
  if (opts.before) q = q.where('published_at', '<', opts.before);
  const rows = await q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return hydrateSummaries(db, rows);
}

/** A published article (or, with kind 'page', a published page) by its current slug. */
export async function findPublishedArticleBySlug(
  db: DB,
  slug: string,
  kind: 'article' | 'page' = 'article',
): Promise<Article | undefined> {
  const row = await db
    .selectFrom('articles')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? hydrateArticle(db, row) : undefined;
}

export async function findArticleById(db: DB, id: number): Promise<Article | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? hydrateArticle(db, row) : undefined;
}

/**
 * Where a slug that is not a published item of the asked kind now lives: the current address of the article or
 * page a former slug points to, or the other kind's address (a page asked for at /articles/…, as imported
 * WordPress pages were served before pages had their own address). Drafts are never revealed.
 */
export async function findSlugRedirect(db: DB, slug: string): Promise<string | undefined> {
  const former = await db
    .selectFrom('article_slugs')
    .innerJoin('articles', 'articles.id', 'article_slugs.article_id')
    .select(['articles.slug', 'articles.kind'])
    .where('article_slugs.slug', '=', slug)
    .executeTakeFirst();
  if (former) return publicPathOf(former.kind, former.slug);
  const current = await db
    .selectFrom('articles')
    .select(['slug', 'kind'])
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return current ? publicPathOf(current.kind, current.slug) : undefined;
}

/** The public address of an article (/articles/<slug>) or a page (/pages/<slug>). */
export const publicPathOf = (kind: 'article' | 'page', slug: string): string =>
  slugPath(kind === 'page' ? 'pages' : 'articles', slug);

async function hydrateArticle(db: DB, row: ArticleRow): Promise<Article> {
  const [summary] = await hydrateSummaries(db, [row]);
  const [tags, corrections] = await Promise.all([
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', '=', row.id)
      .orderBy('tags.name')
      .execute(),
    db
      .selectFrom('corrections')
      .select(['id', 'body', 'created_at'])
      .where('article_id', '=', row.id)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    ...summary!,
    bodyHtml: row.body_html,
    bodyMd: row.body_md,
    dateline: row.dateline,
    status: row.status,
    publishAt: row.publish_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    tags: tags as Tag[],
    corrections: corrections.map((c) => ({ id: c.id, body: c.body, createdAt: c.created_at })),
    commentsOpen: row.comments_open === 1,
    commentsVersion: row.comments_version,
  };
}

/**
 * Adds sections, bylines, lead images and card images to article rows with three queries run together,
 * however many rows. The card image is the stored card_image_id (derived when the article is written), so
 * no body is read here.
 */
export async function hydrateSummaries(db: DB, rows: SummaryRow[]): Promise<ArticleSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sectionIds = [...new Set(rows.map((r) => r.section_id).filter((x): x is number => x !== null))];
  const imageIds = [
    ...new Set(rows.flatMap((r) => [r.lead_image_id, r.card_image_id]).filter((x): x is number => x !== null)),
  ];
  const [sections, authors, images] = await Promise.all([
    sectionIds.length
      ? db.selectFrom('sections').select(['id', 'slug', 'name']).where('id', 'in', sectionIds).execute()
      : [],
    db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['article_authors.article_id', 'users.id', 'users.display_name', 'users.slug'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.position')
      .execute(),
    findImagesByIds(db, imageIds),
  ]);
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const bylines = new Map<number, Byline[]>();
  for (const a of authors) {
    const list = bylines.get(a.article_id) ?? [];
    list.push({ id: a.id, name: a.display_name, slug: a.slug });
    bylines.set(a.article_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    excerpt: r.excerpt,
    publishedAt: r.published_at,
    section: r.section_id !== null ? (sectionById.get(r.section_id) ?? null) : null,
    bylines: bylines.get(r.id) ?? [],
    leadImage: r.lead_image_id !== null ? (images.get(r.lead_image_id) ?? null) : null,
    cardImage: r.card_image_id !== null ? (images.get(r.card_image_id) ?? null) : null,
    commentCount: r.comment_count,
  }));
}
