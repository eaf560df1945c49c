/**
 * Small WordPress (WXR) and Disqus exports written from a description, for tests that need the shape of a
 * real export (a missing header, a repeated post id, a WXR 1.0 tag, a deleted thread …) without a fixture
 * file. Text goes in CDATA; what a test leaves out is left out of the file.
 */

/** Text as CDATA, safe even when it contains `]]>`. */
export const cdata = (s: string): string => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

const el = (name: string, value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : `<${name}>${cdata(String(value))}</${name}>`;

export interface WxrAuthorSpec {
  id?: number;
  login: string;
  email?: string;
  displayName?: string;
}

export interface WxrCommentSpec {
  id: number;
  parent?: number;
  author: string;
  email?: string;
  content: string;
  /** wp:comment_approved; '1' when left out. */
  approved?: string;
  date?: string;
}

export interface WxrItemSpec {
  id: number | string;
  title: string;
  slug?: string;
  /** post when left out. */
  type?: string;
  /** publish when left out. */
  status?: string;
  password?: string;
  creator?: string;
  content?: string;
  /** "2025-05-01 10:00:00" (UTC); a date from the id when left out. */
  date?: string;
  link?: string;
  /** Item <category> elements: domain (category, post_tag, or WXR 1.0's tag), nicename, name. */
  terms?: Array<{ domain?: string; nicename?: string; name: string }>;
  comments?: WxrCommentSpec[];
}

export interface WxrSpec {
  /** wp:wxr_version; 1.2 when left out, none when null. */
  version?: string | null;
  /** wp:base_site_url and wp:base_blog_url; none when null. */
  site?: string | null;
  /** The channel's RSS <link>; the site when left out. */
  link?: string | null;
  authors?: WxrAuthorSpec[];
  items: WxrItemSpec[];
}

export function buildWxr(spec: WxrSpec): string {
  const site = spec.site === undefined ? 'https://old.example' : spec.site;
  const version = spec.version === undefined ? '1.2' : spec.version;
  const link = spec.link === undefined ? site : spec.link;
  const ns = `http://wordpress.org/export/${version ?? '1.2'}/`;
  const head = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<rss version="2.0" xmlns:excerpt="${ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"`,
    ` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="${ns}">`,
    '<channel>',
    '<title>Old site</title>',
    link ? `<link>${link}</link>` : '',
    version ? `<wp:wxr_version>${version}</wp:wxr_version>` : '',
    site ? `<wp:base_site_url>${site}</wp:base_site_url><wp:base_blog_url>${site}</wp:base_blog_url>` : '',
  ];
  const authors = (spec.authors ?? []).map(
    (a, i) =>
      `<wp:author><wp:author_id>${a.id ?? i + 1}</wp:author_id>${el('wp:author_login', a.login)}${el('wp:author_email', a.email ?? '')}${el('wp:author_display_name', a.displayName ?? a.login)}</wp:author>`,
  );
  return [
    ...head,
    ...authors,
    ...spec.items.map((it) => itemXml(it, site ?? link ?? 'https://old.example')),
    '</channel></rss>',
  ]
    .filter(Boolean)
    .join('\n');
}

function itemXml(it: WxrItemSpec, site: string): string {
  const slug = it.slug ?? `post-${it.id}`;
  const date = it.date ?? `2025-05-${String((Number(it.id) % 28) + 1).padStart(2, '0')} 10:00:00`;
  const terms = (it.terms ?? []).map(
    (t) =>
      `<category${t.domain !== undefined ? ` domain="${t.domain}"` : ''}${t.nicename !== undefined ? ` nicename="${t.nicename}"` : ''}>${cdata(t.name)}</category>`,
  );
  const comments = (it.comments ?? []).map(
    (c) =>
      `<wp:comment><wp:comment_id>${c.id}</wp:comment_id>${el('wp:comment_author', c.author)}${el('wp:comment_author_email', c.email ?? '')}${el('wp:comment_date_gmt', c.date ?? date)}${el('wp:comment_content', c.content)}${el('wp:comment_approved', c.approved ?? '1')}${el('wp:comment_type', 'comment')}<wp:comment_parent>${c.parent ?? 0}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`,
  );
  return [
    '<item>',
    el('title', it.title),
    `<link>${it.link ?? `${site}/${slug}/`}</link>`,
    `<guid isPermaLink="false">${site}/?p=${it.id}</guid>`,
    el('dc:creator', it.creator ?? ''),
    el('content:encoded', it.content ?? `<p>Body of ${it.title}.</p>`),
    el('excerpt:encoded', ''),
    `<wp:post_id>${it.id}</wp:post_id>`,
    el('wp:post_date_gmt', date),
    el('wp:comment_status', 'open'),
    el('wp:post_name', slug),
    el('wp:status', it.status ?? 'publish'),
    el('wp:post_type', it.type ?? 'post'),
    el('wp:post_password', it.password ?? ''),
    ...terms,
    ...comments,
    '</item>',
  ].join('');
}

export interface DisqusThreadSpec {
  id: string;
  link: string;
  title?: string;
  /** <isDeleted> as written (true, 1, …); none when left out. */
  isDeleted?: string;
}

export interface DisqusPostSpec {
  id: string;
  thread: string;
  parent?: string;
  author: string;
  message: string;
  /** Flags as written in the file (true, 1, True, '' …); left out when undefined. */
  isSpam?: string;
  isDeleted?: string;
  isApproved?: string;
  createdAt?: string;
}

export function buildDisqus(spec: { forum: string; threads: DisqusThreadSpec[]; posts: DisqusPostSpec[] }): string {
  const flag = (name: string, v: string | undefined) => (v === undefined ? '' : `<${name}>${v}</${name}>`);
  const threads = spec.threads.map(
    (t) =>
      `<thread dsq:id="${t.id}"><id>${t.id}</id><forum>${spec.forum}</forum><category dsq:id="1" /><link>${t.link}</link>${el('title', t.title ?? t.id)}<createdAt>2025-05-01T10:00:00Z</createdAt>${flag('isDeleted', t.isDeleted)}<isClosed>false</isClosed></thread>`,
  );
  const posts = spec.posts.map(
    (p) =>
      `<post dsq:id="${p.id}"><id />${el('message', p.message)}<createdAt>${p.createdAt ?? '2025-05-02T10:00:00Z'}</createdAt>${flag('isDeleted', p.isDeleted)}${flag('isSpam', p.isSpam)}${flag('isApproved', p.isApproved)}<author>${el('name', p.author)}<isAnonymous>false</isAnonymous></author><thread dsq:id="${p.thread}" />${p.parent ? `<parent dsq:id="${p.parent}" />` : ''}</post>`,
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">',
    `<category dsq:id="1"><forum>${spec.forum}</forum><title>General</title><isDefault>true</isDefault></category>`,
    ...threads,
    ...posts,
    '</disqus>',
  ].join('\n');
}
