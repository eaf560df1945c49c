import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { findImagesByIds } from '../images/index.js';
import type { ArticleRow } from './article.table.js';
import type { Article, ArticleSummary, Byline, Section, Tag } from './article.types.js';
import { imageIdsInBody } from './article.markdown.js';

type DB = Kysely<Database>;

export const SUMMARY_COLUMNS = [
  'id',
  'slug',
  'headline',
  'excerpt',
  'published_at',
  'section_id',
  'lead_image_id',
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

/** A published article by its current slug. */
export async function findPublishedArticleBySlug(db: DB, slug: string): Promise<Article | undefined> {
  const row = await db
    .selectFrom('articles')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row ? hydrateArticle(db, row) : undefined;
}

export async function findArticleById(db: DB, id: number): Promise<Article | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? hydrateArticle(db, row) : undefined;
}

/** The article a former slug now points to. */
export async function findSlugRedirect(db: DB, slug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('article_slugs')
    .innerJoin('articles', 'articles.id', 'article_slugs.article_id')
    .select('articles.slug')
    .where('article_slugs.slug', '=', slug)
    .executeTakeFirst();
  return row?.slug;
}

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
 * The first library image placed in the body of each article that has no lead image, for its card: one
 * query for the whole page (only articles that have a placed image send their body). Rows that already carry
 * their body (an article page) need no query.
 */
async function firstBodyImages(db: DB, rows: Array<SummaryRow & { body_html?: string }>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const bodies = new Map(rows.filter((r) => r.body_html !== undefined).map((r) => [r.id, r.body_html!]));
  const wanted = rows.filter((r) => r.lead_image_id === null && !bodies.has(r.id)).map((r) => r.id);
  if (wanted.length > 0) {
    const found = await db
      .selectFrom('articles')
      .select(['id', 'body_html'])
      .where('id', 'in', wanted)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('article_images').select('image_id').whereRef('article_images.article_id', '=', 'articles.id'),
        ),
      )
      .execute();
    for (const r of found) bodies.set(r.id, r.body_html);
  }
  for (const r of rows) {
    const first = r.lead_image_id === null ? imageIdsInBody(bodies.get(r.id) ?? '')[0] : undefined;
    if (first !== undefined) out.set(r.id, first);
  }
  return out;
}

/**
 * Adds sections, bylines, lead images and card images to article rows with four bounded queries, however
 * many rows: sections and bylines, the first body image of articles without a lead image, then the images.
 */
export async function hydrateSummaries(
  db: DB,
  rows: Array<SummaryRow & { body_html?: string }>,
): Promise<ArticleSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sectionIds = [...new Set(rows.map((r) => r.section_id).filter((x): x is number => x !== null))];
  const bodyImage = await firstBodyImages(db, rows);
  const imageIds = [
    ...new Set([...rows.map((r) => r.lead_image_id).filter((x): x is number => x !== null), ...bodyImage.values()]),
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
    cardImage: images.get(r.lead_image_id ?? bodyImage.get(r.id) ?? 0) ?? null,
    commentCount: r.comment_count,
  }));
}
