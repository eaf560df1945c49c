/**
 * The site's navigation, set by the publisher in /admin/navigation: the header's ordered items (a section, a page
 * or a link) and the footer's ordered links. Stored as one setting (key `site.navigation`), versioned and
 * audit-logged like the site's identity; a list never saved (null) shows what the site showed before there was a
 * setting: every section in the header, the standard links in the footer.
 *
 * Every page reads it from an in-process cache (deps.caches.navigation). A save empties this process's copy and is
 * announced on the event bus (LISTEN/NOTIFY on PostgreSQL), so every process shows it from its next request on;
 * the published pages the items name are re-read with it, and at the latest every few seconds (a page renamed).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { slugPath } from '../../lib/slug.js';
import type { EventBus } from '../../platform/event-bus.js';
import { getSetting } from '../../platform/settings.repo.js';
import { listPages, listSections, type PageItem, type Section } from '../articles/index.js';
import { msg, type Message } from '../../lib/message.js';
import type { I18n } from '../../platform/i18n.js';
import { readSiteIdentity, siteI18n } from '../../platform/site-identity.js';

export const NAVIGATION_SETTING = 'site.navigation';
/** The bus topic a save is announced on (the payload carries the new version only). */
export const NAVIGATION_TOPIC = 'navigation';
/** How long this process trusts its copy of the published pages' titles and addresses. */
const PAGES_TTL_MS = 10_000;
/** Items per list: a header is read at a glance. */
export const MAX_ITEMS = 30;
export const MAX_LABEL = 60;
const MAX_URL = 500;

export type NavList = 'header' | 'footer';
export const NAV_LISTS: NavList[] = ['header', 'footer'];

/** One item as stored: a section or page by id (its current name and address shown), or a link. */
export type NavItem =
  | { kind: 'section'; id: number; /** Replaces the section's name; empty for the name. */ label: string }
  | { kind: 'page'; id: number; /** Replaces the page's title; empty for the title. */ label: string }
  | { kind: 'link'; label: string; /** http(s) URL, or a path on this site (/ledger). */ url: string };

export interface StoredNavigation {
  /** null: never saved, every section in position order. */
  header: NavItem[] | null;
  /** null: never saved, the standard footer links. */
  footer: NavItem[] | null;
  /** Bumped on every save; 0 while nothing was saved. */
  version: number;
}

/** A link as the layout shows it. */
export interface NavLink {
  label: string;
  href: string;
}

/** The footer before the publisher saves one: what it always showed, in the site's language. */
export const defaultFooter = (i18n: I18n): NavItem[] => [
  { kind: 'link', label: i18n.t('navigation.footer_support'), url: '/donate' },
  { kind: 'link', label: i18n.t('navigation.footer_ledger'), url: '/ledger' },
  { kind: 'link', label: i18n.t('navigation.footer_archive'), url: '/archive' },
  { kind: 'link', label: i18n.t('navigation.footer_corrections'), url: '/corrections' },
  { kind: 'link', label: 'RSS', url: '/feed.xml' },
];

/** This process's copy, with the published pages the items may name; `generation` moves on every invalidation. */
export interface NavigationCache {
  value?: { stored: StoredNavigation; pages: PageItem[]; at: number };
  generation: number;
}

export const createNavigationCache = (): NavigationCache => ({ generation: 0 });

export function invalidateNavigation(cache: NavigationCache): void {
  cache.generation += 1;
  cache.value = undefined;
}

