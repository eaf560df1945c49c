/**
 * Sitemaps (sitemaps.org 0.9): an index at /sitemap.xml pointing to /sitemaps/pages.xml (home, archive,
 * corrections, sections, archive months) and to id-range parts of up to 10,000 URLs each
 * (/sitemaps/articles-1.xml, tags-1.xml, authors-1.xml); a Google News sitemap of the last 48 hours;
 * and robots.txt pointing at both.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { el, renderXml, type XmlElement } from '../../lib/xml.js';
import { listSections } from '../articles/index.js';
import { listArchiveMonths } from '../listings/index.js';
import { archiveMonth } from '../listings/index.js';
import {
  findMaxIds,
  listArticleUrls,
  listAuthorUrls,
  listRecentlyPublished,
  listTagUrls,
  partHasUrls,
  type SitemapKind,
  type SitemapUrl,
} from './sitemap.repo.js';
import type { SiteInfo } from '../../web/components/page-head.js';
import { slugPath } from '../../lib/slug.js';

type DB = Kysely<Database>;

/** URLs per part: the protocol allows 50,000; smaller parts stay quick to build and to fetch. */
export const SITEMAP_PART_SIZE = 10_000;
export const NEWS_WINDOW_HOURS = 48;
/** Google reads at most 1,000 URLs from a news sitemap. */
export const NEWS_MAX_URLS = 1000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const KINDS: SitemapKind[] = ['articles', 'tags', 'authors'];

const urlset = (siteUrl: string, urls: SitemapUrl[]): string =>
  renderXml(
    el(
      'urlset',
      { xmlns: SITEMAP_NS },
      urls.map((u) =>
        el('url', null, el('loc', null, siteUrl + u.path), u.lastmod ? el('lastmod', null, u.lastmod) : null),
      ),
    ),
  );

/** The sitemap index: the pages part and every id-range part that has at least one URL. */
export async function buildSitemapIndex(db: DB, siteUrl: string): Promise<string> {
  const max = await findMaxIds(db);
  const parts: XmlElement[] = [el('sitemap', null, el('loc', null, `${siteUrl}/sitemaps/pages.xml`))];
  for (const kind of KINDS) {
    const count = Math.ceil(max[kind] / SITEMAP_PART_SIZE);
    const present = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        partHasUrls(db, kind, i * SITEMAP_PART_SIZE + 1, (i + 1) * SITEMAP_PART_SIZE),
      ),
    );
    present.forEach((has, i) => {
      if (has) parts.push(el('sitemap', null, el('loc', null, `${siteUrl}/sitemaps/${kind}-${i + 1}.xml`)));
    });
  }
  return renderXml(el('sitemapindex', { xmlns: SITEMAP_NS }, parts));
}

/** A part by its file name, or null when there is no such part (a 404). */
/** One part of the sitemap; the archive months in pages.xml are months of the site's time zone. */
export async function buildSitemapPart(db: DB, siteUrl: string, file: string, zone: string): Promise<string | null> {
  if (file === 'pages.xml') return buildPagesPart(db, siteUrl, zone);
  const m = /^(articles|tags|authors)-([1-9]\d{0,5})\.xml$/.exec(file);
  if (!m) return null;
  const kind = m[1] as SitemapKind;
  const n = Number(m[2]);
  const max = (await findMaxIds(db))[kind];
  if (n > Math.max(1, Math.ceil(max / SITEMAP_PART_SIZE))) return null;
  const lo = (n - 1) * SITEMAP_PART_SIZE + 1;
  const hi = n * SITEMAP_PART_SIZE;
  const urls =
    kind === 'articles'
      ? await listArticleUrls(db, lo, hi)
      : kind === 'tags'
        ? await listTagUrls(db, lo, hi)
        : await listAuthorUrls(db, lo, hi);
  return urlset(siteUrl, urls);
}

async function buildPagesPart(db: DB, siteUrl: string, zone: string): Promise<string> {
  const [sections, months] = await Promise.all([listSections(db), listArchiveMonths(db, zone)]);
  const urls: SitemapUrl[] = [
    { path: '/', lastmod: null },
    ...sections.map((s) => ({ path: slugPath('section', s.slug), lastmod: null })),
    { path: '/archive', lastmod: null },
    ...months.map((m) => ({ path: archiveMonth(m).path, lastmod: null })),
    { path: '/corrections', lastmod: null },
  ];
  return urlset(siteUrl, urls);
}

/** Google News sitemap: articles published in the last 48 hours. */
export async function buildNewsSitemap(db: DB, site: SiteInfo, now: Date): Promise<string> {
  const since = new Date(now.getTime() - NEWS_WINDOW_HOURS * 3600_000).toISOString();
  const items = await listRecentlyPublished(db, since, NEWS_MAX_URLS);
  return renderXml(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS },
      items.map((i) =>
        el(
          'url',
          null,
          el('loc', null, site.siteUrl + i.path),
          el(
            'news:news',
            null,
            el('news:publication', null, el('news:name', null, site.siteName), el('news:language', null, 'en')),
            el('news:publication_date', null, i.publishedAt),
            el('news:title', null, i.headline),
          ),
        ),
      ),
    ),
  );
}

/** robots.txt: everything public may be crawled except the admin area, sign-in and search results. */
export function buildRobotsTxt(siteUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /login',
    // Result pages are endless combinations of queries; the sitemaps list every article instead.
    'Disallow: /search',
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    `Sitemap: ${siteUrl}/sitemap-news.xml`,
    '',
  ].join('\n');
}
