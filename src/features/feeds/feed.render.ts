/**
 * FeedDoc → RSS 2.0 (with content:encoded, dc:creator and atom:link rel=self), Atom 1.0 (RFC 4287) and
 * JSON Feed 1.1. Escaping is the XML builder's job; HTML content travels as escaped text.
 */
import { el, renderXml } from '../../lib/xml.js';
import type { FeedDoc } from './feed.types.js';

export const FEED_CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;
export type FeedFormat = keyof typeof FEED_CONTENT_TYPES;

const selfUrl = (doc: FeedDoc, file: string): string => `${doc.siteUrl}${doc.base}/${file}`;

/** RFC 822 date, as RSS 2.0 requires ("Sun, 14 Jun 2026 07:00:00 GMT"). */
export const rfc822 = (iso: string): string => new Date(iso).toUTCString();

export function renderRss(doc: FeedDoc): string {
  return renderXml(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      },
      el(
        'channel',
        null,
        el('title', null, doc.title),
        el('link', null, doc.homeUrl),
        el('description', null, doc.description),
        el('language', null, doc.language),
        el('lastBuildDate', null, rfc822(doc.updated)),
        el('generator', null, 'Broadsheet'),
        el('atom:link', { href: selfUrl(doc, 'feed.xml'), rel: 'self', type: 'application/rss+xml' }),
        doc.entries.map((e) =>
          el(
            'item',
            null,
            el('title', null, e.title),
            el('link', null, e.url),
            el('guid', { isPermaLink: 'false' }, e.id),
            el('pubDate', null, rfc822(e.published)),
            e.authors.map((a) => el('dc:creator', null, a.name)),
            e.categories.map((c) => el('category', null, c)),
            el('description', null, e.summary),
            el('content:encoded', null, e.contentHtml),
          ),
        ),
      ),
    ),
  );
}

export function renderAtom(doc: FeedDoc): string {
  return renderXml(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': doc.language },
      el('id', null, selfUrl(doc, 'atom.xml')),
      el('title', { type: 'text' }, doc.title),
      el('subtitle', { type: 'text' }, doc.description),
      el('updated', null, doc.updated),
      el('link', { rel: 'self', type: 'application/atom+xml', href: selfUrl(doc, 'atom.xml') }),
      el('link', { rel: 'alternate', type: 'text/html', href: doc.homeUrl }),
      // A feed-level author covers entries without a byline, as RFC 4287 requires.
      el('author', null, el('name', null, doc.siteName), el('uri', null, `${doc.siteUrl}/`)),
      el('generator', null, 'Broadsheet'),
      el('icon', null, `${doc.siteUrl}/static/favicon.svg`),
      doc.entries.map((e) =>
        el(
          'entry',
          null,
          el('id', null, e.id),
          el('title', { type: 'text' }, e.title),
          el('link', { rel: 'alternate', type: 'text/html', href: e.url }),
          el('published', null, e.published),
          el('updated', null, e.updated),
          e.authors.map((a) => el('author', null, el('name', null, a.name), a.url ? el('uri', null, a.url) : null)),
          e.categories.map((c) => el('category', { term: c })),
          el('summary', { type: 'text' }, e.summary),
          el('content', { type: 'html' }, e.contentHtml),
        ),
      ),
    ),
  );
}

export function renderJsonFeed(doc: FeedDoc): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: selfUrl(doc, 'feed.json'),
    description: doc.description,
    language: doc.language,
    favicon: `${doc.siteUrl}/static/favicon.svg`,
    authors: [{ name: doc.siteName, url: `${doc.siteUrl}/` }],
    items: doc.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: e.contentHtml,
      summary: e.summary,
      ...(e.image ? { image: e.image } : {}),
      date_published: e.published,
      date_modified: e.updated,
      authors: e.authors.map((a) => (a.url ? { name: a.name, url: a.url } : { name: a.name })),
      ...(e.categories.length ? { tags: e.categories } : {}),
    })),
  });
}

export function renderFeed(doc: FeedDoc, format: FeedFormat): string {
  return format === 'rss' ? renderRss(doc) : format === 'atom' ? renderAtom(doc) : renderJsonFeed(doc);
}
