/** A feed independent of its format; rendered as RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export interface FeedDoc {
  title: string;
  description: string;
  siteName: string;
  siteUrl: string;
  /** Absolute URL of the HTML page this feed follows. */
  homeUrl: string;
  /** Path prefix of the feed files: '' (site), '/section/news', '/corrections'. */
  base: string;
  /** The site's language (`en`, `fr`, `ar`): RSS `<language>`, Atom `xml:lang`, JSON Feed `language`. */
  language: string;
  /** Newest `updated` of the entries (or now, for an empty feed). */
  updated: string;
  entries: FeedEntry[];
}

export interface FeedEntry {
  /** Permanent id (a tag: URI), unchanged when the slug changes. */
  id: string;
  /** Absolute URL of the entry's page. */
  url: string;
  title: string;
  /** Plain-text summary. */
  summary: string;
  /** Sanitized HTML with absolute URLs. */
  contentHtml: string;
  published: string;
  updated: string;
  authors: Array<{ name: string; url: string | null }>;
  categories: string[];
  /** Absolute URL of the entry's image, if any. */
  image: string | null;
}
