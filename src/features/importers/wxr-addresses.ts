/**
 * The old addresses of a WordPress site, recorded while its export is imported so that they answer 301
 * here (legacy-redirects.service.ts): each item's `<link>`, the usual permalink shapes
 * (/%year%/%monthnum%/%postname%/, /%year%/%monthnum%/%day%/%postname%/, /%postname%/,
 * /archives/%post_id%, ?p=%post_id%), /category/<slug>/, /tag/<slug>/ and /author/<login>/. Addresses that
 * cannot be mapped are listed in the import's summary.
 */
import { msg, type Message } from '../../lib/message.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { slugify } from '../../lib/slug.js';
import type { ImportTally } from './import.types.js';
import { claimRedirect, findRedirectTargets, insertRedirects, type RedirectTarget } from './legacy-redirect.repo.js';
import { legacyKey } from './legacy-redirects.service.js';
import type { WxrPost } from './wxr-map.js';

/** Items WordPress keeps for itself: they have no public address worth redirecting. */
const INTERNAL_TYPES = new Set([
  'attachment',
  'nav_menu_item',
  'revision',
  'wp_block',
  'wp_template',
  'wp_template_part',
  'wp_global_styles',
  'wp_navigation',
  'custom_css',
  'customize_changeset',
  'oembed_cache',
  'user_request',
]);

/** What an attachment's page needs remembering until the posts are in. */
export type AttachmentPage = Pick<WxrPost, 'wpId' | 'link' | 'parentId'>;

const hostOf = (u: URL): string => u.hostname.toLowerCase().replace(/^www\./, '');

const sameTarget = (a: RedirectTarget, b: RedirectTarget): boolean =>
  a.articleId === b.articleId && a.sectionId === b.sectionId && a.tagId === b.tagId && a.userId === b.userId;

export class LegacyAddresses {
  private readonly hosts = new Set<string>();
  /** The blog's path on its host (`/blog` for a WordPress in a folder; '' at the root). */
  private readonly base: string;
  /** Keys of terms and authors already recorded in this run (they come up once per item). */
  private readonly seen = new Set<string>();

  constructor(
    private readonly source: string,
    private readonly tally: ImportTally,
    channel: { blogUrl: string; siteUrl: string },
  ) {
    let base = '';
    for (const url of [channel.blogUrl, channel.siteUrl]) {
      const u = parse(url);
      if (!u) continue;
      this.hosts.add(hostOf(u));
      if (url === (channel.blogUrl || channel.siteUrl)) base = legacyKey(u.pathname).key;
    }
    this.base = base;
  }

  /** The key of an item's `<link>`, or why it has none here (another host, no link). */
  private linkKey(link: string): { key: string } | { reason: Message } | null {
    if (!link.trim()) return null;
    const u = parse(link, 'http://relative.invalid');
    if (!u) return { reason: msg('importers.unmapped_not_url') };
    if (u.hostname !== 'relative.invalid' && this.hosts.size > 0 && !this.hosts.has(hostOf(u)))
      return { reason: msg('importers.unmapped_other_host') };
    const { key, feed } = legacyKey(u.pathname + u.search);
    if (feed || key === this.base) return null;
    return { key };
  }

  /** The keys of a post or page: its link first (it wins a clash), then WordPress's usual shapes. */
  postKeys(p: WxrPost): string[] {
    const b = this.base;
    const keys: string[] = [];
    const link = this.linkKey(p.link);
    if (link && 'key' in link) keys.push(link.key);
    if (/^\d+$/.test(p.wpId)) keys.push(`${b}?p=${p.wpId}`, `${b}/archives/${p.wpId}`);
    const name = legacyKey(`/${p.postName}`).key.slice(1);
    const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(p.localDate) ?? /^(\d{4})-(\d{2})-(\d{2})/.exec(p.date ?? '');
    if (name && !name.includes('/')) {
      if (d && d[1] !== '0000') keys.push(`${b}/${d[1]}/${d[2]}/${name}`, `${b}/${d[1]}/${d[2]}/${d[3]}/${name}`);
      keys.push(`${b}/${name}`);
    }
    return [...new Set(keys)];
  }

  /** Records where a post's old addresses go; a `<link>` already taken by another target is reported. */
  async recordPost(db: Kysely<Database>, p: WxrPost, articleId: number, now: Date): Promise<void> {
    const link = this.linkKey(p.link);
    if (link && 'reason' in link) this.tally.unmapped(p.link, link.reason);
    await this.record(db, this.postKeys(p), { articleId }, now, link && 'key' in link ? link.key : null);
  }

  /** An attachment's page (`<link>`, `?attachment_id=`) → the article of the post it belongs to. */
  async recordAttachmentPage(db: Kysely<Database>, p: AttachmentPage, articleId: number, now: Date): Promise<void> {
    const link = this.linkKey(p.link);
    const keys = [
      ...(link && 'key' in link ? [link.key] : []),
      ...(/^\d+$/.test(p.wpId) ? [`${this.base}?p=${p.wpId}`] : []),
    ];
    await this.record(db, keys, { articleId }, now, null);
  }

  /** A post or page not imported (trash, a type we do not import) whose address was public. */
  notImported(p: WxrPost, why: Message): void {
    if (p.status !== 'publish' || INTERNAL_TYPES.has(p.type) || !p.link.trim()) return;
    this.tally.unmapped(p.link, why);
  }

  async recordTerm(
    db: Kysely<Database>,
    taxonomy: 'category' | 'post_tag',
    slug: string,
    target: RedirectTarget,
    now: Date,
  ): Promise<void> {
    const key = legacyKey(`${this.base}/${taxonomy === 'category' ? 'category' : 'tag'}/${slug}`).key;
    await this.recordOnce(db, key, target, now);
  }

  /** `/author/<nicename>/`: WordPress's nicename is the login made URL-safe (sanitize_title). */
  async recordAuthor(db: Kysely<Database>, login: string, userId: number, now: Date): Promise<void> {
    const logins = new Set([login.toLowerCase(), slugify(login, 60)]);
    for (const l of logins) await this.recordOnce(db, legacyKey(`${this.base}/author/${l}`).key, { userId }, now);
  }

  private async recordOnce(db: Kysely<Database>, key: string, target: RedirectTarget, now: Date): Promise<void> {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    await this.record(db, [key], target, now, null);
  }

  private async record(
    db: Kysely<Database>,
    keys: string[],
    target: RedirectTarget,
    now: Date,
    linkKey: string | null,
  ): Promise<void> {
    const existing = await findRedirectTargets(db, keys);
    const taken = linkKey !== null ? existing.get(linkKey) : undefined;
    if (taken && !sameTarget(taken, target)) {
      // An item's own address beats another item's generic shape (a page `/about/` over a post named "about").
      if (taken.fromLink) this.tally.unmapped(linkKey!, msg('importers.unmapped_taken'));
      else await claimRedirect(db, this.source, linkKey!, target);
    }
    const fresh = keys
      .filter((k) => !existing.has(k) && k.length <= 500)
      .map((path) => ({ path, target, fromLink: path === linkKey }));
    if (fresh.length > 0) await insertRedirects(db, this.source, fresh, now);
  }
}

function parse(url: string, base?: string): URL | null {
  try {
    return new URL(url.trim(), base);
  } catch {
    return null;
  }
}
