/**
 * The site's identity, set by the publisher in /admin/site: its name, tagline, accent colour, footer text, the
 * "Support" appeal, its time zone, its logo and favicon and its type pairing. Stored as one setting (key `site.identity`); the environment (SITE_NAME,
 * SITE_TIME_ZONE) gives the defaults
 * until the publisher saves. Every page, feed and mail reads it from an in-process cache (deps.caches.site), so
 * showing it costs no query; a save bumps its version and announces it on the event bus (LISTEN/NOTIFY on
 * PostgreSQL), and every process drops its copy when it hears that.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { contrastRatio, normalizeHexColour } from '../lib/contrast.js';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from '../lib/time-zone.js';
import { recordAudit } from './audit.repo.js';
import { msg, type Message } from '../lib/message.js';
import { DEFAULT_LOCALE, i18nFor, isLocale, type I18n, type LocaleCode } from './i18n.js';
import { DEFAULT_TYPE_PAIRING, typePairing } from './type-pairings.js';
import type { EventBus } from './event-bus.js';
import { hasRole } from './roles.js';
import { getSetting, putSetting } from './settings.repo.js';

export const SITE_SETTING = 'site.identity';
/** The logo's and favicon's generated files (base64), read only by the routes that serve them. */
export const BRAND_FILES_SETTING = 'site.brand-files';
/** The bus topic a save is announced on (the payload carries the new version only). */
export const SITE_TOPIC = 'site';
/** The page background (--paper in public/css/site.css) the accent must stand out against. */
export const PAGE_BACKGROUND = '#fffdf8';
/** The text colour on accent-coloured buttons (--accent-ink). */
export const ACCENT_INK = '#ffffff';
/** WCAG 2.1 AA for normal text. */
export const MIN_CONTRAST = 4.5;

export interface SiteIdentity {
  /** The site's name: the header, every <title>, feeds, mails. */
  name: string;
  /** One line under the name in the header; empty for none. */
  tagline: string;
  /** Lower-case #rrggbb for links and buttons, or null for the stylesheet's own. Always AA on the page and under white. */
  accent: string | null;
  /** The footer's sentence; empty for the default ("<name> is funded by its readers."). Plain text. */
  footerText: string;
  /** The paragraph of the "Support <name>" appeal in articles (plain text); empty for the language's own (funding.appeal_default). */
  appeal: string;
  /**
   * IANA zone name (`Europe/Berlin`) every date on pages, mails and the admin is shown in, scheduling is typed in
   * and the campaign month begins and ends in (src/lib/time-zone.ts). Stored instants stay UTC.
   */
  timeZone: string;
  /** The language of pages, feeds and mails (src/platform/i18n.ts). */
  locale: LocaleCode;
  /** The header logo (drawn at half its pixel size), or null for the name in text. Its files: BRAND_FILES_SETTING. */
  logo: BrandLogo | null;
  /** The uploaded favicon, or null for the built-in one. */
  favicon: { hash: string } | null;
  /** Id of the type pairing (src/platform/type-pairings.ts); `system` downloads no font. */
  typePairing: string;
  /** Bumped on every save, 0 while the environment's defaults stand; names the generated stylesheet (/site.css?v=). */
  version: number;
}

/** The logo as pages draw it: the content hash names its files (/brand/<hash>/logo.webp). */
export interface BrandLogo {
  hash: string;
  /** Pixel size of the generated files. */
  width: number;
  height: number;
}

/** A generated file of the logo or favicon. */
export interface BrandFile {
  type: string;
  data: Buffer;
}

/** The logo's or favicon's files as the image pipeline made them, named by content hash. */
export interface BrandAsset {
  hash: string;
  width?: number;
  height?: number;
  files: Record<string, BrandFile>;
}

export type BrandKind = 'logo' | 'favicon';

/** What the publisher sends (all trimmed by the service). */
export interface SiteIdentityInput {
  name: string;
  tagline: string;
  accent: string;
  footerText: string;
  appeal: string;
  /** Empty keeps the environment's default. */
  timeZone: string;
  /** A pairing id; empty for the system fonts. */
  typePairing: string;
  /** A language code (LOCALES); empty keeps the environment's default. */
  locale: string;
}

