/**
 * The non-comment records of a WordPress export: authors → author accounts, categories → sections,
 * tags → tags, posts and pages → articles. Each is looked up in import_refs first; a record seen
 * before is skipped, or updated field by field when it changed at the source.
 */
import { msg } from '../../lib/message.js';
import { english } from '../../platform/i18n.js';
import { reanchorArticle } from '../comments/index.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { sha256 } from '../../lib/crypto.js';
import { slugify } from '../../lib/slug.js';
import type { ArticleStatus } from '../articles/index.js';
import { plainText, renderArticleBody } from '../articles/index.js';
import {
  addArticleTag,
  addByline,
  addFormerSlug,
  articleExists,
  findSectionIdBySlug,
  findTagIdBySlug,
  findUserIdByEmail,
  freeArticleSlug,
  insertImportedArticle,
  insertImportedAuthor,
  insertSection,
  insertTag,
  updateImportedArticle,
  type ArticleChange,
  type ImportedArticle,
} from '../articles/index.js';
import { convertCaptions, excerptFrom } from './import-html.js';
import { findRef, insertRefs, updateRef } from './import-refs.repo.js';
import type { ImportTally } from './import.types.js';
import type { WxrAuthor, WxrPost, WxrTerm } from './wxr-map.js';

/** What the WXR processors share during one run. */
export interface WxrContext {
  source: string;
  tally: ImportTally;
  dryRun: boolean;
  now: Date;
  /** Author login, lower-cased (WordPress logins are case-insensitive) → account id (null in a dry run for accounts not made). */
  authorsByLogin: Map<string, number | null>;
  /** WordPress user id → account id, to link comments written by staff. */
  authorsByWpId: Map<string, number>;
  /** `category:<slug>` / `post_tag:<slug>` → section or tag id. */
  terms: Map<string, number | null>;
}

/** A stand-in id for rows a dry run would have made. */
export const DRY_RUN_ID = -1;
const hash = (s: string): string => sha256(s).slice(0, 16);
/** Addresses that can never receive mail (RFC 2606), for authors exported without one. */
const NO_MAIL_DOMAIN = 'wordpress-import.invalid';

export async function importAuthor(db: Kysely<Database>, ctx: WxrContext, a: WxrAuthor): Promise<void> {
  if (!a.login) return ctx.tally.skipped('authors', msg('importers.note_authors_without_login'));
  const ref = await findRef(db, ctx.source, 'author', a.login);
  if (ref?.localId != null) {
    remember(ctx, a, ref.localId);
    return ctx.tally.skipped('authors');
  }
  const email = /^[^@\s]+@[^@\s]+$/.test(a.email) ? a.email : `${slugify(a.login, 60)}@${NO_MAIL_DOMAIN}`;
  const existing = await findUserIdByEmail(db, email);
  if (ctx.dryRun) {
    remember(ctx, a, existing ?? null);
    return ctx.tally.created('authors');
  }
  let userId = existing;
  if (userId !== undefined) ctx.tally.note(msg('importers.note_authors_matched'), 1, a.login);
  else {
    if (email.endsWith(NO_MAIL_DOMAIN)) ctx.tally.note(msg('importers.note_authors_without_email'), 1, a.login);
    userId = await insertImportedAuthor(db, {
      email,
      displayName: a.displayName || a.login,
      slugBase: slugify(a.displayName || a.login, 60),
      createdAt: ctx.now.toISOString(),
    });
  }
  await insertRefs(
    db,
    [{ source: ctx.source, kind: 'author', externalId: a.login, localId: userId, state: { wpId: a.wpId } }],
    ctx.now,
  );
  remember(ctx, a, userId);
  ctx.tally.created('authors');
}

function remember(ctx: WxrContext, a: WxrAuthor, userId: number | null): void {
  ctx.authorsByLogin.set(a.login.toLowerCase(), userId);
  if (userId !== null && a.wpId) ctx.authorsByWpId.set(a.wpId, userId);
}

/** The account of a post's dc:creator, made on demand when the export did not declare the author. */
async function authorOf(db: Kysely<Database>, ctx: WxrContext, login: string): Promise<number | null> {
  if (!login) return null;
  // A byline may spell the login in another case than the declared author ("Jane" for "jane").
  const key = login.toLowerCase();
  if (!ctx.authorsByLogin.has(key)) await importAuthor(db, ctx, { wpId: '', login, email: '', displayName: login });
  return ctx.authorsByLogin.get(key) ?? null;
}

/** WordPress's catch-all category means "no section". */
const NO_SECTION = 'uncategorized';

