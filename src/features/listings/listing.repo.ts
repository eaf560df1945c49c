/**
 * Reads for the public listings. Every query filters `status = 'published'`, is bounded by a LIMIT and
 * seeks along an index: articles(status, published_at) for the home page and archive months,
 * articles(section_id, status, published_at) for sections, article_tags(tag_id) and
 * article_authors(user_id) for tags and authors, corrections(created_at) for corrections.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import { monthBounds, monthIn } from '../../lib/time-zone.js';
import { hydrateSummaries, SUMMARY_COLUMNS, type SummaryRow } from '../articles/index.js';
import type { ArticleSummary, Tag } from '../articles/index.js';
import { keysetPage, type Cursor, type KeysetPage, type PageRequest } from './paging.js';

type DB = Kysely<Database>;

/** Which published articles a listing shows. */
export type ListingScope =
  | { kind: 'all' }
  | { kind: 'section'; sectionId: number }
  | { kind: 'tag'; tagId: number }
  | { kind: 'author'; userId: number }
  /** published_at in [from, to): one archive month. */
  | { kind: 'month'; from: string; to: string };

/** The public face of a staff account for its author page: never the e-mail. */
export interface AuthorProfile {
  id: number;
  name: string;
  slug: string;
  bio: string | null;
}

/** A correction as the public corrections page lists it. */
export interface PublicCorrection {
  id: number;
  body: string;
  createdAt: string;
  article: { id: number; slug: string; headline: string };
}

function published(db: DB, scope: ListingScope): SelectQueryBuilder<Database, 'articles', SummaryRow> {
  // Pages (imported WordPress pages: about, contact …) are published but never listed.
  let q = db
    .selectFrom('articles')
    .select(SUMMARY_COLUMNS)
    .where('status', '=', 'published')
    .where('kind', '=', 'article')
    .where('published_at', 'is not', null);
  switch (scope.kind) {
    case 'section':
      q = q.where('section_id', '=', scope.sectionId);
      break;
    case 'tag':
      q = q.where('id', 'in', db.selectFrom('article_tags').select('article_id').where('tag_id', '=', scope.tagId));
      break;
    case 'author':
      q = q.where(
        'id',
        'in',
        db.selectFrom('article_authors').select('article_id').where('user_id', '=', scope.userId),
      );
      break;
    case 'month':
      q = q.where('published_at', '>=', scope.from).where('published_at', '<', scope.to);
      break;
    case 'all':
      break;
  }
  return q;
}

const articleKey = (r: SummaryRow): Cursor => ({ at: r.published_at!, id: r.id });

/** One page of published articles in a scope, newest first, with cursors for the pages around it. */
export async function listArticlePage(
  db: DB,
  scope: ListingScope,
  req: PageRequest,
): Promise<KeysetPage<ArticleSummary>> {
  const page = await keysetPage<SummaryRow>(
    req,
    async (direction, cursor, limit) => {
      let q = published(db, scope);
      // `published_at <= t` lets the index seek; the OR then only breaks ties at the same instant.
      if (cursor && direction === 'older') {
        q = q
          .where('published_at', '<=', cursor.at)
          .where((eb) => eb.or([eb('published_at', '<', cursor.at), eb('id', '<', cursor.id)]));
      } else if (cursor) {
        q = q
          .where('published_at', '>=', cursor.at)
          .where((eb) => eb.or([eb('published_at', '>', cursor.at), eb('id', '>', cursor.id)]));
      }
      const order = direction === 'older' ? 'desc' : 'asc';
      return q.orderBy('published_at', order).orderBy('id', order).limit(limit).execute();
    },
    articleKey,
  );
  return { items: await hydrateSummaries(db, page.items), newer: page.newer, older: page.older };
}

export async function findTagBySlug(db: DB, slug: string): Promise<Tag | undefined> {
  return db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/** A staff account by its author slug (readers have none). */
export async function findAuthorBySlug(db: DB, slug: string): Promise<AuthorProfile | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'slug', 'bio'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row && row.slug ? { id: row.id, name: row.display_name, slug: row.slug, bio: row.bio } : undefined;
}

/**
 * Months (`YYYY-MM` of the site's time zone) that have published articles, newest first. A loose index
 * scan: one index seek per month (the newest article older than the local start of the month found last),
 * so the cost follows the number of months, not of articles. Bounds are ISO instants, which compare
 * correctly against stored timestamps with or without milliseconds.
 */
export async function listArchiveMonths(db: DB, zone: string, maxMonths = 1200): Promise<string[]> {
  const months: string[] = [];
  let before: string | null = null;
  while (months.length < maxMonths) {
    let q = db
      .selectFrom('articles')
      .select('published_at')
      .where('status', '=', 'published')
      .where('published_at', 'is not', null);
    if (before !== null) q = q.where('published_at', '<', before);
    const row = await q.orderBy('published_at', 'desc').limit(1).executeTakeFirst();
    if (!row?.published_at) break;
    const month = monthIn(row.published_at, zone);
    months.push(month);
    before = monthBounds(month, zone).start.toISOString();
  }
  return months;
}

/** The nearest months (of the zone) with published articles before `from` and from `to` on. */
export async function findAdjacentMonths(
  db: DB,
  from: string,
  to: string,
  zone: string,
): Promise<{ older: string | null; newer: string | null }> {
  const [older, newer] = await Promise.all([
    db
      .selectFrom('articles')
      .select('published_at')
      .where('status', '=', 'published')
      .where('published_at', '<', from)
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('articles')
      .select('published_at')
      .where('status', '=', 'published')
      .where('published_at', '>=', to)
      .orderBy('published_at', 'asc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const monthOf = (at: string | null | undefined) => (at ? monthIn(at, zone) : null);
  return { older: monthOf(older?.published_at), newer: monthOf(newer?.published_at) };
}

/** One page of corrections to published articles, newest first. */
export async function listCorrectionsPage(db: DB, req: PageRequest): Promise<KeysetPage<PublicCorrection>> {
  return keysetPage<PublicCorrection>(
    req,
    async (direction, cursor, limit) => {
      // CROSS JOIN keeps `corrections` as the outer loop on SQLite (its planner never reorders a cross
      // join), so the page is read along corrections(created_at) and each article found by primary key;
      // PostgreSQL plans it as the inner join it is.
      let q = db
        .selectFrom('corrections')
        .crossJoin('articles')
        .whereRef('articles.id', '=', 'corrections.article_id')
        .select([
          'corrections.id',
          'corrections.body',
          'corrections.created_at',
          'articles.id as article_id',
          'articles.slug',
          'articles.headline',
        ])
        .where('articles.status', '=', 'published');
      if (cursor && direction === 'older') {
        q = q
          .where('corrections.created_at', '<=', cursor.at)
          .where((eb) => eb.or([eb('corrections.created_at', '<', cursor.at), eb('corrections.id', '<', cursor.id)]));
      } else if (cursor) {
        q = q
          .where('corrections.created_at', '>=', cursor.at)
          .where((eb) => eb.or([eb('corrections.created_at', '>', cursor.at), eb('corrections.id', '>', cursor.id)]));
      }
      const order = direction === 'older' ? 'desc' : 'asc';
      const rows = await q
        .orderBy('corrections.created_at', order)
        .orderBy('corrections.id', order)
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        body: r.body,
        createdAt: r.created_at,
        article: { id: r.article_id, slug: r.slug, headline: r.headline },
      }));
    },
    (c) => ({ at: c.createdAt, id: c.id }),
  );
}