/** The environment's defaults the identity falls back to. */
export type SiteConfig = Pick<Config, 'siteName'> & { siteTimeZone?: string; siteLocale?: string };

/** This process's copy; `generation` moves on every invalidation so a read begun before it is never kept. */
export interface SiteIdentityCache {
  value?: SiteIdentity;
  generation: number;
}

export function createSiteIdentityCache(): SiteIdentityCache {
  return { generation: 0 };
}

/** The identity before the publisher has saved one: the environment's name and the built-in texts. */
export function defaultSiteIdentity(config: SiteConfig): SiteIdentity {
  return {
    name: config.siteName,
    tagline: '',
    accent: null,
    footerText: '',
    appeal: '',
    timeZone: config.siteTimeZone ?? DEFAULT_TIME_ZONE,
    locale: isLocale(config.siteLocale) ? config.siteLocale : DEFAULT_LOCALE,
    logo: null,
    favicon: null,
    typePairing: DEFAULT_TYPE_PAIRING,
    version: 0,
  };
}

/** The stored identity over the defaults; a stored value of the wrong shape falls back to its default. */
export async function loadSiteIdentity(db: Kysely<Database>, config: SiteConfig): Promise<SiteIdentity> {
  const d = defaultSiteIdentity(config);
  const v = await getSetting<Partial<Record<keyof SiteIdentity, unknown>>>(db, SITE_SETTING, {});
  const text = (x: unknown, fallback: string) => (typeof x === 'string' ? x : fallback);
  const accent = typeof v.accent === 'string' ? normalizeHexColour(v.accent) : null;
  return {
    name: text(v.name, '').trim() || d.name,
    tagline: text(v.tagline, d.tagline),
    accent: accent && accentProblem(accent) === null ? accent : null,
    footerText: text(v.footerText, d.footerText),
    appeal: text(v.appeal, '').trim(),
    // A zone this runtime no longer knows (or none saved) falls back to the environment's.
    timeZone: (typeof v.timeZone === 'string' && canonicalTimeZone(v.timeZone)) || d.timeZone,
    locale: isLocale(v.locale) ? v.locale : d.locale,
    logo: logoOf(v.logo),
    favicon: isHash((v.favicon as { hash?: unknown } | null)?.hash)
      ? { hash: (v.favicon as { hash: string }).hash }
      : null,
    typePairing: typeof v.typePairing === 'string' && typePairing(v.typePairing) ? v.typePairing : d.typePairing,
    version: typeof v.version === 'number' && Number.isInteger(v.version) ? v.version : 0,
  };
}

const isHash = (x: unknown): x is string => typeof x === 'string' && /^[0-9a-f]{16}$/.test(x);
const isSize = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0 && x <= 4096;

function logoOf(v: unknown): BrandLogo | null {
  const l = v as Partial<BrandLogo> | null | undefined;
  return l && isHash(l.hash) && isSize(l.width) && isSize(l.height)
    ? { hash: l.hash, width: l.width, height: l.height }
    : null;
}

interface SiteContext {
  db: { kysely: Kysely<Database> };
  config: SiteConfig;
  bus: EventBus;
  caches: { site: SiteIdentityCache };
}

/**
 * The identity for this request, from the cache. While the bus is reconnecting this process cannot hear other
 * processes' saves, so it reads the database each time until the bus is back (its `resync` empties the cache).
 */
export async function readSiteIdentity(ctx: SiteContext): Promise<SiteIdentity> {
  const cache = ctx.caches.site;
  if (cache.value && ctx.bus.state() !== 'reconnecting') return cache.value;
  const generation = cache.generation;
  const value = await loadSiteIdentity(ctx.db.kysely, ctx.config);
  // A save heard while this read was in flight may be newer than what it read: keep nothing then.
  if (cache.generation === generation) cache.value = value;
  return value;
}

/** Empties the cache; the next read loads the identity afresh. */
export function invalidateSiteIdentity(cache: SiteIdentityCache): void {
  cache.generation += 1;
  cache.value = undefined;
}

