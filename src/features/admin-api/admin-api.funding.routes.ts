/** The Admin API's funding: offline gifts, once per idempotency key (scope funding). */
import type { AppInstance } from '../../web/app-instance.js';
import { tokenOf, type TokenRoute } from './bearer.js';
import { GiftBody, GiftJson, IdempotencyHeaders, TAGS, security, tokenProblems } from './admin-api.schemas.js';
import { recordGift } from './admin-api.service.js';

/** Offline gifts (scope funding). */
export function adminApiFundingRoutes(app: AppInstance, tokenRoute: TokenRoute): void {
  const ctx = app.deps;

  app.post(
    '/api/v1/admin/gifts',
    {
      ...tokenRoute('funding'),
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
