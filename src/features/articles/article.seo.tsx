/**
 * What an article page tells machines about itself: OpenGraph and Twitter card meta and schema.org
 * NewsArticle JSON-LD (feeds reuse the summary and the shared image). All URLs are absolute.
 */
import type { Article } from './article.types.js';
import type { Image } from '../images/index.js';
import { mediaUrl } from '../images/index.js';
import { isolateBidi } from '../../lib/bidi.js';
import { htmlToText } from '../../lib/plain-text.js';
import { slugPath } from '../../lib/slug.js';
import { JsonLd, type SiteInfo } from '../../web/components/page-head.js';

export interface SharedImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** The largest JPEG rendition (what every link-preview service accepts), as an absolute URL. */
export function sharedImage(image: Image, siteUrl: string): SharedImage {
  const jpeg = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width)[0];
  if (jpeg)
    return { url: siteUrl + mediaUrl(image, jpeg.file), width: jpeg.width, height: jpeg.height, alt: image.alt };
  const ext = image.mime === 'image/jpeg' ? 'jpg' : (image.mime.split('/')[1] ?? 'jpg');
  return {
    url: siteUrl + mediaUrl(image, `original.${ext}`),
    width: image.width,
    height: image.height,
    alt: image.alt,
  };
}

/** Latest of publication, last edit and last correction: what "modified" means to a reader. */
export function modifiedAt(article: Article): string {
  const times = [article.publishedAt, article.updatedAt, ...article.corrections.map((c) => c.createdAt)].filter(
    (t): t is string => !!t,
  );
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/** A description for previews and feeds: the standfirst, or the start of the body cut at a word. */
export function summaryText(excerpt: string, bodyHtml: string): string {
  if (excerpt.trim()) return excerpt.trim();
  const text = htmlToText(bodyHtml);
  return text.length > 200 ? `${text.slice(0, 197).replace(/\s+\S*$/, '')}…` : text;
}

export const articleDescription = (article: Article): string => summaryText(article.excerpt, article.bodyHtml);

/** schema.org NewsArticle for one article. */
export function newsArticleJsonLd(
  site: SiteInfo,
  article: Article,
  image: SharedImage | null,
): Record<string, unknown> {
  const url = site.siteUrl + slugPath('articles', article.slug);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.headline,
    description: articleDescription(article),
    ...(image ? { image: [image.url] } : {}),
    datePublished: article.publishedAt,
    dateModified: modifiedAt(article),
    ...(article.dateline ? { dateline: article.dateline } : {}),
    author: article.bylines.map((b) => ({
      '@type': 'Person',
      name: b.name,
      ...(b.slug ? { url: site.siteUrl + slugPath('author', b.slug) } : {}),
    })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: site.siteName,
      url: `${site.siteUrl}/`,
      logo: { '@type': 'ImageObject', url: site.logoUrl ?? `${site.siteUrl}/static/favicon.svg` },
    },
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name) } : {}),
    ...(article.corrections.length
      ? {
          correction: article.corrections.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.body,
            datePublished: c.createdAt,
            url: `${url}#correction-${c.id}`,
          })),
        }
      : {}),
    isAccessibleForFree: true,
    inLanguage: 'en',
  };
}

/**
 * Head of an article page. `image` is the lead image, or else the first image in the body; the card is
 * summary_large_image when there is one.
 */
export function ArticleHead({ site, article, image }: { site: SiteInfo; article: Article; image: Image | null }) {
  const url = site.siteUrl + slugPath('articles', article.slug);
  const shared = image ? sharedImage(image, site.siteUrl) : null;
  const description = articleDescription(article);
  return (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={site.siteName} />
      <meta property="og:title" content={isolateBidi(article.headline)} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:locale" content="en_US" />
      {shared && (
        <>
          <meta property="og:image" content={shared.url} />
          <meta property="og:image:type" content="image/jpeg" />
          <meta property="og:image:width" content={String(shared.width)} />
          <meta property="og:image:height" content={String(shared.height)} />
          {shared.alt && <meta property="og:image:alt" content={shared.alt} />}
        </>
      )}
      {article.publishedAt && <meta property="article:published_time" content={article.publishedAt} />}
      <meta property="article:modified_time" content={modifiedAt(article)} />
      {article.section && <meta property="article:section" content={article.section.name} />}
      {article.tags.map((t) => (
        <meta property="article:tag" content={t.name} />
      ))}
      {article.bylines
        .filter((b) => b.slug)
        .map((b) => (
          <meta property="article:author" content={site.siteUrl + slugPath('author', b.slug!)} />
        ))}
      <meta name="twitter:card" content={shared ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={isolateBidi(article.headline)} />
      <meta name="twitter:description" content={description} />
      {shared && <meta name="twitter:image" content={shared.url} />}
      {shared?.alt && <meta name="twitter:image:alt" content={shared.alt} />}
      <JsonLd data={newsArticleJsonLd(site, article, shared)} />
    </>
  );
}