/** A category (→ section) or tag (→ tag); other taxonomies are not imported. Returns the local id. */
export async function importTerm(db: Kysely<Database>, ctx: WxrContext, t: WxrTerm): Promise<number | null> {
  const kind = t.taxonomy === 'category' ? 'sections' : t.taxonomy === 'post_tag' ? 'tags' : null;
  if (kind === null) {
    ctx.tally.skipped('terms', msg('importers.note_other_taxonomies'), t.taxonomy);
    return null;
  }
  const key = `${t.taxonomy}:${t.slug}`;
  if (ctx.terms.has(key)) return ctx.terms.get(key) ?? null;
  if (t.taxonomy === 'category' && t.slug === NO_SECTION) {
    ctx.terms.set(key, null);
    ctx.tally.skipped(kind, msg('importers.note_uncategorized'));
    return null;
  }
  const ref = await findRef(db, ctx.source, 'term', key);
  if (ref?.localId != null) {
    ctx.terms.set(key, ref.localId);
    ctx.tally.skipped(kind);
    return ref.localId;
  }
  const name = t.name || t.slug;
  let slug = slugify(t.slug);
  if (slug === 'untitled') slug = slugify(name);
  if (slug === 'untitled') slug = `${kind === 'sections' ? 'section' : 'tag'}-${hash(key).slice(0, 8)}`;
  const existing = kind === 'sections' ? await findSectionIdBySlug(db, slug) : await findTagIdBySlug(db, slug);
  if (ctx.dryRun) {
    ctx.terms.set(key, existing ?? DRY_RUN_ID);
    ctx.tally.created(kind);
    return existing ?? DRY_RUN_ID;
  }
  const id = existing ?? (kind === 'sections' ? await insertSection(db, slug, name) : await insertTag(db, slug, name));
  await insertRefs(db, [{ source: ctx.source, kind: 'term', externalId: key, localId: id }], ctx.now);
  ctx.terms.set(key, id);
  ctx.tally.created(kind);
  return id;
}

/** What import_refs remembers of an article: field hashes and dates. */
interface ArticleState {
  h: string;
  b: string;
  e: string;
  s: ArticleStatus;
  pa: string | null;
  pd: string | null;
  c: boolean;
}

const STATUS: Record<string, ArticleStatus | undefined> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'draft',
  private: 'draft',
};

/** A post WordPress shows only to some (a password, or private): an import never publishes it. */
export const isRestricted = (p: WxrPost): boolean => p.password !== '' || p.status === 'private';

const RESTRICTED = msg('importers.note_restricted');
export const RESTRICTED_NOTE = english(RESTRICTED);

/** The article a post or page becomes, or null when its status is not imported (trash, auto-draft). */
export function articleFromPost(p: WxrPost, now: Date): Omit<ImportedArticle, 'slug' | 'sectionId'> | null {
  const mapped = STATUS[p.status];
  if (!mapped) return null;
  const status: ArticleStatus = isRestricted(p) ? 'draft' : mapped;
  const bodyMd = convertCaptions(p.content.replace(/\r\n?/g, '\n'));
  const bodyHtml = renderArticleBody(bodyMd);
  const date = p.date ?? now.toISOString();
  return {
    headline: p.title || '(untitled)',
    excerpt: p.excerpt ? plainText(p.excerpt) : excerptFrom(bodyHtml),
    bodyMd,
    bodyHtml,
    status,
    kind: p.type === 'page' ? 'page' : 'article',
    publishAt: status === 'scheduled' ? date : null,
    publishedAt: status === 'published' ? date : null,
    createdAt: date,
    updatedAt: p.modified ?? date,
    commentsOpen: p.commentsOpen,
  };
}

const stateOf = (a: Omit<ImportedArticle, 'slug' | 'sectionId'>): ArticleState => ({
  h: hash(a.headline),
  b: hash(a.bodyMd),
  e: hash(a.excerpt),
  s: a.status,
  pa: a.publishAt,
  pd: a.publishedAt,
  c: a.commentsOpen,
});

/** Result of importing a post: the article its comments belong to (null: its comments are skipped). */
export interface PostOutcome {
  articleId: number | null;
  changed: boolean;
}

/**
 * A post or page → an article. `key` is its import_refs id: the WordPress post id, or for a later item of
 * the file with the same post id (real exports have them), that id with its occurrence (see WxrRun).
 */
