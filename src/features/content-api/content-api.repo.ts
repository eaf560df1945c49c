/**
 * Reads for the Content API. Like the listings' reads, every query filters `status = 'published'`, is
 * bounded by a LIMIT and seeks along an existing index: articles(status, published_at) or
 * articles(section_id, status, published_at) for the article list (tag and author filters through
 * article_tags(tag_id) and article_authors(user_id)), tags(slug) and users(slug) for the tag and author lists.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { SUMMARY_COLUMNS, type SummaryRow, type Tag } from '../articles/index.js';
import type { Cursor } from '../listings/index.js';

type DB = Kysely<Database>;

/** Which published articles the list holds; every filter given must match. */
export interface ArticleFilter {
  sectionId?: number;
  tagId?: number;
  userId?: number;
  /** ISO time: articles changed at or after it. */
  updatedSince?: string;
}

export type ApiArticleRow = SummaryRow & { updated_at: string };

/** Published articles newest first (published_at, then id), strictly older than `before`. */
export async function listPublishedArticleRows(
  db: DB,
  filter: ArticleFilter,
  before: Cursor | undefined,
  limit: number,
): Promise<ApiArticleRow[]> {
  let q = db
    .selectFrom('articles')
    .select([...SUMMARY_COLUMNS, 'updated_at'])
    .where('status', '=', 'published')
    .where('kind', '=', 'article')
    .where('published_at', 'is not', null);
  if (filter.sectionId !== undefined) q = q.where('section_id', '=', filter.sectionId);
  if (filter.tagId !== undefined)
    q = q.where('id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', filter.tagId));
  if (filter.userId !== undefined)
    q = q.where('id', 'in', db.selectFrom('article_authors').select('article_id').where('user_id', '=', filter.userId));
  if (filter.updatedSince !== undefined) q = q.where('updated_at', '>=', filter.updatedSince);
  if (before) {
    // `published_at <= t` lets the index seek; the OR then only breaks ties at the same instant.
    q = q
      .where('published_at', '<=', before.at)
      .where((eb) => eb.or([eb('published_at', '<', before.at), eb('id', '<', before.id)]));
  }
  return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The tags of each article, by article id, in name order: one query for the whole page. */
export async function findTagsOfArticles(db: DB, articleIds: number[]): Promise<Map<number, Tag[]>> {
  const out = new Map<number, Tag[]>();
  if (articleIds.length === 0) return out;
  const rows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('tags.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.article_id) ?? [];
    list.push({ id: r.id, slug: r.slug, name: r.name });
    out.set(r.article_id, list);
  }
  return out;
}

/** Tags in slug order, strictly after `afterSlug`. */
export async function listTagRows(db: DB, afterSlug: string | undefined, limit: number): Promise<Tag[]> {
  let q = db.selectFrom('tags').select(['id', 'slug', 'name']);
  if (afterSlug !== undefined) q = q.where('slug', '>', afterSlug);
  return q.orderBy('slug').limit(limit).execute();
}

/** A public author profile: the byline's face, never the e-mail. */
export interface AuthorRow {
  id: number;
  name: string;
  slug: string;
  bio: string | null;
}

/** Accounts with an author page (a slug; readers have none) that are not disabled, in slug order. */
export async function listAuthorRows(db: DB, afterSlug: string | undefined, limit: number): Promise<AuthorRow[]> {
  let q = db
    .selectFrom('users')
    .select(['id', 'display_name', 'slug', 'bio'])
    .where('slug', 'is not', null)
    .where('disabled_at', 'is', null);
  if (afterSlug !== undefined) q = q.where('slug', '>', afterSlug);
  const rows = await q.orderBy('slug').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, slug: r.slug!, bio: r.bio }));
}
