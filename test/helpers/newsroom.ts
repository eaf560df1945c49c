/**
 * Builders for listing, feed, sitemap and search tests: sections, tags, staff with author pages, and
 * articles in any state with their section, tags, bylines and corrections. Rows go in through the same
 * tables the app reads (and the search triggers index).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { insertUser } from '../../src/features/accounts/user.repo.js';
import { renderArticleBody } from '../../src/features/articles/article.markdown.js';
import { deriveCardImage } from '../../src/features/articles/article.card-image.repo.js';
import type { ArticleStatus } from '../../src/features/articles/article.table.js';
import { slugify } from '../../src/lib/slug.js';

type DB = Kysely<Database>;
let seq = 0;

export async function makeSection(db: DB, name: string): Promise<{ id: number; slug: string }> {
  const slug = slugify(name);
  const { id } = await db
    .insertInto('sections')
    .values({ slug, name, position: ++seq })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, slug };
}

export async function makeTag(db: DB, name: string): Promise<{ id: number; slug: string }> {
  const slug = slugify(name);
  const { id } = await db.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow();
  return { id, slug };
}

/** A staff account with an author page at /author/<slug>. */
export async function makeAuthor(
  db: DB,
  name: string,
  opts: { bio?: string; email?: string } = {},
): Promise<{ id: number; slug: string }> {
  const slug = slugify(name);
  const id = await insertUser(db, {
    email: opts.email ?? `${slug}-${++seq}@newsroom.test`,
    displayName: name,
    slug,
    bio: opts.bio ?? null,
    role: 'author',
    passwordHash: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  return { id, slug };
}

export interface ArticleSpec {
  headline: string;
  body?: string;
  excerpt?: string;
  status?: ArticleStatus;
  /** For published articles; defaults to a fixed time. */
  publishedAt?: string;
  updatedAt?: string;
  sectionId?: number | null;
  tagIds?: number[];
  authorIds?: number[];
  leadImageId?: number | null;
  slug?: string;
  /** Explicit id (to place an article in a given sitemap part). */
  id?: number;
}

export async function makeArticle(db: DB, spec: ArticleSpec): Promise<{ id: number; slug: string }> {
  const status = spec.status ?? 'published';
  const at = spec.publishedAt ?? '2026-06-01T10:00:00.000Z';
  const slug = spec.slug ?? `${slugify(spec.headline, 60)}-${++seq}`;
  const body = spec.body ?? `${spec.headline}.\n\nA second paragraph.`;
  const bodyHtml = renderArticleBody(body);
  const { id } = await db
    .insertInto('articles')
    .values({
      ...(spec.id !== undefined ? { id: spec.id } : {}),
      slug,
      headline: spec.headline,
      excerpt: spec.excerpt ?? '',
      body_md: body,
      body_html: bodyHtml,
      dateline: null,
      section_id: spec.sectionId ?? null,
      lead_image_id: spec.leadImageId ?? null,
      card_image_id: await deriveCardImage(db, spec.leadImageId ?? null, bodyHtml),
      status,
      publish_at: status === 'scheduled' ? '2030-01-01T00:00:00.000Z' : null,
      published_at: status === 'published' ? at : null,
      created_at: at,
      updated_at: spec.updatedAt ?? at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, user_id] of (spec.authorIds ?? []).entries())
    await db.insertInto('article_authors').values({ article_id: id, user_id, position }).execute();
  for (const tag_id of spec.tagIds ?? [])
    await db.insertInto('article_tags').values({ article_id: id, tag_id }).execute();
  return { id, slug };
}

export async function makeCorrection(db: DB, articleId: number, body: string, createdAt: string): Promise<number> {
  const { id } = await db
    .insertInto('corrections')
    .values({ article_id: articleId, body, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** `2026-06-01T10:00:00.000Z` plus `hours`. */
export const hoursAfter = (base: string, hours: number): string =>
  new Date(Date.parse(base) + hours * 3600_000).toISOString();
