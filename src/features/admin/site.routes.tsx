/**
 * /admin/site: the site's identity (name, tagline, accent colour, footer text, Support appeal, time zone, type
 * pairing), publisher only; and /site.css, the small stylesheet that applies the accent and the pairing's fonts
 * (the CSP allows no inline style). The logo and favicon forms post to brand.routes.tsx.
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import type { AppError } from '../../errors.js';
import { flashMessage, formErrors } from '../../web/forms.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { readSiteIdentity, saveSiteIdentity, type SiteIdentity } from '../../platform/site-identity.js';
import { SiteSettingsPage, type SiteValues } from './views/SiteSettingsPage.js';
import { timeZoneNames } from '../../lib/time-zone.js';
import { fontCatalogue, TYPE_PAIRINGS } from '../../platform/type-pairings.js';
import { brandRoutes } from './brand.routes.js';
import { LOCALES } from '../../platform/i18n.js';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const SiteBody = Type.Object({
  _csrf: Str(200),
  name: Type.String({ maxLength: 120 }),
  tagline: Str(200),
  accent: Str(20),
  footer_text: Str(500),
  appeal: Str(600),
  time_zone: Str(64),
  type_pairing: Str(64),
  locale: Str(8),
});

const formValues = (s: SiteIdentity, defaultAppeal: boolean): SiteValues => ({
  name: s.name,
  tagline: s.tagline,
  accent: s.accent ?? '',
  footer_text: s.footerText,
  appeal: defaultAppeal ? '' : s.appeal,
  time_zone: s.timeZone,
  type_pairing: s.typePairing,
  locale: s.locale,
});

/**
 * The accent as custom properties (the text on it stays white: the save checked that it reads), then the type
 * pairing's @font-face rules and families.
 */
export const siteStylesheet = (s: SiteIdentity): string =>
  (s.accent ? `:root {\n  --accent: ${s.accent};\n  --accent-ink: #fff;\n}\n` : '') +
  (fontCatalogue().css.get(s.typePairing) ?? '');

/** The notice after each action: its key in the catalogue. */
const NOTICES = {
  saved: 'admin.site_notice_saved',
  logo: 'admin.site_notice_logo',
  'logo-removed': 'admin.site_notice_logo_removed',
  favicon: 'admin.site_notice_favicon',
  'favicon-removed': 'admin.site_notice_favicon_removed',
};

export async function siteRoutes(app: AppInstance): Promise<void> {
  const deps = app.deps;
  const publisher = requireRole('publisher');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values?: SiteValues; error?: AppError; notice?: string },
  ) {
    const site = await readSiteIdentity(deps);
    return reply.page(
      { title: request.i18n.t('admin.site_title'), bodyClass: 'admin' },
      <SiteSettingsPage
        role={viewerOf(request).role}
        csrf={reply.formToken()}
        values={o.values ?? formValues(site, site.version === 0)}
        defaultName={deps.config.siteName}
        defaultTimeZone={deps.config.siteTimeZone}
        timeZones={timeZoneNames()}
        pairings={TYPE_PAIRINGS.map((p) => ({ value: p.id, label: request.i18n.text(p.label) }))}
        locales={LOCALES.map((l) => ({ value: l.code, label: l.name }))}
        site={site}
        error={o.error}
        notice={o.notice}
      />,
      reply.statusCode >= 400 ? reply.statusCode : 200,
    );
  }

  app.get(
    '/admin/site',
    { schema: { querystring: Type.Object({ done: Str(20) }) }, preHandler: publisher },
    async (request, reply) => {
      const notice = flashMessage(NOTICES, request.query.done);
      return render(request, reply, { notice: notice && request.i18n.t(notice) });
    },
  );

  app.post(
    '/admin/site',
    {
      schema: { body: SiteBody },
      preHandler: [publisher, app.csrfProtection],
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      errorHandler: formErrors(async (request, reply, error) =>
        render(request, reply, { values: (request.body ?? {}) as SiteValues, error }),
      ),
    },
    async (request, reply) => {
      const b = request.body;
      await saveSiteIdentity({ ...deps, now: deps.clock.now() }, viewerOf(request), {
        name: b.name,
        tagline: b.tagline ?? '',
        accent: b.accent ?? '',
        footerText: b.footer_text ?? '',
        appeal: b.appeal ?? '',
        timeZone: b.time_zone ?? '',
        typePairing: b.type_pairing ?? '',
        locale: b.locale ?? '',
      });
      return reply.redirect('/admin/site?done=saved', 303);
    },
  );

  // Addressed by version (/site.css?v=3): a page names the version it was rendered with, so an old address may
  // be cached for good; the current sheet is served whatever `v` says, cached briefly when `v` is not its version.
  app.get('/site.css', { schema: { querystring: Type.Object({ v: Str(20) }) } }, async (request, reply) => {
    const site = await readSiteIdentity(deps);
    const current = request.query.v === String(site.version);
    return reply
      .header('cache-control', current ? 'public, max-age=31536000, immutable' : 'public, max-age=60')
      .type('text/css; charset=utf-8')
      .send(siteStylesheet(site));
  });

  // Logo, favicon and fonts; a refused upload shows this page again with the message.
  await brandRoutes(app, async (request, reply, error) => render(request, reply, { error }));
}