export async function importPost(
  db: Kysely<Database>,
  ctx: WxrContext,
  p: WxrPost,
  key: string = p.wpId,
): Promise<PostOutcome> {
  const kind = p.type === 'page' ? 'pages' : 'posts';
  const article = articleFromPost(p, ctx.now);
  if (!article) {
    ctx.tally.skipped(kind, msg('importers.note_status_not_imported', { kind, status: p.status }));
    return { articleId: null, changed: false };
  }
  if (isRestricted(p)) ctx.tally.note(RESTRICTED, 1, p.link || p.title || key);
  const ref = await findRef(db, ctx.source, 'post', key);
  if (ref?.localId != null)
    return revisitPost(db, ctx, kind, ref.id, ref.localId, ref.state as Partial<ArticleState>, article);
  if (ctx.dryRun) {
    ctx.tally.created(kind);
    return { articleId: DRY_RUN_ID, changed: true };
  }
  const terms = p.terms.filter((t) => t.slug !== '');
  const categories = terms.filter((t) => t.domain === 'category');
  let sectionId: number | null = null;
  const tagIds: Array<number | null> = [];
  for (const c of categories) {
    const id: number | null =
      sectionId === null ? await importTerm(db, ctx, { taxonomy: 'category', slug: c.slug, name: c.name }) : null;
    if (id !== null && sectionId === null) sectionId = id;
    // Further categories have no place as a section; they are kept as tags so nothing is lost.
    else if (c.slug !== NO_SECTION)
      tagIds.push(await importTerm(db, ctx, { taxonomy: 'post_tag', slug: c.slug, name: c.name }));
  }
  for (const t of terms.filter((x) => x.domain === 'post_tag'))
    tagIds.push(await importTerm(db, ctx, { taxonomy: 'post_tag', slug: t.slug, name: t.name }));

  const slug = await freeArticleSlug(db, slugBase(p));
  const id = await insertImportedArticle(db, { ...article, slug, sectionId });
  const authorId = await authorOf(db, ctx, p.creator);
  if (authorId !== null) await addByline(db, id, authorId, 0);
  for (const tagId of new Set(tagIds)) if (tagId !== null) await addArticleTag(db, id, tagId);
  for (const former of p.formerSlugs) {
    const s = slugify(former);
    if (s !== 'untitled' && s !== slug) await addFormerSlug(db, id, s);
  }
  await insertRefs(
    db,
    [
      {
        source: ctx.source,
        kind: 'post',
        externalId: key,
        localId: id,
        url: normalizeUrl(p.link),
        state: { ...stateOf(article) },
      },
    ],
    ctx.now,
  );
  ctx.tally.created(kind);
  return { articleId: id, changed: true };
}

async function revisitPost(
  db: Kysely<Database>,
  ctx: WxrContext,
  kind: string,
  refId: number,
  articleId: number,
  old: Partial<ArticleState>,
  a: Omit<ImportedArticle, 'slug' | 'sectionId'>,
): Promise<PostOutcome> {
  if (!(await articleExists(db, articleId))) {
    ctx.tally.skipped(kind, msg('importers.note_articles_deleted_here'));
    return { articleId: null, changed: false };
  }
  const next = stateOf(a);
  const change: ArticleChange = {};
  if (old.h !== next.h) change.headline = a.headline;
  if (old.b !== next.b) {
    change.bodyMd = a.bodyMd;
    change.bodyHtml = a.bodyHtml;
  }
  if (old.e !== next.e) change.excerpt = a.excerpt;
  if (old.s !== next.s || old.pa !== next.pa || old.pd !== next.pd) {
    change.status = a.status;
    change.publishAt = a.publishAt;
    change.publishedAt = a.publishedAt;
  }
  if (old.c !== next.c) change.commentsOpen = a.commentsOpen;
  if (Object.keys(change).length === 0) {
    ctx.tally.skipped(kind);
    return { articleId, changed: false };
  }
  if (!ctx.dryRun) {
    await updateImportedArticle(db, articleId, { ...change, updatedAt: a.updatedAt });
    // Readers' passage comments follow the new text, as after an edit in the editor.
    if (change.bodyHtml !== undefined) await reanchorArticle(db, articleId, change.bodyHtml);
    await updateRef(db, refId, { state: { ...next } }, ctx.now);
  }
  ctx.tally.updated(kind);
  return { articleId, changed: change.bodyMd !== undefined };
}

/** The old slug when it makes a clean one, else the title, else the WordPress id. */
function slugBase(p: WxrPost): string {
  const fromName = slugify(p.postName);
  if (p.postName && fromName !== 'untitled') return fromName;
  const fromTitle = slugify(p.title);
  return fromTitle !== 'untitled' ? fromTitle : `post-${p.wpId}`;
}

/** A URL without scheme, trailing slash or fragment, so http/https and /x vs /x/ compare equal. */
export function normalizeUrl(url: string): string | null {
  const u = url.trim();
  if (!u) return null;
  return u
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/#.*$/, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}
