/**
 * /api/v1/admin/…: the Admin API (OpenAPI tag `admin`). Every route is behind an API token with one
 * scope (bearer.ts: 401 without a good token, 403 without the scope, a rate limit per token) and calls
 * one feature service, so an article saved here is saved exactly as from the editor, a comment approved
 * here exactly as from the queue, a gift counted exactly as from /admin/donations.
 */
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { BAN_DAYS, banCommenter, createBan, liftBan, loadBanPage, type Ban, type BanDays } from '../comments/index.js';
import { publishArticle, unpublishArticle } from '../articles/index.js';
import { readImageUpload, snippetOf, uploadFromForm, findImagesByIds } from '../images/index.js';
import { tokenOf, tokenRoute } from './bearer.js';
import {
  AdminArticleJson,
  AdminArticleListJson,
  AdminArticleListQuery,
  BanCreatedJson,
  BanListJson,
  CommenterBanBody,
  CreateArticleBody,
  GiftBody,
  GiftJson,
  IdParams,
  IdempotencyHeaders,
  ImageJson,
  ManualBanBody,
  ModerationParams,
  ModerationResultJson,
  QueueJson,
  QueueQuery,
  tokenProblems,
  UpdateArticleBody,
} from './admin-api.schemas.js';
import {
  createAdminArticle,
  listAdminArticles,
  loadAdminQueue,
  moderateOne,
  readAdminArticle,
  recordGift,
  updateAdminArticle,
} from './admin-api.service.js';

const TAGS = ['admin'];
const security = [{ bearerAuth: [] }];
const ARTICLE_PROBLEMS = {
  400: 'A field fails its schema or the editor’s rules (INVALID_INPUT, ARTICLE_INVALID with `fields`, ARTICLE_SLUG_TAKEN, ARTICLE_BODY_REQUIRED).',
  404: 'No article with that id (ARTICLE_NOT_FOUND).',
  409: 'The article changed since `revision` (ARTICLE_EDIT_CONFLICT).',
};

const daysOf = (d: number | 'permanent'): BanDays => BAN_DAYS.find((x) => (x ?? 'permanent') === d) ?? 30;
const banJson = (b: Ban) => ({
  id: b.id,
  kind: b.kind,
  fingerprint: b.fingerprint,
  reason: b.reason,
  expires_at: b.expiresAt,
  lifted_at: b.liftedAt,
  created_at: b.createdAt,
});

