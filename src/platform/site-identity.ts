/**
 * The site's identity, set by the publisher in /admin/site: its name, tagline, accent colour, footer text, the
 * "Support" appeal and its time zone. Stored as one setting (key `site.identity`); the environment (SITE_NAME,
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
import { contrastRatio, formatRatio, normalizeHexColour } from '../lib/contrast.js';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from '../lib/time-zone.js';
import { recordAudit } from './audit.repo.js';
import type { EventBus } from './event-bus.js';
import { hasRole } from './roles.js';
import { getSetting, putSetting } from './settings.repo.js';

export const SITE_SETTING = 'site.identity';
/** The bus topic a save is announced on (the payload carries the new version only). */
export const SITE_TOPIC = 'site';
/** The page background (--paper in public/css/site.css) the accent must stand out against. */
export const PAGE_BACKGROUND = '#fffdf8';
/** The text colour on accent-coloured buttons (--accent-ink). */
export const ACCENT_INK = '#ffffff';
/** WCAG 2.1 AA for normal text. */
export const MIN_CONTRAST = 4.5;

export const DEFAULT_APPEAL =
  'Independent journalism costs money. If you value this reporting, help keep it free for everyone.';

export interface SiteIdentity {
  /** The site's name: the header, every <title>, feeds, mails. */
  name: string;
  /** One line under the name in the header; empty for none. */
  tagline: string;
  /** Lower-case #rrggbb for links and buttons, or null for the stylesheet's own. Always AA on the page and under white. */
  accent: string | null;
  /** The footer's sentence; empty for the default ("<name> is funded by its readers."). Plain text. */
  footerText: string;
  /** The paragraph of the "Support <name>" appeal in articles. Plain text. */
  appeal: string;
  /**
   * IANA zone name (`Europe/Berlin`) every date on pages, mails and the admin is shown in, scheduling is typed in
   * and the campaign month begins and ends in (src/lib/time-zone.ts). Stored instants stay UTC.
   */
  timeZone: string;
  /** Bumped on every save, 0 while the environment's defaults stand; names the generated stylesheet (/site.css?v=). */
  version: number;
}

/** What the publisher sends (all trimmed by the service). */
export interface SiteIdentityInput {
  name: string;
  tagline: string;
  accent: string;
  footerText: string;
  appeal: string;
  /** Empty keeps the environment's default. */
  timeZone: string;
}

/** The environment's defaults the identity falls back to. */
export type SiteConfig = Pick<Config, 'siteName'> & { siteTimeZone?: string };

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
    appeal: DEFAULT_APPEAL,
    timeZone: config.siteTimeZone ?? DEFAULT_TIME_ZONE,
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
    appeal: text(v.appeal, '').trim() || d.appeal,
    // A zone this runtime no longer knows (or none saved) falls back to the environment's.
    timeZone: (typeof v.timeZone === 'string' && canonicalTimeZone(v.timeZone)) || d.timeZone,
    version: typeof v.version === 'number' && Number.isInteger(v.version) ? v.version : 0,
  };
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
export function accentProblem(accent: string): string | null {
  const onPage = contrastRatio(accent, PAGE_BACKGROUND);
  const underText = contrastRatio(accent, ACCENT_INK);
  if (onPage >= MIN_CONTRAST && underText >= MIN_CONTRAST) return null;
  return (
    `${accent} has a contrast of ${formatRatio(onPage)} against the page background and ${formatRatio(underText)} ` +
    `with white text on it; WCAG AA needs at least ${MIN_CONTRAST}:1 for both.`
  );
}

function validInput(input: SiteIdentityInput, config: SiteConfig): { stored: Omit<SiteIdentity, 'version'> } {
  const name = input.name.trim();
  if (name === '')
    throw new AppError('SITE_NAME_REQUIRED', 'The site needs a name.', { fields: { name: 'Enter the site’s name.' } });
  const rawAccent = input.accent.trim();
  const accent = rawAccent === '' ? null : normalizeHexColour(rawAccent);
  if (rawAccent !== '' && accent === null)
    throw new AppError('SITE_ACCENT_INVALID', 'The accent colour is not a colour.', {
      fields: { accent: 'Write the colour as # and six hexadecimal digits, e.g. #1d4f91, or leave it empty.' },
    });
  const problem = accent === null ? null : accentProblem(accent);
  if (problem !== null)
    throw new AppError('SITE_ACCENT_INVALID', `The accent colour is too light or too dark: ${problem}`, {
      fields: { accent: problem },
    });
  const rawZone = input.timeZone.trim();
  const timeZone = rawZone === '' ? (config.siteTimeZone ?? DEFAULT_TIME_ZONE) : canonicalTimeZone(rawZone);
  if (timeZone === null)
    throw new AppError('SITE_TIME_ZONE_INVALID', 'The time zone is not one this server knows.', {
      fields: { time_zone: 'Choose a time zone from the list, such as Europe/Berlin, America/New_York or UTC.' },
    });
  return {
    stored: {
      name,
      tagline: input.tagline.trim(),
      accent,
      footerText: input.footerText.trim(),
      appeal: input.appeal.trim(),
      timeZone,
    },
  };
}

/**
 * Saves the identity (publisher only) with an audit entry in the same transaction, then announces the new
 * version so every process (this one at once) shows it from its next request on.
 */
export async function saveSiteIdentity(
  ctx: SiteContext & { log: Logger; now: Date },
  actor: { id: number; role: string },
  input: SiteIdentityInput,
): Promise<SiteIdentity> {
  if (!hasRole(actor.role, 'publisher'))
    throw new AppError('SETTINGS_PUBLISHER_ONLY', 'Only the publisher changes site settings.');
  const { stored } = validInput(input, ctx.config);
  const saved = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadSiteIdentity(trx, ctx.config);
    const after: SiteIdentity = { ...stored, version: before.version + 1 };
    await putSetting(trx, SITE_SETTING, after, ctx.now);
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
