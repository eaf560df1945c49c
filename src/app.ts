/** buildApp(deps): the Fastify app with its plugins, error handling and feature routes. It never listens. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyBaseLogger } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyPlugin from 'fastify-plugin';
import { randomUUID } from 'node:crypto';
import { constants as zlibConstants } from 'node:zlib';
import type { Deps } from './deps.js';
import type { AppInstance } from './web/app-instance.js';

export type { AppInstance };
import { AppError } from './errors.js';
import { msg } from './lib/message.js';
import type { I18n } from './platform/i18n.js';
import { defaultSiteIdentity, readSiteIdentity, siteI18n } from './platform/site-identity.js';
import { accountRoutes } from './features/accounts/index.js';
import { signupRoutes } from './features/accounts/index.js';
import { adminRoutes } from './features/admin/index.js';
import { articleRoutes, pageAdminRoutes, pageRoutes } from './features/articles/index.js';
import { feedRoutes } from './features/feeds/index.js';
import { listingRoutes } from './features/listings/index.js';
import { searchRoutes } from './features/search/index.js';
import { editorialRoutes } from './features/admin/index.js';
import { fundingRoutes } from './features/funding/index.js';
import { healthRoutes } from './features/health/index.js';
import { inlineAdminRoutes } from './features/comments/index.js';
import { auditRoutes, registerMetrics } from './features/ops/index.js';
import { moderationRoutes } from './features/comments/index.js';
import { mailRoutes } from './features/mail/index.js';
import { subscriptionRoutes } from './features/subscriptions/index.js';
import { findLegacyRedirect, importRoutes, isLegacyHomeQuery } from './features/importers/index.js';
import { commentRoutes } from './features/comments/index.js';
import { liveRoutes } from './features/live/index.js';
import { API_SCHEMAS, contentApiRoutes } from './features/content-api/index.js';
import { adminApiRoutes, apiTokenRoutes } from './features/admin-api/index.js';
import { webhookRoutes } from './features/webhooks/index.js';
import { navigationRoutes } from './features/navigation/index.js';
import { ProblemSchema } from './web/problem.js';
import { handleError } from './web/error-handler.js';
import { clientAddress, trustProxyOption } from './web/client-address.js';
import { markPersonalAnswers } from './web/personal-cache.js';
import { crossOriginProtection } from './web/cross-origin.js';
import { announceWrites, pageCaching } from './web/page-cache.js';
import { normalizeFormArrays } from './web/form-arrays.js';
import { serveStoredMedia } from './web/stored-media.js';
import { policiesOf, type RoutePolicy } from './web/route-policy.js';
import { applySecurityHeaders, securityHeaderOptions } from './web/security-headers.js';
import { createChromeLoader } from './shell/chrome.js';
import { createPageRenderer } from './shell/page.js';
import type { PageMeta } from './web/render.js';
import type { ComponentChildren } from 'preact';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** True when a string anywhere in parsed input (params, query, form or JSON body) holds U+0000. */
function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 6 || v === null || typeof v !== 'object' || Buffer.isBuffer(v)) return false;
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