/** Articles and images (scopes read_drafts and publish). */
export async function adminApiArticleRoutes(app: AppInstance): Promise<void> {
  const ctx = app.deps;
  app.decorateRequest('apiToken', null);
  app.decorateRequest('upload', null);

  app.get(
    '/api/v1/admin/articles',
    {
      ...tokenRoute(ctx, 'read_drafts'),
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
      ...tokenRoute(ctx, 'read_drafts'),
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
      ...tokenRoute(ctx, 'publish'),
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
      ...tokenRoute(ctx, 'publish'),
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
        ...tokenRoute(ctx, 'publish'),
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
      ...tokenRoute(ctx, 'publish'),
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

/** The moderation queue, its actions and bans (scope moderate). */
export async function adminApiModerationRoutes(app: AppInstance): Promise<void> {
  const ctx = app.deps;
  app.decorateRequest('apiToken', null);

  app.get(
    '/api/v1/admin/comments',
    {
      ...tokenRoute(ctx, 'moderate'),
      schema: {
        tags: TAGS,
        security,
        summary: 'The moderation queue (pending by default), newest first, 50 a page',
        querystring: QueueQuery,
        response: { 200: QueueJson, ...tokenProblems() },
      },
    },
    async (request) => loadAdminQueue(ctx, request.query),
  );

  app.post(
    '/api/v1/admin/comments/:id/:action',
    {
      ...tokenRoute(ctx, 'moderate'),
      schema: {
        tags: TAGS,
        security,
        summary: 'Approve, spam, trash or restore (to pending) one comment',
        params: ModerationParams,
        response: {
          200: ModerationResultJson,
          ...tokenProblems({ 404: 'No comment with that id (COMMENT_NOT_FOUND).' }),
        },
      },
    },
    async (request) => moderateOne(ctx, tokenOf(request).actor, request.params.id, request.params.action),
  );

  app.post(
    '/api/v1/admin/comments/:id/ban',
    {
      ...tokenRoute(ctx, 'moderate'),
      schema: {
        tags: TAGS,
        security,
        summary: 'Ban the author of a comment by account, e-mail and/or IP (stored as HMACs)',
        params: IdParams,
        body: CommenterBanBody,
        response: {
          201: BanCreatedJson,
          ...tokenProblems({
            400: 'Nothing to ban by, or no reason (BAN_SCOPE_REQUIRED, BAN_REASON_REQUIRED).',
            404: 'No comment with that id (COMMENT_NOT_FOUND).',
            409: 'The author is staff (BAN_STAFF).',
          }),
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await banCommenter(ctx, {
        actorId: tokenOf(request).actor.id,
        commentId: request.params.id,
        scopes: { account: b.account ?? false, email: b.email ?? false, ip: b.ip ?? false },
        reason: b.reason,
        days: daysOf(b.days),
        spamPending: b.spam_pending ?? false,
        now: ctx.clock.now(),
      });
      reply.code(201);
      return { ban_ids: result.banIds, spammed: result.spammed };
    },
  );

  app.get(
    '/api/v1/admin/bans',
    {
      ...tokenRoute(ctx, 'moderate'),
      schema: {
        tags: TAGS,
        security,
        summary: 'Bans in force (up to 200) and recently ended (50)',
        response: { 200: BanListJson, ...tokenProblems() },
      },
    },
    async () => {
      const { active, ended } = await loadBanPage(ctx);
      return { active: active.map(banJson), ended: ended.map(banJson) };
    },
  );

  app.post(
    '/api/v1/admin/bans',
    {
      ...tokenRoute(ctx, 'moderate'),
      schema: {
        tags: TAGS,
        security,
        summary: 'Ban an e-mail address or IP address (only its HMAC is stored)',
        body: ManualBanBody,
        response: {
          201: BanCreatedJson,
          ...tokenProblems({
            400: 'Not an address, or no reason (BAN_EMAIL_INVALID, BAN_IP_INVALID, BAN_REASON_REQUIRED).',
          }),
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const id = await createBan(ctx, {
        actorId: tokenOf(request).actor.id,
        kind: b.kind,
        value: b.value,
        reason: b.reason,
        days: daysOf(b.days),
        now: ctx.clock.now(),
      });
      reply.code(201);
      return { ban_ids: [id], spammed: 0 };
    },
  );

  app.post(
    '/api/v1/admin/bans/:id/lift',
    {
      ...tokenRoute(ctx, 'moderate'),
      schema: {
        tags: TAGS,
        security,
        summary: 'End a ban now',
        params: IdParams,
        response: {
          204: Type.Null({ description: 'Lifted.' }),
          ...tokenProblems({
            404: 'No ban with that id (BAN_NOT_FOUND).',
            409: 'The ban has ended already (BAN_ALREADY_LIFTED).',
          }),
        },
      },
    },
    async (request, reply) => {
      await liftBan(ctx, { actorId: tokenOf(request).actor.id, banId: request.params.id, now: ctx.clock.now() });
      reply.code(204);
      return null;
    },
  );
}

/** Offline gifts (scope funding). */
export async function adminApiFundingRoutes(app: AppInstance): Promise<void> {
  const ctx = app.deps;
  app.decorateRequest('apiToken', null);

  app.post(
    '/api/v1/admin/gifts',
    {
      ...tokenRoute(ctx, 'funding'),
      schema: {
        tags: TAGS,
        security,
        summary: 'Record an offline gift (counts toward its month’s goal); retried with the same Idempotency-Key, once',
        headers: IdempotencyHeaders,
        body: GiftBody,
        response: {
          201: GiftJson,
          200: GiftJson,
          ...tokenProblems({
            400: 'A field needs attention (INVALID_INPUT, OFFLINE_GIFT_INVALID with `fields`), or no Idempotency-Key.',
            422: 'The Idempotency-Key was used for a different gift (IDEMPOTENCY_KEY_REUSED).',
          }),
        },
      },
    },
    async (request, reply) => {
      const gift = await recordGift(ctx, tokenOf(request).actor, request.body, request.headers['idempotency-key']);
      reply.code(gift.replayed ? 200 : 201);
      return gift;
    },
  );
}
