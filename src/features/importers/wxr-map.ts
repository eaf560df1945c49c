/**
 * WordPress eXtended RSS (WXR 1.0–1.2, written by wp-admin/includes/export.php) read into plain
 * records. Pure functions: no database, no I/O.
 */
import { balanceBidi } from '../../lib/bidi.js';
import type { CommentStatus } from '../comments/index.js';
import { child, childrenNamed, rawTextOf, textOf, type XNode } from './xml-records.js';

/** Which elements of a WXR file are records: channel-level declarations, items, and comments in items. */
export function isWxrRecord(name: string, parent: string): boolean {
  if (parent === 'channel')
    return [
      'item',
      'wp:author',
      'wp:category',
      'wp:tag',
      'wp:term',
      'wp:base_site_url',
      'wp:base_blog_url',
      'wp:wxr_version',
      // The RSS <link> of the channel: names the site when an export lacks wp:base_site_url.
      'link',
    ].includes(name);
  return name === 'wp:comment' && parent === 'item';
}

export interface WxrAuthor {
  /** WordPress user id (wp:author_id), to link comments written by staff. */
  wpId: string;
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  taxonomy: string;
  slug: string;
  name: string;
}

export interface WxrPost {
  wpId: string;
  /** post, page, attachment, nav_menu_item, revision … */
  type: string;
  /** publish, future, draft, pending, private, trash, inherit … */
  status: string;
  /** wp:post_password: non-empty for a password-protected post. */
  password: string;
  title: string;
  /** Permalink on the old site. */
  link: string;
  guid: string;
  /** wp:post_name, percent-decoded. */
  postName: string;
  /** Author login (dc:creator). */
  creator: string;
  content: string;
  excerpt: string;
  /** ISO-8601 UTC, or null when WordPress left it empty (drafts). */
  date: string | null;
  /** wp:post_date as written (the site's local time): the date in the old permalinks. */
  localDate: string;
  modified: string | null;
  commentsOpen: boolean;
  /** Terms attached to the item: domain (category, post_tag …), slug, name. */
  terms: Array<{ domain: string; slug: string; name: string }>;
  /** Post meta (last value per key, except former slugs which may repeat). */
  meta: Map<string, string>;
  formerSlugs: string[];
  attachmentUrl: string;
  /** wp:post_parent: the post an attachment belongs to ('0' or '' for none). */
  parentId: string;
}

export interface WxrComment {
  wpId: string;
  /** null for a top-level comment. */
  parentWpId: string | null;
  author: string;
  email: string;
  ip: string;
  date: string | null;
  content: string;
  /** wp:comment_approved: 1, 0, spam, trash, post-trashed. */
  approved: string;
  /** '' or 'comment' for comments; pingback, trackback and plugin types otherwise. */
  type: string;
  wpUserId: string;
  votes: { up: number; down: number } | null;
}

