/**
 * The logo, the favicon and the fonts: the publisher's uploads (/admin/site/logo, /admin/site/favicon and their
 * removal), and the files every page links to: /brand/<kind>/<hash>/<file>, /favicon.ico, /apple-touch-icon.png,
 * /site.webmanifest and the type pairings' woff2 files under /fonts/. Addresses with a hash or version never
 * change what they serve and are cached for a year; the fixed ones briefly.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import { msg } from '../../lib/message.js';
import { formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import {
  makeDefaultFaviconFiles,
  makeFaviconFiles,
  makeFaviconFilesFromLogo,
  makeLogoFiles,
  readImageUpload,
  type FaviconFiles,
} from '../images/index.js';
import {
  readBrandFile,
  readSiteIdentity,
  setSiteBrandAsset,
  type BrandFile,
  type BrandKind,
} from '../../platform/site-identity.js';
import { brandFileUrl } from '../../platform/brand-urls.js';
import { fontCatalogue } from '../../platform/type-pairings.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FOREVER = 'public, max-age=31536000, immutable';
/** Fixed addresses (/favicon.ico): browsers ask again after a day, so a new icon shows within one. */
const A_DAY = 'public, max-age=86400';
/** The built-in icon's files answer at /brand/favicon/default/…. */
const DEFAULT_HASH = 'default';

/** Shows the site settings page again with an error (site.routes.tsx). */
export type SitePageRenderer = (request: FastifyRequest, reply: FastifyReply, error: AppError) => Promise<FastifyReply>;

/** The service's `file` field error, named after the form it belongs to (so its summary links to that input). */
function onField(err: unknown, kind: BrandKind): unknown {
  if (!(err instanceof AppError) || !err.options.fields?.file) return err;
  const message = err.options.fields.file;
  return new AppError(err.code as never, err.text, { fields: { [kind]: message }, cause: err });
}