/** Empties the cache whenever any process announces a save (or the bus missed events: `resync`). */
export function watchSiteIdentity(bus: EventBus, cache: SiteIdentityCache): () => void {
  return bus.subscribe(SITE_TOPIC, () => invalidateSiteIdentity(cache));
}

/** Why an accent colour cannot be used (with both ratios), or null when it passes AA both ways. */
export function accentProblem(accent: string): Message | null {
  const values = accentContrast(accent);
  return values ? msg('admin.accent_contrast', values) : null;
}

/** The two ratios (rounded down to hundredths, as formatRatio does) when either is below MIN_CONTRAST. */
function accentContrast(accent: string): { accent: string; page: number; ink: number; min: number } | null {
  const onPage = contrastRatio(accent, PAGE_BACKGROUND);
  const underText = contrastRatio(accent, ACCENT_INK);
  if (onPage >= MIN_CONTRAST && underText >= MIN_CONTRAST) return null;
  const hundredths = (r: number) => Math.floor(r * 100) / 100;
  return { accent, page: hundredths(onPage), ink: hundredths(underText), min: MIN_CONTRAST };
}

type IdentityFields = Omit<SiteIdentity, 'version' | 'logo' | 'favicon'>;

function validInput(input: SiteIdentityInput, config: SiteConfig): { stored: IdentityFields } {
  const name = input.name.trim();
  if (name === '')
    throw new AppError('SITE_NAME_REQUIRED', msg('admin.site_name_required'), {
      fields: { name: msg('admin.site_name_enter') },
    });
  const rawAccent = input.accent.trim();
  const accent = rawAccent === '' ? null : normalizeHexColour(rawAccent);
  if (rawAccent !== '' && accent === null)
    throw new AppError('SITE_ACCENT_INVALID', msg('admin.accent_not_colour'), {
      fields: { accent: msg('admin.accent_write_as') },
    });
  const contrast = accent === null ? null : accentContrast(accent);
  if (contrast !== null)
    throw new AppError('SITE_ACCENT_INVALID', msg('admin.accent_contrast_error', contrast), {
      fields: { accent: msg('admin.accent_contrast', contrast) },
    });
  const rawZone = input.timeZone.trim();
  const timeZone = rawZone === '' ? (config.siteTimeZone ?? DEFAULT_TIME_ZONE) : canonicalTimeZone(rawZone);
  if (timeZone === null)
    throw new AppError('SITE_TIME_ZONE_INVALID', msg('admin.time_zone_unknown'), {
      fields: { time_zone: msg('admin.time_zone_choose') },
    });
  const pairing = input.typePairing.trim() || DEFAULT_TYPE_PAIRING;
  if (!typePairing(pairing))
    throw new AppError('SITE_TYPE_PAIRING_INVALID', msg('admin.type_pairing_invalid'), {
      fields: { type_pairing: msg('admin.type_pairing_choose') },
    });
  const rawLocale = input.locale.trim();
  const locale = rawLocale === '' ? defaultSiteIdentity(config).locale : rawLocale;
  if (!isLocale(locale))
    throw new AppError('SITE_LOCALE_INVALID', msg('admin.site_locale_invalid'), {
      fields: { locale: msg('admin.site_locale_choose') },
    });
  return {
    stored: {
      locale,
      name,
      typePairing: pairing,
      tagline: input.tagline.trim(),
      accent,
      footerText: input.footerText.trim(),
      appeal: input.appeal.trim(),
      timeZone,
    },
  };
}

type SaveContext = SiteContext & { log: Logger; now: Date };

/**
 * Saves the identity (publisher only) with an audit entry in the same transaction, then announces the new
 * version so every process (this one at once) shows it from its next request on.
 */
export async function saveSiteIdentity(
  ctx: SaveContext,
  actor: { id: number; role: string },
  input: SiteIdentityInput,
): Promise<SiteIdentity> {
  mayChangeSettings(actor);
  const { stored } = validInput(input, ctx.config);
  return commitSiteIdentity(ctx, actor, (before) => ({ ...before, ...stored }));
}

