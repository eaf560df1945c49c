/**
 * Builds feeds: the latest published articles of the site or of one section, tag or author, and the
 * latest corrections. Entry ids are tag: URIs built from the article id, so renaming a slug does not make
 * feed readers show an article twice.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { escapeHtml } from '../../lib/html.js';
import { stripControl } from '../../lib/plain-text.js';
import { imageIdsInBody } from '../articles/index.js';
import type { ArticleSummary } from '../articles/index.js';
import { findImagesByIds } from '../images/index.js';
import type { Image } from '../images/index.js';
import { listArticlePage, listCorrectionsPage } from '../listings/index.js';
import { resolveSubject, type ListingSubject } from '../listings/index.js';
import { findFeedDetails } from './feed.repo.js';
import type { FeedDoc, FeedEntry } from './feed.types.js';
import { sharedImage, summaryText } from '../articles/index.js';
import type { SiteInfo } from '../../web/components/page-head.js';
import { slugPath } from '../../lib/slug.js';
import type { I18n } from '../../platform/i18n.js';

/** Entries per feed: enough for a reader who checks daily, small enough to build in a few milliseconds. */
export const FEED_SIZE = 30;

const hostOf = (siteUrl: string): string => new URL(siteUrl).host.replace(/:\d+$/, '');

/** `tag:news.example,2026-06-14:article/42` (RFC 4151): permanent, whatever the URL becomes. */
export const entryId = (siteUrl: string, kind: string, id: number, date: string): string =>
  `tag:${hostOf(siteUrl)},${date.slice(0, 10)}:${kind}/${id}`;

function figureHtml(image: Image, siteUrl: string): string {
  const s = sharedImage(image, siteUrl);
  const caption = [image.caption, image.credit].filter(Boolean).join(' ');
  return (
    `<figure><img src="${escapeHtml(s.url)}" alt="${escapeHtml(image.decorative ? '' : image.alt)}" width="${s.width}" height="${s.height}">` +
    `${caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''}</figure>`
  );
}

/**
 * A sanitized body made fit for feed readers: image placeholders become real <img> tags (largest JPEG,
 * absolute URL) or disappear, and site-relative links become absolute.
 */
export function feedBodyHtml(
  bodyHtml: string,
  images: Map<number, Image>,
  siteUrl: string,
  lead: Image | null,
): string {
  const body = bodyHtml
    .replace(/<figure data-image-id="(\d+)"><\/figure>/g, (_m, id: string) => {
      const image = images.get(Number(id));
      return image ? figureHtml(image, siteUrl) : '';
    })
    .replace(/(\s(?:href|src))="\/(?!\/)/g, `$1="${siteUrl}/`);
  const leadInBody = lead !== null && imageIdsInBody(bodyHtml).includes(lead.id);
  return lead && !leadInBody ? figureHtml(lead, siteUrl) + body : body;
}

async function articleEntries(db: Kysely<Database>, site: SiteInfo, articles: ArticleSummary[]): Promise<FeedEntry[]> {
  const details = await findFeedDetails(
    db,
    articles.map((a) => a.id),
  );
  const images = await findImagesByIds(db, [
    ...new Set([...details.values()].flatMap((d) => imageIdsInBody(d.bodyHtml))),
  ]);
  const entries: FeedEntry[] = [];
  for (const a of articles) {
    const d = details.get(a.id);
    if (!d || !a.publishedAt) continue;
    const firstBodyImage = images.get(imageIdsInBody(d.bodyHtml)[0] ?? 0) ?? null;
    const shareImage = a.leadImage ?? firstBodyImage;
    entries.push({
      id: entryId(site.siteUrl, 'article', a.id, a.publishedAt),
      url: site.siteUrl + slugPath('articles', a.slug),
      // Control characters cannot travel in XML; drop them in every format so the formats agree.
      title: stripControl(a.headline),
      summary: stripControl(summaryText(a.excerpt, d.bodyHtml)),
      contentHtml: feedBodyHtml(d.bodyHtml, images, site.siteUrl, a.leadImage),
      published: a.publishedAt,
      updated: Date.parse(d.updatedAt) > Date.parse(a.publishedAt) ? d.updatedAt : a.publishedAt,
      authors: a.bylines.map((b) => ({ name: b.name, url: b.slug ? site.siteUrl + slugPath('author', b.slug) : null })),
      categories: [...(a.section ? [a.section.name] : []), ...d.tags],
      image: shareImage ? sharedImage(shareImage, site.siteUrl).url : null,
    });
  }
  return entries;
}

const newest = (entries: FeedEntry[], now: Date): string =>
  entries.reduce(
    (max, e) => (Date.parse(e.updated) > Date.parse(max) ? e.updated : max),
    entries[0]?.updated ?? now.toISOString(),
  );

/** The site's feed (`kind` absent) or that of a section, tag or author; unknown slugs are 404s. */
export async function buildArticleFeed(
  db: Kysely<Database>,
  site: SiteInfo,
  now: Date,
  i18n: I18n,
  subjectRef?: { kind: ListingSubject['kind']; slug: string },
): Promise<FeedDoc> {
  const subject = subjectRef ? await resolveSubject(db, subjectRef.kind, subjectRef.slug) : null;
  const page = await listArticlePage(db, subject?.scope ?? { kind: 'all' }, { limit: FEED_SIZE });
  const entries = await articleEntries(db, site, page.items);
  const base = subject?.path ?? '';
  return {
    title: subject ? i18n.t('feeds.subject_title', { name: subject.name, site: site.siteName }) : site.siteName,
    description: subject
      ? subject.kind === 'author'
        ? i18n.t('feeds.articles_by', { name: subject.name })
        : i18n.t(`feeds.latest_${subject.kind}`, { name: subject.name, site: site.siteName })
      : i18n.t('feeds.latest_news', { site: site.siteName }),
    language: i18n.locale,
    siteName: site.siteName,
    siteUrl: site.siteUrl,
    homeUrl: `${site.siteUrl}${base || '/'}`,
    base,
    updated: newest(entries, now),
    entries,
  };
}

/** The latest corrections, each linking to its note under the article. */
export async function buildCorrectionsFeed(
  db: Kysely<Database>,
  site: SiteInfo,
  now: Date,
  i18n: I18n,
): Promise<FeedDoc> {
  const page = await listCorrectionsPage(db, { limit: FEED_SIZE });
  const entries: FeedEntry[] = page.items.map((c) => ({
    id: entryId(site.siteUrl, 'correction', c.id, c.createdAt),
    url: `${site.siteUrl}${slugPath('articles', c.article.slug)}#correction-${c.id}`,
    title: stripControl(i18n.t('feeds.correction_entry_title', { headline: c.article.headline })),
    summary: stripControl(c.body),
    contentHtml: `<p>${escapeHtml(c.body)}</p>`,
    published: c.createdAt,
    updated: c.createdAt,
    authors: [],
    categories: [i18n.t('feeds.corrections_category')],
    image: null,
  }));
  return {
    title: i18n.t('feeds.corrections_title', { site: site.siteName }),
    description: i18n.t('feeds.corrections_description', { site: site.siteName }),
    language: i18n.locale,
    siteName: site.siteName,
    siteUrl: site.siteUrl,
    homeUrl: `${site.siteUrl}/corrections`,
    base: '/corrections',
    updated: newest(entries, now),
    entries,
  };
}
