/**
 * What an article is linked to, written with it by the editor: its bylines (and the authors' pages), its
 * tags, its former slugs and the library images placed in its body, plus the lookups that check them
 * (is a slug free, who may carry a byline). Every function takes the transaction of the service that
 * calls it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Byline } from './article.types.js';

type DB = Kysely<Database>;

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
