/** The Admin API's articles and images: /api/v1/admin/articles…, /api/v1/admin/images (read_drafts, publish). */
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { tokenOf, type TokenRoute } from './bearer.js';
import { publishArticle, unpublishArticle } from '../articles/index.js';
import { findImagesByIds, readImageUpload, snippetOf, uploadFromForm } from '../images/index.js';
import {
  AdminArticleJson,
  AdminArticleListJson,
  AdminArticleListQuery,
  CreateArticleBody,
  IdParams,
  ImageJson,
  TAGS,
  security,
  tokenProblems,
  UpdateArticleBody,
} from './admin-api.schemas.js';
import { createAdminArticle, listAdminArticles, readAdminArticle, updateAdminArticle } from './admin-api.service.js';

const ARTICLE_PROBLEMS = {
  400: 'A field fails its schema or the editor’s rules (INVALID_INPUT, ARTICLE_INVALID with `fields`, ARTICLE_SLUG_TAKEN, ARTICLE_BODY_REQUIRED).',
  404: 'No article with that id (ARTICLE_NOT_FOUND).',
  409: 'The article changed since `revision` (ARTICLE_EDIT_CONFLICT).',
};

/** Articles and images (scopes read_drafts and publish). */
export function adminApiArticleRoutes(app: AppInstance, tokenRoute: TokenRoute): void {
  const ctx = app.deps;

  app.get(
    '/api/v1/admin/articles',
    {
      ...tokenRoute('read_drafts'),
      schema: {
        tags: TAGS,
        security,
        summary: 'Articles in every status (drafts included), latest change first',
        querystring: AdminArticleListQuery,
        response: { 200: AdminArticleListJson, ...tokenProblems() },
      },
    },
    async (request) => listAdminArticles(ctx, tokenOf(request).actor, request.query),
  );

  app.get(
    '/api/v1/admin/articles/:id',
    {
      ...tokenRoute('read_drafts'),
      schema: {
        tags: TAGS,
        security,
        summary: 'One article in any status, with its Markdown and revision',
        params: IdParams,
        response: { 200: AdminArticleJson, ...tokenProblems({ 404: ARTICLE_PROBLEMS[404] }) },
      },
    },
    async (request) => readAdminArticle(ctx, request.params.id),
  );

  app.post(
    '/api/v1/admin/articles',
    {
      ...tokenRoute('publish'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: TAGS,
        security,
        summary: 'Create a draft (as the editor’s “Save”)',
        body: CreateArticleBody,
        response: { 201: AdminArticleJson, ...tokenProblems({ 400: ARTICLE_PROBLEMS[400] }) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return createAdminArticle(ctx, tokenOf(request).actor, request.body);
    },
  );

  app.patch(
    '/api/v1/admin/articles/:id',
    {
      ...tokenRoute('publish'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: TAGS,
        security,
        summary: 'Change an article’s fields (those sent; the others keep their value)',
        params: IdParams,
        body: UpdateArticleBody,
        response: { 200: AdminArticleJson, ...tokenProblems(ARTICLE_PROBLEMS) },
      },
    },
    async (request) => updateAdminArticle(ctx, tokenOf(request).actor, request.params.id, request.body),
  );

  for (const [verb, act] of [
    ['publish', publishArticle],
    ['unpublish', unpublishArticle],
  ] as const) {
    app.post(
      `/api/v1/admin/articles/:id/${verb}`,
      {
        ...tokenRoute('publish'),
        schema: {
          tags: TAGS,
          security,
          summary:
            verb === 'publish' ? 'Publish now' : 'Take back to draft (its address answers 404 until republished)',
          params: IdParams,
          response: {
            200: AdminArticleJson,
            ...tokenProblems({
              400: 'An empty article cannot be published (ARTICLE_BODY_REQUIRED).',
              404: ARTICLE_PROBLEMS[404],
            }),
          },
        },
      },
      async (request) => {
        await act(ctx, tokenOf(request).actor, request.params.id);
        return readAdminArticle(ctx, request.params.id);
      },
    );
  }

  app.post(
    '/api/v1/admin/images',
    {
      ...tokenRoute('publish'),
      // The multipart body is read by readImageUpload (below), after the token is checked; the schema
      // documents it, and the image pipeline checks the file and the alt text as for the library's form.
      validatorCompiler: () => () => true,
      preHandler: readImageUpload,
      schema: {
        tags: TAGS,
        security,
        summary: 'Upload an image to the library (the image pipeline: renditions, alt text required)',
        consumes: ['multipart/form-data'],
        body: Type.Object({
          file: Type.String({ format: 'binary', description: 'JPEG, PNG, WebP, AVIF or GIF, up to 15 MB.' }),
          alt: Type.Optional(Type.String({ maxLength: 1000, description: 'Required unless decorative.' })),
          decorative: Type.Optional(Type.Literal('1')),
          caption: Type.Optional(Type.String({ maxLength: 1000 })),
          credit: Type.Optional(Type.String({ maxLength: 300 })),
        }),
        response: {
          201: ImageJson,
          ...tokenProblems({
            400: 'No file, no alt text, or a broken upload (IMAGE_FILE_REQUIRED, IMAGE_TEXT_INVALID, UPLOAD_INCOMPLETE).',
            415: 'Not sent as multipart/form-data, or not an image the site reads (UPLOAD_NOT_MULTIPART, IMAGE_UNREADABLE).',
            422: 'The image has more pixels than the site processes, or is damaged (IMAGE_TOO_MANY_PIXELS, IMAGE_DAMAGED).',
            413: 'The file is larger than 15 MB (IMAGE_TOO_LARGE).',
          }),
        },
      },
    },
    async (request, reply) => {
      const fields = request.body as Record<string, string>;
      const id = await uploadFromForm(ctx, tokenOf(request).actor, request.upload!, fields);
      const image = (await findImagesByIds(ctx.db.kysely, [id])).get(id)!;
      reply.code(201);
      return {
        id,
        status: image.status,
        width: image.width,
        height: image.height,
        alt: image.alt,
        snippet: snippetOf(image),
      };
    },
  );
}
