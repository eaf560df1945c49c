/**
 * The type every feature's routes receive: the Fastify app with TypeBox typing and the decorations
 * `buildApp` adds. Kept apart from app.ts so that features depend on this type, not on the app that
 * registers them.
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from '../deps.js';
import type { Viewer } from '../platform/roles.js';
import type { RoutePolicy } from './route-policy.js';

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

import type { I18n } from '../platform/i18n.js';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    /** Every registered route with its declared policy (src/web/route-policy.ts). */
    routePolicies: readonly RoutePolicy[];
  }
  interface FastifyRequest {
    /** The signed-in account, set by the accounts feature; null for guests. */
    viewer: Viewer | null;
    /** The site's language and time zone for this request (set by the app's first hook; never null in a route). */
    i18n: I18n;
  }
  interface FastifyReply {
    /**
     * The CSRF token for a form on this page: a signed-in account's pages carry one (they are private and
     * work from browsers that send neither Origin nor Sec-Fetch-Site); a public page carries none, so it
     * is the same for every reader and sets no cookie (src/web/cross-origin.ts).
     */
    formToken(): string;
  }
}