/** Empties the cache whenever any process announces a save (or the bus missed events: `resync`). */
export function watchNavigation(bus: EventBus, cache: NavigationCache): () => void {
  return bus.subscribe(NAVIGATION_TOPIC, () => invalidateNavigation(cache));
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A stored item of the wrong shape is dropped, a stored list of the wrong shape is the default. */
function storedItems(v: unknown): NavItem[] | null {
  if (!Array.isArray(v)) return null;
  const out: NavItem[] = [];
  for (const raw of v as Array<Record<string, unknown>>) {
    if (raw?.kind === 'section' && isInt(raw.id)) out.push({ kind: 'section', id: raw.id, label: str(raw.label) });
    else if (raw?.kind === 'page' && isInt(raw.id)) out.push({ kind: 'page', id: raw.id, label: str(raw.label) });
    else if (raw?.kind === 'link' && linkProblem(str(raw.url)) === null && str(raw.label).trim() !== '')
      out.push({ kind: 'link', label: str(raw.label), url: str(raw.url) });
  }
  return out;
}

export async function loadNavigation(db: Kysely<Database>): Promise<StoredNavigation> {
  const v = await getSetting<Record<string, unknown>>(db, NAVIGATION_SETTING, {});
  return {
    header: storedItems(v.header),
    footer: storedItems(v.footer),
    version: isInt(v.version) ? v.version : 0,
  };
}

type NavContext = Parameters<typeof readSiteIdentity>[0] & {
  db: { kysely: Kysely<Database> };
  bus: EventBus;
  caches: { navigation: NavigationCache };
};

/** The stored navigation and the published pages, from the cache while it is fresh and the bus is connected. */
async function readNavigation(ctx: NavContext, nowMs: number) {
  const cache = ctx.caches.navigation;
  const c = cache.value;
  if (c && nowMs - c.at <= PAGES_TTL_MS && nowMs >= c.at && ctx.bus.state() !== 'reconnecting') return c;
  const generation = cache.generation;
  const stored = await loadNavigation(ctx.db.kysely);
  const named = [...(stored.header ?? []), ...(stored.footer ?? [])].some((i) => i.kind === 'page');
  const value = { stored, pages: named ? await listPages(ctx.db.kysely, { publishedOnly: true }) : [], at: nowMs };
  // A save heard while this read was in flight may be newer than what it read: keep nothing then.
  if (cache.generation === generation) cache.value = value;
  return value;
}

/** The items as links: sections and pages by their current name and address; gone or unpublished ones left out. */
export function resolveItems(items: NavItem[], sections: Section[], pages: PageItem[]): NavLink[] {
  const out: NavLink[] = [];
  for (const i of items) {
    if (i.kind === 'link') out.push({ label: i.label, href: i.url });
    else if (i.kind === 'section') {
      const s = sections.find((x) => x.id === i.id);
      if (s) out.push({ label: i.label || s.name, href: slugPath('section', s.slug) });
    } else {
      const p = pages.find((x) => x.id === i.id);
      if (p) out.push({ label: i.label || p.headline, href: slugPath('pages', p.slug) });
    }
  }
  return out;
}

/** The header's and the footer's links for this request; `sections` are the chrome's (cached) sections. */
export async function siteNavigation(
  ctx: NavContext,
  sections: Section[],
  nowMs: number,
): Promise<{ header: NavLink[]; footer: NavLink[] }> {
  const { stored, pages } = await readNavigation(ctx, nowMs);
  // The default footer's labels are in the site's language (from the identity's cache: no query).
  const footer = stored.footer ?? defaultFooter(siteI18n(await readSiteIdentity(ctx)));
  return {
    header: resolveItems(stored.header ?? sectionItems(sections), sections, pages),
    footer: resolveItems(footer, sections, pages),
  };
}

export const sectionItems = (sections: Section[]): NavItem[] =>
  sections.map((s) => ({ kind: 'section', id: s.id, label: '' }));

/** Why a link's address cannot be used, or null: an http(s) URL, or a path on this site. */
export function linkProblem(url: string): Message | null {
  const u = url.trim();
  if (u === '') return msg('navigation.url_missing');
  if (u.length > MAX_URL) return msg('navigation.url_too_long', { max: MAX_URL });
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\s\u0000-\u001f\u007f]/.test(u)) return msg('navigation.url_spaces');
  if (u.startsWith('/') && !u.startsWith('//')) return null;
  try {
    const parsed = new URL(u);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return null;
  } catch {
    // Not a URL: said below.
  }
  return msg('navigation.url_scheme');
}

/** What the form holds for the sections and pages to choose from, and what the stored lists are now. */
export async function loadNavigationForm(db: Kysely<Database>, i18n: I18n) {
  const [stored, sections, pages] = await Promise.all([
    loadNavigation(db),
    listSections(db),
    listPages(db, { publishedOnly: false }),
  ]);
  return {
    lists: {
      header: stored.header ?? sectionItems(sections),
      footer: stored.footer ?? defaultFooter(i18n),
    } as Record<NavList, NavItem[]>,
    saved: { header: stored.header !== null, footer: stored.footer !== null } as Record<NavList, boolean>,
    sections,
    pages,
  };
}
