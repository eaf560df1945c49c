/**
 * Writes of imported articles, sections, tags and staff accounts, owned here and used by the importers; the
 * editorial feature has its own verbs for articles written here.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ArticleStatus } from './article.table.js';
import { insertUser } from '../accounts/index.js';
import { deriveCardImage, refreshCardImage } from './article.card-image.repo.js';

type DB = Kysely<Database>;

export interface ImportedArticle {
  slug: string;
  headline: string;
  excerpt: string;
  bodyMd: string;
  bodyHtml: string;
  sectionId: number | null;
  status: ArticleStatus;
  kind: 'article' | 'page';
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  commentsOpen: boolean;
}

/** True when a slug is used by an article or reserved as a former slug of one. */
export async function slugInUse(db: DB, slug: string): Promise<boolean> {
  const [a, s] = await Promise.all([
    db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst(),
    db.selectFrom('article_slugs').select('article_id').where('slug', '=', slug).executeTakeFirst(),
  ]);
  return a !== undefined || s !== undefined;
}

/** `base`, or `base-2`, `base-3` … the first one free. */
export async function freeArticleSlug(db: DB, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 110)}-${n}`;
    if (!(await slugInUse(db, candidate))) return candidate;
  }
}

export async function insertImportedArticle(db: DB, a: ImportedArticle): Promise<number> {
  const { id } = await db
    .insertInto('articles')
    .values({
      slug: a.slug,
      headline: a.headline,
      excerpt: a.excerpt,
      body_md: a.bodyMd,
      body_html: a.bodyHtml,
      dateline: null,
      section_id: a.sectionId,
      lead_image_id: null,
      card_image_id: await deriveCardImage(db, null, a.bodyHtml),
      status: a.status,
      kind: a.kind,
      publish_at: a.publishAt,
      published_at: a.publishedAt,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
      comments_open: a.commentsOpen ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Fields an import may change on a re-run (only those that changed at the source are passed). */
export type ArticleChange = Partial<
  Pick<
    ImportedArticle,
    | 'headline'
    | 'excerpt'
    | 'bodyMd'
    | 'bodyHtml'
    | 'status'
    | 'publishAt'
    | 'publishedAt'
    | 'commentsOpen'
    | 'updatedAt'
  >
>;

export async function updateImportedArticle(db: DB, id: number, c: ArticleChange): Promise<void> {
  await db
    .updateTable('articles')
    .set({
      ...(c.headline !== undefined ? { headline: c.headline } : {}),
      ...(c.excerpt !== undefined ? { excerpt: c.excerpt } : {}),
      ...(c.bodyMd !== undefined ? { body_md: c.bodyMd } : {}),
      ...(c.bodyHtml !== undefined ? { body_html: c.bodyHtml } : {}),
      ...(c.status !== undefined ? { status: c.status } : {}),
      ...(c.publishAt !== undefined ? { publish_at: c.publishAt } : {}),
      ...(c.publishedAt !== undefined ? { published_at: c.publishedAt } : {}),
      ...(c.commentsOpen !== undefined ? { comments_open: c.commentsOpen ? 1 : 0 } : {}),
      ...(c.updatedAt !== undefined ? { updated_at: c.updatedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
  if (c.bodyHtml !== undefined) await refreshCardImage(db, id);
}

export async function articleExists(db: DB, id: number): Promise<boolean> {
  return (await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function findArticleBody(
  db: DB,
  id: number,
): Promise<{ bodyMd: string; leadImageId: number | null } | undefined> {
  const row = await db
    .selectFrom('articles')
    .select(['body_md', 'lead_image_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { bodyMd: row.body_md, leadImageId: row.lead_image_id } : undefined;
}

export async function setArticleBody(
  db: DB,
  id: number,
  bodyMd: string,
  bodyHtml: string,
  imageIds: number[],
): Promise<void> {
  await db.updateTable('articles').set({ body_md: bodyMd, body_html: bodyHtml }).where('id', '=', id).execute();
  for (const imageId of imageIds) {
    await db
      .insertInto('article_images')
      .values({ article_id: id, image_id: imageId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await refreshCardImage(db, id);
}

/** Sets the lead image of an article that has none (an editor's choice is never replaced); true when set. */
export async function setLeadImageIfNone(db: DB, articleId: number, imageId: number): Promise<boolean> {
  const res = await db
    .updateTable('articles')
    .set({ lead_image_id: imageId, card_image_id: imageId })
    .where('id', '=', articleId)
    .where('lead_image_id', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  await db
    .insertInto('article_images')
    .values({ article_id: articleId, image_id: imageId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}

export async function addByline(db: DB, articleId: number, userId: number, position: number): Promise<void> {
  await db
    .insertInto('article_authors')
    .values({ article_id: articleId, user_id: userId, position })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function addArticleTag(db: DB, articleId: number, tagId: number): Promise<void> {
  await db
    .insertInto('article_tags')
    .values({ article_id: articleId, tag_id: tagId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Keeps a former slug as a redirect, unless some article already uses or reserves it. */
export async function addFormerSlug(db: DB, articleId: number, slug: string): Promise<boolean> {
  if (await slugInUse(db, slug)) return false;
  await db.insertInto('article_slugs').values({ slug, article_id: articleId }).execute();
  return true;
}

export async function findSectionIdBySlug(db: DB, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

/** A new section at the end of the navigation. */
export async function insertSection(db: DB, slug: string, name: string): Promise<number> {
  const { max } = await db
    .selectFrom('sections')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('sections')
    .values({ slug, name, position: Number(max ?? 0) + 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findTagIdBySlug(db: DB, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

export async function insertTag(db: DB, slug: string, name: string): Promise<number> {
  return (await db.insertInto('tags').values({ slug, name }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findUserIdByEmail(db: DB, email: string): Promise<number | undefined> {
  return (await db.selectFrom('users').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst())?.id;
}

async function freeUserSlug(db: DB, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await db.selectFrom('users').select('id').where('slug', '=', candidate).executeTakeFirst())) return candidate;
  }
}

/** An author account without a password: the publisher invites them to set one. */
export async function insertImportedAuthor(
  db: DB,
  a: { email: string; displayName: string; slugBase: string; createdAt: string },
): Promise<number> {
  return insertUser(db, {
    email: a.email,
    displayName: a.displayName,
    slug: await freeUserSlug(db, a.slugBase),
    role: 'author',
    passwordHash: null,
    createdAt: a.createdAt,
  });
}

/** The article with this slug, or whose former slug it is. */
export async function findArticleIdBySlug(db: DB, slug: string): Promise<number | undefined> {
  const row = await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst();
  if (row) return row.id;
  return (await db.selectFrom('article_slugs').select('article_id').where('slug', '=', slug).executeTakeFirst())
    ?.article_id;
}
