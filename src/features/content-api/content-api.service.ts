/**
 * The Content API's reads: published content only, as JSON for programs. Filters name things by slug;
 * lists page by opaque cursors (keyset: the position of the last item seen), so every page costs the same
 * and a newly published article never shifts a client's walk.
 */
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { slugPath } from '../../lib/slug.js';
import {
  findPublicArticle,
  hydrateSummaries,
  listSections,
  type ArticleSummary,
  type Correction,
} from '../articles/index.js';
import { fullSize, type Image } from '../images/index.js';
import { decodeCursor, encodeCursor, resolveSubject, type Cursor } from '../listings/index.js';
import { MAX_PAGE, searchArticles } from '../search/index.js';
import {
  findTagsOfArticles,
  listAuthorRows,
  listPublishedArticleRows,
  listTagRows,
  type ArticleFilter,
} from './content-api.repo.js';
import type { ArticleDetail, ArticleItem } from './content-api.schemas.js';

type Ctx = Pick<Deps, 'db' | 'config'>;

const invalidCursor = () => new AppError('PAGE_LINK_INVALID', msg('api.cursor_invalid'));

const articleNotFound = () => new AppError('ARTICLE_NOT_FOUND', msg('api.article_not_found'));

/** An article cursor: the listings' `(published_at, id)` format, refused with the API's wording. */
function decodeArticleCursor(raw: string): Cursor {
  try {
    return decodeCursor(raw);
  } catch {
    throw invalidCursor();
  }
}

/** A slug cursor (tags, authors): base64url of the last slug seen. */
const encodeSlugCursor = (slug: string): string => Buffer.from(slug, 'utf8').toString('base64url');
function decodeSlugCursor(raw: string): string {
  const slug = Buffer.from(raw, 'base64url').toString('utf8');
  if (slug === '' || encodeSlugCursor(slug) !== raw) throw invalidCursor();
  return slug;
}

function leadImageJson(siteUrl: string, image: Image | null): ArticleItem['lead_image'] {
  if (!image) return null;
  const full = fullSize(image);
  return { url: siteUrl + full.url, alt: image.alt, width: full.width, height: full.height };
}

function summaryJson(siteUrl: string, a: ArticleSummary) {
  return {
    id: a.id,
    slug: a.slug,
    url: siteUrl + slugPath('articles', a.slug),
    headline: a.headline,
    excerpt: a.excerpt,
    section: a.section ? { slug: a.section.slug, name: a.section.name } : null,
    authors: a.bylines.map((b) => ({ name: b.name, slug: b.slug })),
    published_at: a.publishedAt ?? '',
    comment_count: a.commentCount,
    lead_image: leadImageJson(siteUrl, a.leadImage),
  };
}

export interface ArticleListQuery {
  section?: string;
  tag?: string;
  author?: string;
  updated_since?: string;
  limit?: number;
  cursor?: string;
}

/** The filters by id; an unknown slug is a 404 under its own code (SECTION_NOT_FOUND …). */
async function resolveFilter(ctx: Ctx, q: ArticleListQuery): Promise<ArticleFilter> {
  const db = ctx.db.kysely;
  const filter: ArticleFilter = {};
  if (q.section !== undefined) {
    const s = await resolveSubject(db, 'section', q.section);
    if (s.scope.kind === 'section') filter.sectionId = s.scope.sectionId;
  }
  if (q.tag !== undefined) {
    const s = await resolveSubject(db, 'tag', q.tag);
    if (s.scope.kind === 'tag') filter.tagId = s.scope.tagId;
  }
  if (q.author !== undefined) {
    const s = await resolveSubject(db, 'author', q.author);
    if (s.scope.kind === 'author') filter.userId = s.scope.userId;
  }
  // The schema checked RFC 3339; stored times are ISO in UTC, so compare in that form.
  if (q.updated_since !== undefined) filter.updatedSince = new Date(q.updated_since).toISOString();
  return filter;
}

