/**
 * What a page tells machines about itself: feed autodiscovery links, OpenGraph meta for listings, and
 * JSON-LD. Pages pass these as `meta.head`. All URLs are absolute (from SITE_URL), because crawlers and
 * link previews read them out of context. The article's own head is in features/articles/article.seo.tsx.
 */
import { isolateBidi } from '../../lib/bidi.js';

export interface SiteInfo {
  /** Base URL without trailing slash. */
  siteUrl: string;
  siteName: string;
  /** Absolute URL of the publisher's logo (PNG), when one is set: the JSON-LD publisher logo. */
  logoUrl?: string;
}

/** The three feed formats every listing offers, by file name under the listing's path. */
export const FEED_FORMATS = [
  { file: 'feed.xml', type: 'application/rss+xml', label: 'RSS' },
  { file: 'atom.xml', type: 'application/atom+xml', label: 'Atom' },
  { file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
] as const;

/** `<link rel="alternate">` for the feeds at `base` ('' for the whole site, '/section/news' for a section). */
export function FeedLinks({ siteUrl, base, title }: { siteUrl: string; base: string; title: string }) {
  return (
    <>
      {FEED_FORMATS.map((f) => (
        <link rel="alternate" type={f.type} title={`${title} (${f.label})`} href={`${siteUrl}${base}/${f.file}`} />
      ))}
    </>
  );
}

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are written as \u escapes so
 * no string in the data (a headline containing `</script>`) can end the element early; U+2028/9 too.
 */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A JSON-LD data block. It is data, not script: the CSP's script-src does not apply to it. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}

export interface ListingHeadProps {
  site: SiteInfo;
  title: string;
  description: string;
  /** Absolute canonical URL of this page. */
  url: string;
  /** Feeds of this listing, when it has its own. */
  feed?: { base: string; title: string };
  /** Absolute URLs of the neighbouring pages. */
  prevUrl?: string | null;
  nextUrl?: string | null;
}

/** Head of a listing page: OpenGraph "website", a summary card, its feeds and rel=prev/next. */
export function ListingHead({ site, title, description, url, feed, prevUrl, nextUrl }: ListingHeadProps) {
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={site.siteName} />
      <meta property="og:title" content={isolateBidi(title)} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta name="twitter:card" content="summary" />
      {prevUrl && <link rel="prev" href={prevUrl} />}
      {nextUrl && <link rel="next" href={nextUrl} />}
      {feed && <FeedLinks siteUrl={site.siteUrl} base={feed.base} title={feed.title} />}
    </>
  );
}