export async function buildApp(deps: Deps): Promise<AppInstance> {
  const securityHeaders = securityHeaderOptions({ hsts: deps.config.secureCookies });
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: (req) =>
      typeof req.headers['x-request-id'] === 'string' && /^[\w-]{8,64}$/.test(req.headers['x-request-id'])
        ? req.headers['x-request-id']
        : randomUUID(),
    // The one decision about who the client is (src/web/client-address.ts reads its result).
    trustProxy: trustProxyOption(deps.config.trustedProxies),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // A path that is not valid UTF-8 percent-encoding is the client's mistake: 400, never 500.
    // Fastify answers these before routing, so helmet's hook has not run: the same headers are set here.
    frameworkErrors: (err, request, reply) => {
      applySecurityHeaders(request, reply, securityHeaders);
      void handleError(new AppError('MALFORMED_URL', msg('errors.malformed_url'), { cause: err }), request, reply);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.decorateRequest('viewer', null);
  // The site's language and time zone for everything this request answers (src/platform/i18n.ts), from the
  // site identity's in-process cache; the environment's defaults while the database cannot be read.
  app.decorateRequest('i18n', null as unknown as I18n);
  app.addHook('onRequest', async (request) => {
    const site = await readSiteIdentity(deps).catch(() => defaultSiteIdentity(deps.config));
    request.i18n = siteI18n(site);
  });
  app.decorate('renderPage', createPageRenderer(createChromeLoader(deps), deps.config.siteName));
  app.decorateReply(
    'page',
    async function (this: FastifyReply, meta: PageMeta, body: ComponentChildren, status?: number) {
      return app.renderPage(this.request, this, meta, body, status);
    },
  );

  // A NUL character is never meaningful in a slug, a search or a comment, and PostgreSQL refuses it in
  // text (a 500 there, while SQLite would store it): every route answers 400 before it reaches a query.
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.params) || hasNul(request.query) || hasNul(request.body)) {
      throw new AppError('NUL_BYTE', msg('errors.nul_byte'));
    }
  });

  // A field ticked once is still a list (src/web/form-arrays.ts), also on the page that shows a refused form again.
  app.addHook('preValidation', normalizeFormArrays);

  // Slugs may be in any script, and an HTTP header carries ASCII only: a redirect to `/articles/москва`
  // goes out percent-encoded (Node would refuse the header and answer 500).
  app.addHook('onSend', async (_request, reply) => {
    const location = reply.getHeader('location');
    if (typeof location === 'string' && /[^\x20-\x7e]/.test(location))
      reply.header('location', location.replace(/[^\x20-\x7e]+/g, encodeURIComponent));
  });

  // Every state change is rate limited: routes that do not choose a limit get the default.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m))) {
      route.config = { ...(route.config ?? {}) } as typeof route.config;
      const cfg = route.config as { rateLimit?: unknown };
      if (cfg.rateLimit === undefined) cfg.rateLimit = { max: deps.config.writeRateLimit, timeWindow: '1 minute' };
    }
  });

  // helmet's own types and @fastify/helmet's copy of them are one shape declared twice (ESM and CJS).
  await app.register(fastifyHelmet, securityHeaders as FastifyHelmetOptions);
  await app.register(fastifyCookie, { secret: deps.config.secretKey });
  // After @fastify/cookie, so that its onSend hook has written Set-Cookie when this one looks.
  app.addHook('onSend', markPersonalAnswers);
  // Public pages: cache headers, ETag/304, compression and the in-process page cache (src/web/page-cache.ts).
  // After helmet, whose headers a stored page keeps, and after the hook above, whose verdict it respects.
  const pages = pageCaching(
    deps.caches.pages,
    {
      seconds: deps.config.pageCacheSeconds,
      staleSeconds: deps.config.pageStaleSeconds,
      maxEntries: deps.config.pageCacheEntries,
      maxBytes: deps.config.pageCacheBytes,
    },
    () => deps.clock.now().getTime(),
  );
  app.addHook('onRequest', pages.serveStored);
  app.addHook('onSend', pages.publishPage);
  app.addHook('onResponse', announceWrites(deps.bus, deps.caches.pages));
  // Everything else (JSON, feeds, scripts, styles) is compressed on the way out; pages arrive compressed.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, path: '/' },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      return (
        (typeof body?._csrf === 'string' ? body._csrf : undefined) ??
        (req.headers['x-csrf-token'] as string | undefined)
      );
    },
  });
  // Origin / Sec-Fetch-Site first, the token only for browsers that send neither (src/web/cross-origin.ts).
  app.csrfProtection = crossOriginProtection(deps.config.siteUrl, app.csrfProtection);
  app.decorateReply('formToken', function (this: FastifyReply): string {
    return this.request.viewer ? this.generateCsrf() : '';
  });
  // The route table (src/web/route-policy.ts): every route from here on, with the policy its guard declares.
  const routePolicies: RoutePolicy[] = [];
  app.decorate('routePolicies', routePolicies);
  app.addHook('onRoute', (route) => {
    routePolicies.push(...policiesOf(route, app.csrfProtection));
  });
  await app.register(fastifyRateLimit, {
    global: false,
    keyGenerator: clientAddress,
    errorResponseBuilder: (_req, context) =>
      new AppError('RATE_LIMITED', msg('errors.rate_limited_wait', { seconds: Math.ceil(context.ttl / 1000) })),
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, { limits: { fileSize: 15 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Broadsheet API',
        version: '1.0.0',
        description: 'Content, comments and donations of a Broadsheet site.',
      },
      servers: [{ url: deps.config.siteUrl }],
      // The Admin API (/api/v1/admin, tag `admin`): an API token issued on /admin/tokens (docs/api.md).
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    hideUntagged: true,
    // Shared schemas keep their $id as their name: `#/components/schemas/Problem`, not `def-0`.
    refResolver: {
      buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  // Schemas every /api route may reference (src/web/problem.ts, the Content API's components).
  for (const schema of [ProblemSchema, ...API_SCHEMAS]) app.addSchema(schema);
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'public'),
    prefix: '/static/',
    maxAge: '1h',
    index: false,
  });
  // Image files: from DATA_DIR/media on this disk, or streamed from the bucket (MEDIA_STORAGE=s3).
  if (deps.media.kind === 'local')
    await app.register(fastifyStatic, {
      root: path.join(deps.config.dataDir, 'media'),
      prefix: '/media/',
      decorateReply: false,
      maxAge: '30d',
      immutable: true,
      index: false,
    });
  else serveStoredMedia(app, deps.media);

  registerMetrics(app, { token: deps.config.metricsToken });

  // Old addresses of an imported site (WordPress permalinks, /category/x/, /feed/ …) answer 301 to their new
  // home. Looked up only where the answer would otherwise be a 404, so normal pages never pay for it; the one
  // exception, `/?p=123`, is recognized by its shape before the home page is rendered.
  const legacyRedirect = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const location = await findLegacyRedirect(deps.db.kysely, request.url);
    if (location === null) return false;
    await reply.redirect(location, 301);
    return true;
  };
  app.addHook('onRequest', async (request, reply) => {
    if (isLegacyHomeQuery(request.url) && (await legacyRedirect(request, reply))) return reply;
  });
  app.setErrorHandler(async (err, request, reply) => {
    // A route's own 404 (`/tag/<old slug>`): the same lookup; if it fails, the 404 is still the answer.
    if (err instanceof AppError && err.status === 404 && !reply.sent) {
      const redirected = await legacyRedirect(request, reply).catch(() => false);
      if (redirected) return reply;
    }
    return handleError(err, request, reply);
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (await legacyRedirect(request, reply)) return reply;
    return handleError(new AppError('NOT_FOUND', msg('errors.not_found')), request, reply);
  });

  await app.register(healthRoutes);
  await app.register(fastifyPlugin(accountRoutes));
  await app.register(signupRoutes);
  await app.register(articleRoutes);
  await app.register(pageRoutes);
  await app.register(pageAdminRoutes);
  await app.register(adminRoutes);
  // Feature routes: one line each.
  await app.register(moderationRoutes);
  await app.register(auditRoutes);
  await app.register(listingRoutes);
  await app.register(feedRoutes);
  await app.register(searchRoutes);
  await app.register(mailRoutes);
  await app.register(subscriptionRoutes);
  await app.register(importRoutes);
  await app.register(editorialRoutes);
  await app.register(commentRoutes);
  await app.register(liveRoutes);
  await app.register(fundingRoutes);
  await app.register(inlineAdminRoutes);
  await app.register(contentApiRoutes);
  await app.register(apiTokenRoutes);
  await app.register(webhookRoutes);
  await app.register(navigationRoutes);
  await app.register(adminApiRoutes);
  app.get('/api/openapi.json', { config: { rateLimit: false } }, async () => app.swagger());
  // The API's docs page: Swagger UI from its npm package, served by the site itself (no CDN, no validator
  // badge calling out), reading the same OpenAPI document.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: false },
    theme: { title: 'Broadsheet API' },
    // Swagger UI sets a few inline styles as it renders; on its own pages only (which show nothing but the
    // site's own OpenAPI document), styles may be inline. Scripts stay 'self'.
    transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });

  return app;
}
