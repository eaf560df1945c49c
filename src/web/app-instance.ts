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

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    /** Every registered route with its declared policy (src/web/route-policy.ts). */
    routePolicies: readonly RoutePolicy[];
  }
  interface FastifyRequest {
    /** The signed-in account, set by the accounts feature; null for guests. */
    viewer: Viewer | null;
  }
}