export async function brandRoutes(app: AppInstance, renderSitePage: SitePageRenderer): Promise<void> {
  const deps = app.deps;
  const publisher = requireRole('publisher');
  if (!app.hasRequestDecorator('upload')) app.decorateRequest('upload', null);
  const save = (
    request: FastifyRequest,
    kind: BrandKind,
    files: Awaited<ReturnType<typeof makeLogoFiles>> | FaviconFiles | null,
  ) => setSiteBrandAsset({ ...deps, now: deps.clock.now() }, viewerOf(request), kind, files);

  for (const kind of ['logo', 'favicon'] as const) {
    app.post(
      `/admin/site/${kind}`,
      {
        preHandler: [publisher, readImageUpload, app.csrfProtection],
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        errorHandler: formErrors(renderSitePage),
      },
      async (request, reply) => {
        const upload = request.upload!;
        try {
          if (upload.tooLarge)
            throw new AppError('IMAGE_TOO_LARGE', msg('admin.brand_file_too_large'), {
              fields: { file: msg('admin.brand_file_too_large_field') },
            });
          const files = kind === 'logo' ? await makeLogoFiles(upload.buffer) : await makeFaviconFiles(upload.buffer);
          await save(request, kind, files);
        } catch (err) {
          throw onField(err, kind);
        }
        return reply.redirect(`/admin/site?done=${kind}#${kind}`, 303);
      },
    );
    app.post(
      `/admin/site/${kind}/remove`,
      {
        schema: { body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) },
        preHandler: [publisher, app.csrfProtection],
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
        errorHandler: formErrors(renderSitePage),
      },
      async (request, reply) => {
        await save(request, kind, null);
        return reply.redirect(`/admin/site?done=${kind}-removed#${kind}`, 303);
      },
    );
  }

  app.post(
    '/admin/site/favicon/from-logo',
    {
      schema: { body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) },
      preHandler: [publisher, app.csrfProtection],
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      errorHandler: formErrors(renderSitePage),
    },
    async (request, reply) => {
      const { logo } = await readSiteIdentity(deps);
      const png = logo ? await readBrandFile(deps.db.kysely, 'logo', logo.hash, 'logo.png') : null;
      if (!png) {
        const m = msg('admin.brand_no_logo_for_favicon');
        throw new AppError('IMAGE_FILE_REQUIRED', m, { fields: { favicon: m } });
      }
      await save(request, 'favicon', await makeFaviconFilesFromLogo(png.data));
      return reply.redirect('/admin/site?done=favicon#favicon', 303);
    },
  );

  // The built-in icon, drawn once per app from public/favicon.svg on first use.
  let defaults: Promise<FaviconFiles> | undefined;
  const defaultIcons = async (): Promise<FaviconFiles> => {
    defaults ??= fs.readFile(path.join(ROOT, 'public', 'favicon.svg')).then(makeDefaultFaviconFiles);
    return defaults.catch((err: unknown) => {
      defaults = undefined;
      throw err;
    });
  };

  // Files by kind, hash and name: content-addressed, so a kept copy is never stale. Bounded (a few current files).
  const kept = new Map<string, BrandFile>();
  async function brandFile(kind: BrandKind, hash: string, name: string): Promise<BrandFile | null> {
    const key = `${kind}/${hash}/${name}`;
    const hit = kept.get(key);
    if (hit) return hit;
    const file = await readBrandFile(deps.db.kysely, kind, hash, name);
    if (file) {
      if (kept.size >= 32) kept.clear();
      kept.set(key, file);
    }
    return file;
  }

  /** The current favicon's file of that name, or the built-in one's. */
  async function currentIcon(name: keyof FaviconFiles['files']): Promise<BrandFile> {
    const site = await readSiteIdentity(deps);
    const own = site.favicon ? await brandFile('favicon', site.favicon.hash, name) : null;
    return own ?? (await defaultIcons()).files[name];
  }

  const sendFile = (reply: FastifyReply, file: BrandFile, cache: string) =>
    reply.header('cache-control', cache).type(file.type).send(file.data);

  const BrandParams = Type.Object({
    kind: Type.Union([Type.Literal('logo'), Type.Literal('favicon')]),
    hash: Type.String({ pattern: '^([0-9a-f]{16}|default)$' }),
    name: Type.String({ pattern: '^[a-z0-9-]+\\.(png|webp|ico)$' }),
  });
  app.get('/brand/:kind/:hash/:name', { schema: { params: BrandParams } }, async (request, reply) => {
    const { kind, hash, name } = request.params;
    let file: BrandFile | null = null;
    if (kind === 'favicon' && hash === DEFAULT_HASH) {
      const icons = (await defaultIcons()).files;
      file = Object.hasOwn(icons, name) ? icons[name as keyof typeof icons] : null;
    } else if (hash !== DEFAULT_HASH && (await readSiteIdentity(deps))[kind]?.hash === hash) {
      // Only the current files: a removed or replaced logo's address answers 404 (and its kept copy is not used).
      file = await brandFile(kind, hash, name);
    }
    if (!file) throw new AppError('NOT_FOUND', msg('admin.brand_file_not_found'));
    return sendFile(reply, file, FOREVER);
  });

  app.get('/favicon.ico', async (_request, reply) => sendFile(reply, await currentIcon('favicon.ico'), A_DAY));
  app.get('/apple-touch-icon.png', async (_request, reply) =>
    sendFile(reply, await currentIcon('icon-180.png'), A_DAY),
  );

  app.get(
    '/site.webmanifest',
    { schema: { querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const site = await readSiteIdentity(deps);
      const hash = site.favicon?.hash ?? DEFAULT_HASH;
      const manifest = {
        name: site.name,
        short_name: site.name.length > 12 ? site.name.slice(0, 12).trim() : site.name,
        start_url: '/',
        display: 'browser',
        background_color: '#fffdf8',
        theme_color: site.accent ?? '#1d4f91',
        icons: [192, 512].map((px) => ({
          src: brandFileUrl('favicon', hash, `icon-${px}.png`),
          sizes: `${px}x${px}`,
          type: 'image/png',
        })),
      };
      return reply
        .header('cache-control', request.query.v === String(site.version) ? FOREVER : 'public, max-age=300')
        .type('application/manifest+json; charset=utf-8')
        .send(JSON.stringify(manifest));
    },
  );

  const FontParams = Type.Object({
    version: Type.String({ pattern: '^[0-9.]{1,20}$' }),
    file: Type.String({ pattern: '^[a-z0-9-]{1,80}\\.woff2$' }),
  });
  app.get('/fonts/:version/:file', { schema: { params: FontParams } }, async (request, reply) => {
    const onDisk = fontCatalogue().files.get(`/fonts/${request.params.version}/${request.params.file}`);
    if (!onDisk) throw new AppError('NOT_FOUND', msg('admin.brand_font_not_found'));
    return reply
      .header('cache-control', FOREVER)
      .type('font/woff2')
      .send(await fs.readFile(onDisk));
  });
}