/**
 * Sets (files given) or removes (null) the logo or the favicon: the identity names the new files by their hash,
 * and the files are stored beside it in the same transaction, audited like any other change.
 */
export async function setSiteBrandAsset(
  ctx: SaveContext,
  actor: { id: number; role: string },
  kind: BrandKind,
  asset: BrandAsset | null,
): Promise<SiteIdentity> {
  mayChangeSettings(actor);
  return commitSiteIdentity(
    ctx,
    actor,
    (before) => {
      if (kind === 'favicon') return { ...before, favicon: asset ? { hash: asset.hash } : null };
      return {
        ...before,
        logo: asset?.width && asset.height ? { hash: asset.hash, width: asset.width, height: asset.height } : null,
      };
    },
    async (trx) => {
      const files = await getSetting<Partial<Record<BrandKind, StoredAsset>>>(trx, BRAND_FILES_SETTING, {});
      const next = { ...files, [kind]: asset ? storedAsset(asset) : undefined };
      await putSetting(trx, BRAND_FILES_SETTING, next, ctx.now);
    },
  );
}

interface StoredAsset {
  hash: string;
  files: Record<string, { type: string; base64: string }>;
}

const storedAsset = (a: BrandAsset): StoredAsset => ({
  hash: a.hash,
  files: Object.fromEntries(
    Object.entries(a.files).map(([name, f]) => [name, { type: f.type, base64: f.data.toString('base64') }]),
  ),
});

/** One file of the current logo or favicon, or null when there is none by that hash and name. */
export async function readBrandFile(
  db: Kysely<Database>,
  kind: BrandKind,
  hash: string,
  name: string,
): Promise<BrandFile | null> {
  const files = await getSetting<Partial<Record<BrandKind, StoredAsset>>>(db, BRAND_FILES_SETTING, {});
  const asset = files[kind];
  const file = asset?.hash === hash && Object.hasOwn(asset.files, name) ? asset.files[name] : undefined;
  return file ? { type: file.type, data: Buffer.from(file.base64, 'base64') } : null;
}

function mayChangeSettings(actor: { role: string }): void {
  if (!hasRole(actor.role, 'publisher'))
    throw new AppError('SETTINGS_PUBLISHER_ONLY', msg('admin.settings_publisher_only'));
}

/** One change of the identity: read, change, store with its audit entry (and `also`), then announce. */
async function commitSiteIdentity(
  ctx: SaveContext,
  actor: { id: number },
  change: (before: SiteIdentity) => Omit<SiteIdentity, 'version'>,
  also?: (trx: Kysely<Database>) => Promise<void>,
): Promise<SiteIdentity> {
  const saved = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadSiteIdentity(trx, ctx.config);
    const after: SiteIdentity = { ...change(before), version: before.version + 1 };
    await putSetting(trx, SITE_SETTING, after, ctx.now);
    if (also) await also(trx);
    await recordAudit(
      trx,
      {
        actorUserId: actor.id,
        action: 'settings.update',
        subjectType: 'setting',
        subjectId: SITE_SETTING,
        before,
        after,
      },
      ctx.now,
    );
    return after;
  });
  invalidateSiteIdentity(ctx.caches.site);
  try {
    await ctx.bus.publish({ topic: SITE_TOPIC, type: 'site.update', data: { version: saved.version } });
  } catch (err) {
    // Saved all the same: other processes catch up when their bus reconnects (resync) or restarts.
    ctx.log.warn({ err }, 'could not announce the new site settings to other processes');
  }
  return loadSiteIdentity(ctx.db.kysely, ctx.config);
}

/**
 * The context with `config.siteName` replaced by the publisher's name: for services that write mail from
 * `config` (sign-up, password reset, staff invitations), read before their transaction.
 */
export async function withSiteName<T extends SiteContext>(ctx: T): Promise<T> {
  const { name } = await readSiteIdentity(ctx);
  return { ...ctx, config: { ...ctx.config, siteName: name } };
}

/** The site's language in its time zone, for a page, a feed or a mail. */
export function siteI18n(site: Pick<SiteIdentity, 'locale' | 'timeZone'>): I18n {
  return i18nFor(site.locale, site.timeZone);
}
