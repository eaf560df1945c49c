/** Writes small WordPress exports (WXR 1.2) for importer tests, shaped as wp-admin/includes/export.php writes them. */

export interface WxrItemSpec {
  id: number;
  title: string;
  /** wp:post_name; '' for none (drafts). */
  name: string;
  type?: string;
  status?: string;
  /** `<link>` as WordPress wrote it. */
  link?: string;
  guid?: string;
  creator?: string;
  /** wp:post_date (local time) and wp:post_date_gmt. */
  date?: string;
  dateGmt?: string;
  content?: string;
  categories?: Array<{ domain: 'category' | 'post_tag'; slug: string; name: string }>;
  attachmentUrl?: string;
  meta?: Record<string, string>;
  parent?: number;
}

export interface WxrSpec {
  site: string;
  authors?: Array<{ id: number; login: string; email: string; name: string }>;
  categories?: Array<{ slug: string; name: string }>;
  tags?: Array<{ slug: string; name: string }>;
  items: WxrItemSpec[];
}

const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function item(i: WxrItemSpec): string {
  const meta = Object.entries(i.meta ?? {})
    .map(
      ([k, v]) =>
        `<wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`,
    )
    .join('\n');
  const cats = (i.categories ?? [])
    .map((c) => `<category domain="${c.domain}" nicename="${esc(c.slug)}">${cdata(c.name)}</category>`)
    .join('\n');
  return `<item>
<title>${cdata(i.title)}</title>
<link>${esc(i.link ?? '')}</link>
<dc:creator>${cdata(i.creator ?? '')}</dc:creator>
<guid isPermaLink="false">${esc(i.guid ?? '')}</guid>
<content:encoded>${cdata(i.content ?? '')}</content:encoded>
<excerpt:encoded>${cdata('')}</excerpt:encoded>
<wp:post_id>${i.id}</wp:post_id>
<wp:post_date>${cdata(i.date ?? '2025-05-03 10:00:00')}</wp:post_date>
<wp:post_date_gmt>${cdata(i.dateGmt ?? i.date ?? '2025-05-03 10:00:00')}</wp:post_date_gmt>
<wp:comment_status>${cdata('open')}</wp:comment_status>
<wp:post_name>${cdata(i.name)}</wp:post_name>
<wp:status>${cdata(i.status ?? (i.type === 'attachment' ? 'inherit' : 'publish'))}</wp:status>
<wp:post_parent>${i.parent ?? 0}</wp:post_parent>
<wp:post_type>${cdata(i.type ?? 'post')}</wp:post_type>
${i.attachmentUrl ? `<wp:attachment_url>${cdata(i.attachmentUrl)}</wp:attachment_url>` : ''}
${cats}
${meta}
</item>`;
}

export function buildWxr(spec: WxrSpec): string {
  const authors = (spec.authors ?? [])
    .map(
      (a) =>
        `<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>`,
    )
    .join('\n');
  const cats = (spec.categories ?? [])
    .map(
      (c) =>
        `<wp:category><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>`,
    )
    .join('\n');
  const tags = (spec.tags ?? [])
    .map(
      (t) => `<wp:tag><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated</title>
<link>${esc(spec.site)}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${esc(spec.site)}</wp:base_site_url>
<wp:base_blog_url>${esc(spec.site)}</wp:base_blog_url>
${authors}
${cats}
${tags}
${spec.items.map(item).join('\n')}
</channel>
</rss>
`;
}
