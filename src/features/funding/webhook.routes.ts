/**
 * POST /webhooks/stripe. Stripe signs the exact bytes it sends, so this plugin (and only this one: the
 * parser is scoped by Fastify's encapsulation) keeps JSON bodies as raw Buffers for the verifier.
 * No CSRF token: the signature is the authentication.
 */
import type { AppInstance } from '../../web/app-instance.js';
import { receiveStripeWebhook } from './webhook.service.js';

export async function webhookRoutes(app: AppInstance): Promise<void> {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/webhooks/stripe',
    {
      // Stripe retries and may burst after an outage; still bounded so unsigned floods stay cheap.
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const signature = request.headers['stripe-signature'];
      const outcome = await receiveStripeWebhook(app.deps, raw, typeof signature === 'string' ? signature : undefined);
      return reply.code(200).send({ received: true, outcome });
    },
  );
}
