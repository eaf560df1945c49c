/**
 * GET /api/v1/…: the read-only Content API (OpenAPI tag `content`). Anonymous, public content only; each
 * answer and each error is documented through the schema that serializes it. Successful answers may be
 * kept by shared caches for a minute; a signed-in request still gets `private, no-store`
 * (src/web/personal-cache.ts runs after the handler and has the last word).
 */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { problemResponses } from '../../web/problem.js';
import {
  ArticleListJson,
  ArticleListQuery,
  AuthorListJson,
  PageListJson,
  PagedQuery,
  SearchResultJson,
  SectionListJson,
  SlugParams,
  TagListJson,
} from './content-api.schemas.js';
import { getPageJson, listPagesJson } from './content-api.pages.js';
import { getArticle, listArticles, listAuthors, listSectionsJson, listTags, search } from './content-api.service.js';

export const PUBLIC_API_CACHE_CONTROL = 'public, max-age=60';
const TAGS = ['content'];

const cacheable = (reply: FastifyReply): void => {
  reply.header('cache-control', PUBLIC_API_CACHE_CONTROL);
};

const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 4000, description: 'What to look for: words, "a phrase", -excluded.' }),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 1 })),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest')], { default: 'relevance' })),
});

export async function contentApiRoutes(app: AppInstance): Promise<void> {
  const ctx = app.deps;

  app.get(
    '/api/v1/articles',
    {
      schema: {
        tags: TAGS,
        summary: 'Published articles, newest first',
        description:
          'Filters combine (all must match). Pass `next_cursor` as `cursor` for the next page; a walk sees each article once.',
        querystring: ArticleListQuery,
        response: {
          200: ArticleListJson,
          ...problemResponses({
            400: 'A filter, limit or cursor is not valid (INVALID_INPUT, PAGE_LINK_INVALID).',
            404: 'No section, tag or author with that slug (SECTION_NOT_FOUND, TAG_NOT_FOUND, AUTHOR_NOT_FOUND).',
          }),
        },
      },
    },
    async (request, reply) => {
      cacheable(reply);
      return listArticles(ctx, request.query);
    },
  );

  app.get(
    '/api/v1/articles/:slug',
    {
      schema: {
        tags: TAGS,
        summary: 'One published article with its HTML body and corrections',
        description: 'A former slug answers 301 with the article’s address in this API in `Location`.',
        params: SlugParams,
        response: {
          200: Type.Ref('Article'),
          301: Type.Null({ description: 'The slug is a former one: `Location` has the current address.' }),
          ...problemResponses({ 404: 'No published article at that slug (ARTICLE_NOT_FOUND).' }),
        },
      },
    },
    async (request, reply) => {
      const article = await getArticle(ctx, request.params.slug);
      if ('moved' in article) return reply.redirect(article.moved, 301);
      cacheable(reply);
      return article;
    },
  );

  app.get(
    '/api/v1/sections',
    {
      schema: {
        tags: TAGS,
        summary: 'Sections, in navigation order',
        response: { 200: SectionListJson, ...problemResponses() },
      },
    },
    async (_request, reply) => {
      cacheable(reply);
      return listSectionsJson(ctx);
    },
  );

  app.get(
    '/api/v1/tags',
    {
      schema: {
        tags: TAGS,
        summary: 'Tags, by slug',
        querystring: PagedQuery,
        response: {
          200: TagListJson,
          ...problemResponses({ 400: 'Bad limit or cursor (INVALID_INPUT, PAGE_LINK_INVALID).' }),
        },
      },
    },
    async (request, reply) => {
      cacheable(reply);
      return listTags(ctx, request.query);
    },
  );

  app.get(
    '/api/v1/authors',
    {
      schema: {
        tags: TAGS,
        summary: 'Public author profiles (name, slug, bio), by slug',
        querystring: PagedQuery,
        response: {
          200: AuthorListJson,
          ...problemResponses({ 400: 'Bad limit or cursor (INVALID_INPUT, PAGE_LINK_INVALID).' }),
        },
      },
    },
    async (request, reply) => {
      cacheable(reply);
      return listAuthors(ctx, request.query);
    },
  );

  app.get(
    '/api/v1/pages',
    {
      schema: {
        tags: TAGS,
        summary: 'Published pages of the site (About, Contact …), by title',
        description: 'Pages are not articles: they are never in `/api/v1/articles` or the search.',
        response: { 200: PageListJson, ...problemResponses() },
      },
    },
    async (_request, reply) => {
      cacheable(reply);
      return listPagesJson(ctx);
    },
  );

  app.get(
    '/api/v1/pages/:slug',
    {
      schema: {
        tags: TAGS,
        summary: 'One published page with its HTML body',
        description: 'A former slug answers 301 with the page’s address in this API in `Location`.',
        params: SlugParams,
        response: {
          200: Type.Ref('Page'),
          301: Type.Null({ description: 'The slug is a former one: `Location` has the current address.' }),
          ...problemResponses({ 404: 'No published page at that slug (PAGE_NOT_FOUND).' }),
        },
      },
    },
    async (request, reply) => {
      const page = await getPageJson(ctx, request.params.slug);
      if ('moved' in page) return reply.redirect(page.moved, 301);
      cacheable(reply);
      return page;
    },
  );

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: TAGS,
        summary: 'Search published articles (the site’s search: ranked, with highlights)',
        querystring: SearchQuery,
        response: {
          200: SearchResultJson,
          ...problemResponses({ 400: 'The query is missing, too long or not valid (INVALID_INPUT).' }),
        },
      },
    },
    async (request, reply) => {
      cacheable(reply);
      return search(ctx, request.query);
    },
  );
}
