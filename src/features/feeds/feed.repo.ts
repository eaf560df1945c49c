import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

/** What a feed entry needs beyond an article summary: the body, the last edit and the tag names. */
export interface FeedDetails {
  bodyHtml: string;
  updatedAt: string;
  tags: string[];
}

/** Bodies and tags of a page of articles (ids come from a bounded listing). */
export async function findFeedDetails(db: Kysely<Database>, ids: number[]): Promise<Map<number, FeedDetails>> {
  if (ids.length === 0) return new Map();
  const [rows, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .select(['id', 'body_html', 'updated_at'])
      .where('id', 'in', ids)
      .where('status', '=', 'published')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('tags.name')
      .execute(),
  ]);
  const out = new Map<number, FeedDetails>(
    rows.map((r) => [r.id, { bodyHtml: r.body_html, updatedAt: r.updated_at, tags: [] }]),
  );
  for (const t of tags) out.get(t.article_id)?.tags.push(t.name);
  return out;
}