/** "2020-01-31 14:05:00" (UTC) → ISO-8601; null for WordPress's zero date or garbage. */
export function wpDate(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(s.trim());
  if (!m || m[1] === '0000') return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function decodeSlug(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function readAuthor(n: XNode): WxrAuthor {
  const first = textOf(n, 'wp:author_first_name');
  const last = textOf(n, 'wp:author_last_name');
  const login = textOf(n, 'wp:author_login');
  return {
    wpId: textOf(n, 'wp:author_id'),
    login,
    email: textOf(n, 'wp:author_email').toLowerCase(),
    displayName: balanceBidi(textOf(n, 'wp:author_display_name') || [first, last].filter(Boolean).join(' ') || login),
  };
}

/** wp:category, wp:tag and wp:term declarations of the channel. */
export function readTerm(n: XNode): WxrTerm {
  if (n.name === 'wp:category')
    return {
      taxonomy: 'category',
      slug: decodeSlug(textOf(n, 'wp:category_nicename')),
      name: balanceBidi(textOf(n, 'wp:cat_name')),
    };
  if (n.name === 'wp:tag')
    return {
      taxonomy: 'post_tag',
      slug: decodeSlug(textOf(n, 'wp:tag_slug')),
      name: balanceBidi(textOf(n, 'wp:tag_name')),
    };
  return {
    taxonomy: textOf(n, 'wp:term_taxonomy'),
    slug: decodeSlug(textOf(n, 'wp:term_slug')),
    name: balanceBidi(textOf(n, 'wp:term_name')),
  };
}

export function readPost(n: XNode): WxrPost {
  const meta = new Map<string, string>();
  const formerSlugs: string[] = [];
  for (const m of childrenNamed(n, 'wp:postmeta')) {
    const key = textOf(m, 'wp:meta_key');
    const value = rawTextOf(m, 'wp:meta_value');
    if (key === '_wp_old_slug') formerSlugs.push(decodeSlug(value.trim()));
    else meta.set(key, value);
  }
  return {
    wpId: textOf(n, 'wp:post_id'),
    type: textOf(n, 'wp:post_type') || 'post',
    status: (textOf(n, 'wp:status') || 'draft').toLowerCase(),
    password: textOf(n, 'wp:post_password'),
    title: balanceBidi(textOf(n, 'title')),
    link: textOf(n, 'link'),
    guid: textOf(n, 'guid'),
    postName: decodeSlug(textOf(n, 'wp:post_name')),
    creator: textOf(n, 'dc:creator'),
    content: rawTextOf(n, 'content:encoded'),
    excerpt: balanceBidi(textOf(n, 'excerpt:encoded')),
    date: wpDate(textOf(n, 'wp:post_date_gmt')) ?? wpDate(textOf(n, 'wp:post_date')),
    localDate: textOf(n, 'wp:post_date'),
    modified: wpDate(textOf(n, 'wp:post_modified_gmt')) ?? wpDate(textOf(n, 'wp:post_modified')),
    commentsOpen: (textOf(n, 'wp:comment_status') || 'open') === 'open',
    terms: childrenNamed(n, 'category').map(readItemTerm),
    meta,
    formerSlugs,
    attachmentUrl: textOf(n, 'wp:attachment_url'),
    parentId: textOf(n, 'wp:post_parent'),
  };
}

/**
 * An item's <category>. WXR 1.0 wrote tags as domain="tag" (1.1 and later: "post_tag"), sometimes without
 * a nicename; the slug is then made from the name. A <category> without a domain is RSS's plain copy of
 * a category the item also lists with its domain, and stays unused.
 */
function readItemTerm(c: XNode): { domain: string; slug: string; name: string } {
  const raw = (c.attrs.domain ?? '').trim().toLowerCase();
  const domain = raw === 'tag' ? 'post_tag' : raw;
  const name = balanceBidi(c.text.trim());
  const slug = decodeSlug(c.attrs.nicename ?? '').trim() || (domain ? name : '');
  return { domain, slug, name };
}

export function readComment(n: XNode): WxrComment {
  const meta = new Map<string, string>();
  for (const m of childrenNamed(n, 'wp:commentmeta'))
    meta.set(textOf(m, 'wp:meta_key'), rawTextOf(m, 'wp:meta_value').trim());
  const parent = textOf(n, 'wp:comment_parent');
  return {
    wpId: textOf(n, 'wp:comment_id'),
    parentWpId: parent === '' || parent === '0' ? null : parent,
    author: balanceBidi(textOf(n, 'wp:comment_author')),
    email: textOf(n, 'wp:comment_author_email').toLowerCase(),
    ip: textOf(n, 'wp:comment_author_IP'),
    date: wpDate(textOf(n, 'wp:comment_date_gmt')) ?? wpDate(textOf(n, 'wp:comment_date')),
    content: rawTextOf(n, 'wp:comment_content'),
    approved: textOf(n, 'wp:comment_approved') || '1',
    type: textOf(n, 'wp:comment_type'),
    wpUserId: textOf(n, 'wp:comment_user_id'),
    votes: wpDiscuzVotes(meta),
  };
}

/**
 * wpDiscuz keeps a comment's net score in `wpdiscuz_votes` and, since 7.x, the split in
 * `wpdiscuz_votes_seperate` (sic), a serialized PHP array: a:2:{s:4:"like";i:5;s:7:"dislike";i:1;}.
 * The split wins when present; a net score alone becomes up or down votes.
 */
export function wpDiscuzVotes(meta: Map<string, string>): { up: number; down: number } | null {
  const separate = meta.get('wpdiscuz_votes_seperate');
  if (separate) {
    const like = /s:4:"like";i:(-?\d+);/.exec(separate);
    const dislike = /s:7:"dislike";i:(-?\d+);/.exec(separate);
    if (like || dislike) {
      // wpDiscuz stores dislikes as a count (older versions as a negative number).
      return { up: Math.abs(Number(like?.[1] ?? 0)), down: Math.abs(Number(dislike?.[1] ?? 0)) };
    }
  }
  const net = meta.get('wpdiscuz_votes');
  if (net !== undefined && /^-?\d+$/.test(net)) {
    const n = Number(net);
    return { up: Math.max(n, 0), down: Math.max(-n, 0) };
  }
  return null;
}

/** WordPress comment status → ours. Unknown values wait for a moderator. */
export function commentStatus(approved: string): CommentStatus {
  switch (approved) {
    case '1':
    case 'approve':
    case 'approved':
      return 'approved';
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return 'trash';
    default:
      return 'pending';
  }
}

/** Comment types that are reader discussion; pingbacks, trackbacks and plugin notes are not imported. */
export const DISCUSSION_TYPES = new Set(['', 'comment']);

export const hasChild = (n: XNode, name: string): boolean => child(n, name) !== undefined;
