/**
 * Images in the bodies of a WordPress export, matched to the site's attachments. A body may name an image
 * by its attachment URL, its guid, a resized copy (`-1024x768`, `-scaled`, `-e1712345678901`), its
 * attachment page (`?attachment_id=201`), or the same path on another host of the site (http/https, `www.`,
 * an earlier domain the attachments still carry). Each `<img>` ends up:
 * - kept: pointed at the library image its attachment became (`image:42`);
 * - missing: an image of the old site whose file was not in the media folder (the page leaves it out; the
 *   Markdown keeps the URL so a later run with the folder can still point it here);
 * - removed: an image from another site (the page leaves it out: it would be a third-party request).
 */
import { reanchorArticle } from '../comments/index.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { findArticleBody, renderArticleBody, setArticleBody } from '../articles/index.js';
import { listImportedAttachments } from './import-refs.repo.js';

const UPLOADS = '/wp-content/uploads/';
/** WordPress's derived file names: sizes, the big-image `-scaled` copy, and edited copies. */
const DERIVED = /(?:-\d+x\d+|-scaled|-e\d{10,})(?=\.[a-z0-9]+$)/i;

const hostOf = (u: URL): string => u.hostname.toLowerCase().replace(/^www\./, '');

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A path as images are compared: decoded, lower case, without WordPress's size suffix. */
const imagePath = (pathname: string): string => decoded(pathname).toLowerCase().replace(DERIVED, '');

/** `2020/01/photo.jpg` for any size WordPress made of it (`photo-1024x768.jpg`, `photo-scaled.jpg`). */
export function uploadKey(url: string): string | null {
  const at = url.indexOf(UPLOADS);
  if (at < 0) return null;
  return imagePath(url.slice(at + UPLOADS.length).replace(/[?#].*$/, ''));
}

export type BodyImage = { kind: 'attachment'; wpId: string } | { kind: 'site' } | { kind: 'remote' };

/** What one run knows of the old site's images: its hosts and its attachments' addresses. */
export class SiteImageIndex {
  private readonly hosts = new Set<string>();
  private primary = 'site.invalid';
  private readonly byPath = new Map<string, string>();
  private readonly byKey = new Map<string, string>();
  private readonly ids = new Set<string>();

  /** The blog's and site's URLs (the first one is where relative URLs point). */
  addSite(url: string): void {
    const u = parse(url);
    if (!u) return;
    if (this.hosts.size === 0) this.primary = u.host;
    this.hosts.add(hostOf(u));
  }

  /** An attachment's URL and guid; their hosts are the site's too (a site that moved keeps old ones). */
  addAttachment(wpId: string, urls: string[]): void {
    this.ids.add(wpId);
    for (const url of urls) {
      const u = parse(url);
      if (!u || !/^https?:$/.test(u.protocol) || u.searchParams.has('attachment_id') || u.searchParams.has('p'))
        continue;
      this.hosts.add(hostOf(u));
      this.byPath.set(imagePath(u.pathname), wpId);
      const key = uploadKey(u.pathname);
      if (key) this.byKey.set(key, wpId);
    }
  }

  /** What a URL in a body names; null for what is not a web address (`image:42`, `data:`, `#top`). */
  classify(url: string): BodyImage | null {
    const u = parse(url.trim(), `https://${this.primary}/`);
    if (!u || !/^https?:$/.test(u.protocol)) return null;
    if (!this.hosts.has(hostOf(u))) return { kind: 'remote' };
    const id = u.searchParams.get('attachment_id') ?? u.searchParams.get('p');
    if (id && this.ids.has(id)) return { kind: 'attachment', wpId: id };
    const path = imagePath(u.pathname);
    const wpId = this.byPath.get(path) ?? this.byKey.get(uploadKey(path) ?? '');
    return wpId !== undefined ? { kind: 'attachment', wpId } : { kind: 'site' };
  }
}

function parse(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/** What pointing bodies at their images did, counted per `<img>`. */
export interface BodyImageCounts {
  /** Articles whose body changed. */
  articles: number;
  kept: number;
  missing: number;
  removed: number;
}

const ATTR = /(<(img|a)\b[^>]*?\b(?:src|href)\s*=\s*)(["'])([^"']*)\3/gi;

/**
 * Points image URLs of the old site at their library copies in these articles' bodies (a library reference,
 * `image:42`, renders as the responsive figure) and counts every `<img>` as kept, missing or removed.
 */
export async function pointBodyImagesHome(
  db: Kysely<Database>,
  source: string,
  index: SiteImageIndex,
  articleIds: number[],
): Promise<BodyImageCounts> {
  const counts: BodyImageCounts = { articles: 0, kept: 0, missing: 0, removed: 0 };
  if (articleIds.length === 0) return counts;
  const imageOf = new Map<string, number>();
  for (const a of await listImportedAttachments(db, source)) {
    index.addAttachment(a.externalId, [a.url]);
    imageOf.set(a.externalId, a.imageId);
  }
  for (const id of articleIds) {
    const article = await findArticleBody(db, id);
    if (!article) continue;
    const used = new Set<number>();
    const body = article.bodyMd.replace(ATTR, (whole, head: string, tag: string, q: string, url: string) => {
      // Pointed here by an earlier run: still kept (so every run's summary counts every image).
      if (/^image:\d+$/.test(url.trim())) {
        if (tag.toLowerCase() === 'img') counts.kept++;
        return whole;
      }
      const found = index.classify(url);
      const imageId = found?.kind === 'attachment' ? imageOf.get(found.wpId) : undefined;
      const isImg = tag.toLowerCase() === 'img';
      if (imageId !== undefined) {
        used.add(imageId);
        if (isImg) counts.kept++;
        return `${head}${q}image:${imageId}${q}`;
      }
      if (isImg && found) counts[found.kind === 'remote' ? 'removed' : 'missing']++;
      return whole;
    });
    if (body === article.bodyMd) continue;
    const html = renderArticleBody(body);
    await setArticleBody(db, id, body, html, [...used]);
    await reanchorArticle(db, id, html);
    counts.articles++;
  }
  return counts;
}
