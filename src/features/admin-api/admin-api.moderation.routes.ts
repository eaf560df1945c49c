/** The Admin API's moderation: the queue, its actions and bans (scope moderate). */
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { tokenOf, type TokenRoute } from './bearer.js';
import { BAN_DAYS, banCommenter, createBan, liftBan, loadBanPage, type Ban, type BanDays } from '../comments/index.js';
import {
  BanCreatedJson,
  BanListJson,
  CommenterBanBody,
  IdParams,
  ManualBanBody,
  ModerationParams,
  ModerationResultJson,
  QueueJson,
  QueueQuery,
  TAGS,
  security,
  tokenProblems,
} from './admin-api.schemas.js';
import { loadAdminQueue, moderateOne } from './admin-api.service.js';

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

/** The moderation queue, its actions and bans (scope moderate). */
export function adminApiModerationRoutes(app: AppInstance, tokenRoute: TokenRoute): void {
  const ctx = app.deps;

  app.get(
    '/api/v1/admin/comments',
    {
      ...tokenRoute('moderate'),
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
      ...tokenRoute('moderate'),
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
      ...tokenRoute('moderate'),
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
      ...tokenRoute('moderate'),
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
      ...tokenRoute('moderate'),
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
      ...tokenRoute('moderate'),
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