/** One page of published articles, newest first. */
export async function listArticles(
  ctx: Ctx,
  q: ArticleListQuery,
): Promise<{ items: ArticleItem[]; next_cursor: string | null }> {
  const db = ctx.db.kysely;
  const limit = q.limit ?? 20;
  const before = q.cursor !== undefined ? decodeArticleCursor(q.cursor) : undefined;
  const filter = await resolveFilter(ctx, q);
  const rows = await listPublishedArticleRows(db, filter, before, limit + 1);
  const page = rows.slice(0, limit);
  const [summaries, tags] = await Promise.all([
    hydrateSummaries(db, page),
    findTagsOfArticles(
      db,
      page.map((r) => r.id),
    ),
  ]);
  const last = page[page.length - 1];
  return {
    items: summaries.map((s, i) => ({
      ...summaryJson(ctx.config.siteUrl, s),
      tags: (tags.get(s.id) ?? []).map((t) => ({ slug: t.slug, name: t.name })),
      updated_at: page[i]!.updated_at,
    })),
    next_cursor: rows.length > limit && last ? encodeCursor({ at: last.published_at!, id: last.id }) : null,
  };
}

/**
 * One published article with its body and corrections, or `{ moved }` (its address in this API) when the slug
 * is a former one; a 404 for anything else (a draft, a scheduled one).
 */
export async function getArticle(ctx: Ctx, slug: string): Promise<ArticleDetail | { moved: string }> {
  const found = await findPublicArticle(ctx.db.kysely, slug);
  // A former slug of an article: its address in this API (a page's slug is no article: 404).
  if (found && 'moved' in found) {
    if (found.moved.startsWith('/articles/')) return { moved: `/api/v1${found.moved}` };
    throw articleNotFound();
  }
  if (!found || found.article.publishedAt === null) throw articleNotFound();
  const { article: a, bodyHtml } = found;
  return {
    ...summaryJson(ctx.config.siteUrl, a),
    tags: a.tags.map((t) => ({ slug: t.slug, name: t.name })),
    updated_at: a.updatedAt,
    dateline: a.dateline,
    body_html: bodyHtml,
    corrections: a.corrections.map((c: Correction) => ({ id: c.id, body: c.body, created_at: c.createdAt })),
    comments_open: a.commentsOpen,
  };
}

export async function listSectionsJson(ctx: Ctx) {
  const sections = await listSections(ctx.db.kysely);
  return { items: sections.map((s) => ({ slug: s.slug, name: s.name })) };
}

export async function listTags(ctx: Ctx, q: { limit?: number; cursor?: string }) {
  const limit = q.limit ?? 100;
  const rows = await listTagRows(ctx.db.kysely, q.cursor ? decodeSlugCursor(q.cursor) : undefined, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((t) => ({ slug: t.slug, name: t.name })),
    next_cursor: rows.length > limit ? encodeSlugCursor(page[page.length - 1]!.slug) : null,
  };
}

export async function listAuthors(ctx: Ctx, q: { limit?: number; cursor?: string }) {
  const limit = q.limit ?? 100;
  const rows = await listAuthorRows(ctx.db.kysely, q.cursor ? decodeSlugCursor(q.cursor) : undefined, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((a) => ({
      name: a.name,
      slug: a.slug,
      url: ctx.config.siteUrl + slugPath('author', a.slug),
      bio: a.bio,
    })),
    next_cursor: rows.length > limit ? encodeSlugCursor(page[page.length - 1]!.slug) : null,
  };
}

/** The site's search (ranked, highlighted), one page at a time. */
export async function search(ctx: Ctx, q: { q: string; page?: number; sort?: 'relevance' | 'newest' }) {
  const page = q.page ?? 1;
  const outcome = await searchArticles(ctx.db, { q: q.q, page, sort: q.sort ?? 'relevance' });
  if (outcome.problem) throw new AppError('INVALID_INPUT', outcome.problem);
  return {
    q: outcome.q,
    page,
    items: outcome.hits.map((h) => ({
      article: summaryJson(ctx.config.siteUrl, h.article),
      headline_html: h.headlineHtml,
      snippet_html: h.snippetHtml,
    })),
    next_page: outcome.hasMore && page < MAX_PAGE ? page + 1 : null,
  };
}
