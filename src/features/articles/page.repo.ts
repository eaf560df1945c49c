/**
 * Pages (About, Contact, Ethics policy …): rows of `articles` with kind = 'page'. They share the table, its slugs
 * and its body rendering with articles, but have no section, tags or schedule, and never appear in listings,
 * feeds, search or the article sitemap (those read kind = 'article'). Every function takes the transaction of
 * the service that calls it.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { deriveCardImage } from './article.card-image.repo.js';

type DB = Kysely<Database>;

/** A page as the admin list and the navigation choose it. */
export interface PageItem {
  id: number;
  slug: string;
  /** The page's title. */
  headline: string;
  /** 'draft' (not on the site) or 'published'. */
  status: 'draft' | 'published';
  updatedAt: string;
}

/** A page as its edit form needs it. */
export interface EditablePage extends PageItem {
  excerpt: string;
  bodyMd: string;
  commentsOpen: boolean;
  /** Bumped on every save; the form sends it back to detect a concurrent edit. */
  revision: number;
  /** First publication; a page that was ever public keeps its former slugs as redirects. */
  publishedAt: string | null;
  commentCount: number;
}

/** What a save writes. */
export interface PageFields {
  slug: string;
  headline: string;
  excerpt: string;
  bodyMd: string;
  bodyHtml: string;
  commentsOpen: boolean;
}

/** At most this many pages are listed (a newsroom has a handful). */
export const PAGE_LIST_LIMIT = 500;

const asStatus = (s: string): PageItem['status'] => (s === 'published' ? 'published' : 'draft');

/** Every page, by title; `publishedOnly` for what readers may reach. */
export async function listPages(db: DB, opts: { publishedOnly?: boolean } = {}): Promise<PageItem[]> {
  let q = db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'status', 'updated_at'])
    .where('kind', '=', 'page');
  if (opts.publishedOnly) q = q.where('status', '=', 'published');
  const rows = await q.orderBy('headline').orderBy('id').limit(PAGE_LIST_LIMIT).execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    status: asStatus(r.status),
    updatedAt: r.updated_at,
  }));
}

export async function findEditablePage(db: DB, id: number): Promise<EditablePage | undefined> {
  const r = await db
    .selectFrom('articles')
    .select([
      'id',
      'slug',
      'headline',
      'status',
      'updated_at',
      'excerpt',
      'body_md',
      'comments_open',
      'revision',
      'published_at',
      'comment_count',
    ])
    .where('id', '=', id)
    .where('kind', '=', 'page')
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    slug: r.slug,
    headline: r.headline,
    status: asStatus(r.status),
    updatedAt: r.updated_at,
    excerpt: r.excerpt,
    bodyMd: r.body_md,
    commentsOpen: r.comments_open === 1,
    revision: r.revision,
    publishedAt: r.published_at,
    commentCount: r.comment_count,
  };
}

export async function insertPage(db: DB, f: PageFields, now: string): Promise<number> {
  const { id } = await db
    .insertInto('articles')
    .values({
      kind: 'page',
      slug: f.slug,
      headline: f.headline,
      excerpt: f.excerpt,
      body_md: f.bodyMd,
      body_html: f.bodyHtml,
      dateline: null,
      section_id: null,
      lead_image_id: null,
      card_image_id: await deriveCardImage(db, null, f.bodyHtml),
      comments_open: f.commentsOpen ? 1 : 0,
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

/** Writes the fields if the page is still at `revision`; false when someone saved in between. */
export async function updatePage(db: DB, id: number, revision: number, f: PageFields, now: string): Promise<boolean> {
  const res = await db
    .updateTable('articles')
    .set({
      slug: f.slug,
      headline: f.headline,
      excerpt: f.excerpt,
      body_md: f.bodyMd,
      body_html: f.bodyHtml,
      card_image_id: await deriveCardImage(db, null, f.bodyHtml),
      comments_open: f.commentsOpen ? 1 : 0,
      updated_at: now,
      revision: sql<number>`revision + 1`,
    })
    .where('id', '=', id)
    .where('kind', '=', 'page')
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Publishes (keeping the first publication time) or takes a page off the site. */
export async function setPageStatus(db: DB, id: number, status: PageItem['status'], now: string): Promise<void> {
  await db
    .updateTable('articles')
    .set({
      status,
      publish_at: null,
      updated_at: now,
      ...(status === 'published' ? { published_at: sql<string>`coalesce(published_at, ${now})` } : {}),
    })
    .where('id', '=', id)
    .where('kind', '=', 'page')
    .execute();
}
