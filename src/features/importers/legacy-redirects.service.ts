/**
 * Old addresses of an imported WordPress site keep working: on a request that would otherwise be a 404,
 * its path is normalized (legacyKey) and looked up once in legacy_redirects; a hit answers 301 with the
 * target's address here, built from its current slug. Locations are always paths of this site.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { resolveRedirect } from './legacy-redirect.repo.js';

/** Longer addresses are never recorded, nor looked up. */
const MAX_KEY = 500;

/** A request's old address as stored: the key, and whether it asked for a feed of it (`…/feed/`). */
export interface LegacyKey {
  key: string;
  feed: boolean;
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * `/2025/05/Market-Hall-Roof/` → `/2025/05/market-hall-roof`; `/?p=123` and `/?page_id=123` → `?p=123`;
 * `/category/news/local/page/2/` → `/category/local`; `/tag/x/feed/` → `/tag/x` (feed). Used for both the
 * addresses an import records and the requests looked up, so the two always agree.
 */
export function legacyKey(pathAndQuery: string): LegacyKey {
  const q = pathAndQuery.indexOf('?');
  let path = decodePath(q >= 0 ? pathAndQuery.slice(0, q) : pathAndQuery)
    .replace(/#.*$/, '')
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '')
    .toLowerCase();
  // No address we record is this long; the patterns below are not run on what an attacker can make huge.
  if (path.length > MAX_KEY) return { key: path, feed: false };
  if (q >= 0) {
    const params = new URLSearchParams(pathAndQuery.slice(q + 1));
    // An attachment's id is a post id too: WordPress answers ?p= for it as well.
    const id = params.get('p') ?? params.get('page_id') ?? params.get('attachment_id');
    if (id && /^\d{1,12}$/.test(id)) return { key: `${path}?p=${id}`, feed: false };
  }
  const feed = /\/feed(?:\/(?:rss2?|atom|rdf))?$/.exec(path);
  if (feed) path = path.slice(0, feed.index);
  path = path.replace(/\/page\/\d+$/, '');
  // Nested categories (`/category/parent/child/`): WordPress term slugs are unique per taxonomy.
  path = path.replace(/^(.*\/category)\/(?:[^/]+\/)+([^/]+)$/, '$1/$2');
  return { key: path, feed: feed !== null };
}

/** True for `/?p=123` (a found page, the home): the one shape looked up before routing. */
export function isLegacyHomeQuery(url: string): boolean {
  return url.startsWith('/?') && /[?&](?:p|page_id|attachment_id)=\d/.test(url);
}

const seg = encodeURIComponent;

/** Where an old address goes now, or null (unknown: the 404 stands). */
export async function findLegacyRedirect(db: Kysely<Database>, url: string): Promise<string | null> {
  const { key, feed } = legacyKey(url);
  if (key === '') return feed ? '/feed.xml' : null;
  // WordPress's month archives (`/2025/05/`) have a page here too.
  const month = /^\/(\d{4})\/(\d{2})$/.exec(key);
  if (month) return `/archive/${month[1]}/${month[2]}`;
  if (key.length > MAX_KEY) return null;
  const r = await resolveRedirect(db, key);
  const suffix = feed ? '/feed.xml' : '';
  // An article's feed was its comments: the page. An imported WordPress page lives at /pages/<slug>.
  if (r?.articleSlug) return `/${r.articleKind === 'page' ? 'pages' : 'articles'}/${seg(r.articleSlug)}`;
  if (r?.sectionSlug) return `/section/${seg(r.sectionSlug)}${suffix}`;
  if (r?.tagSlug) return `/tag/${seg(r.tagSlug)}${suffix}`;
  if (r?.userSlug) return `/author/${seg(r.userSlug)}${suffix}`;
  // `/<anything>/feed/` of something not imported: the site's feed rather than a dead end for a reader.
  return feed ? '/feed.xml' : null;
}
