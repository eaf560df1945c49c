/**
 * Writes a WordPress export (WXR 1.2) of a chosen size, shaped like a real newsroom's: posts with
 * categories and tags, a few hundred comments each (threaded, some replies before their parents, some
 * pending or spam), wpDiscuz votes. Deterministic (seeded), streamed (never held in memory).
 *
 *   npx tsx bench/gen-wxr.ts <out.xml> [--mb 300] [--comments-per-post 200]
 *
 * 300 MB is about 1,060 posts and 210,000 comments. Used for the import figures in docs/import-export.md
 * and, small, by test/http/import-kill.test.ts.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { rng } from '../src/features/demo/demo.seed.js';

export interface WxrGenOptions {
  /** Posts to write. */
  posts: number;
  commentsPerPost: number;
}

/** What the generated file holds, for a test to check an import against. */
export interface WxrGenCounts {
  posts: number;
  comments: number;
  /** Comments with wp:comment_approved 1, per post slug. */
  approvedBySlug: Map<string, number>;
  bytes: number;
}

/** ~0.7 KB of text per comment: a real export's comments average a few hundred bytes to a few KB. */
const FILLER =
  'The ferry timetable, the harbour budget and the night buses are all connected, and readers notice. '.repeat(7);
const BODY = `<p>${'Council met on Tuesday to discuss the market hall roof. '.repeat(40)}</p>`;

const HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated Gazette</title><link>https://gen.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://gen.example</wp:base_site_url><wp:base_blog_url>https://gen.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[desk]]></wp:author_login><wp:author_email><![CDATA[desk@gen.example]]></wp:author_email><wp:author_display_name><![CDATA[Desk]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename><![CDATA[city]]></wp:category_nicename><wp:cat_name><![CDATA[City]]></wp:cat_name></wp:category>
`;

/** wp:comment_approved for the n-th comment: mostly approved, some pending, a little spam. */
function approvedOf(r: () => number): string {
  const x = r();
  return x < 0.9 ? '1' : x < 0.97 ? '0' : 'spam';
}

export async function writeWxr(file: string, opts: WxrGenOptions): Promise<WxrGenCounts> {
  const out = fs.createWriteStream(file);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  const r = rng(42);
  const approvedBySlug = new Map<string, number>();
  await write(HEAD);
  let commentId = 1;
  for (let p = 1; p <= opts.posts; p++) {
    const slug = `story-${p}`;
    const day = String((p % 28) + 1).padStart(2, '0');
    await write(`<item><title><![CDATA[Story number ${p}]]></title><link>https://gen.example/2026/01/${slug}/</link><dc:creator><![CDATA[desk]]></dc:creator>
<guid isPermaLink="false">https://gen.example/?p=${p}</guid><content:encoded><![CDATA[${BODY}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${p}</wp:post_id>
<wp:post_date><![CDATA[2026-01-${day} 10:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2026-01-${day} 10:00:00]]></wp:post_date_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[${slug}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="city"><![CDATA[City]]></category><category domain="post_tag" nicename="tag-${p % 50}"><![CDATA[Tag ${p % 50}]]></category>
`);
    const first = commentId;
    const comments: string[] = [];
    let approved = 0;
    for (let c = 0; c < opts.commentsPerPost; c++, commentId++) {
      const parent = c > 0 && r() < 0.6 ? first + Math.floor(r() * c) : 0;
      const minute = String(c % 60).padStart(2, '0');
      const status = approvedOf(r);
      if (status === '1') approved++;
      comments.push(`<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[reader${commentId}@example.net]]></wp:comment_author_email><wp:comment_author_IP><![CDATA[10.${p % 250}.${c % 250}.1]]></wp:comment_author_IP>
<wp:comment_date_gmt><![CDATA[2026-01-${day} 11:${minute}:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[${FILLER}]]></wp:comment_content>
<wp:comment_approved><![CDATA[${status}]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>
<wp:commentmeta><wp:meta_key><![CDATA[wpdiscuz_votes]]></wp:meta_key><wp:meta_value><![CDATA[${c % 7}]]></wp:meta_value></wp:commentmeta></wp:comment>
`);
    }
    // Every tenth reply is written before the comment it answers, as real exports sometimes do.
    for (let i = 10; i < comments.length; i += 10) [comments[i - 1], comments[i]] = [comments[i]!, comments[i - 1]!];
    for (const c of comments) await write(c);
    await write('</item>\n');
    approvedBySlug.set(slug, approved);
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
  return { posts: opts.posts, comments: commentId - 1, approvedBySlug, bytes };
}

/** Bytes one post with `commentsPerPost` comments takes, measured on a one-post file. */
const BYTES_PER_COMMENT = 1_470;
const BYTES_PER_POST = 3_600;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { mb: { type: 'string' }, 'comments-per-post': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: npx tsx bench/gen-wxr.ts <out.xml> [--mb 300] [--comments-per-post 200]');
  const mb = Number(values.mb ?? 300);
  const perPost = Number(values['comments-per-post'] ?? 200);
  const posts = Math.max(1, Math.round((mb * 1024 * 1024) / (BYTES_PER_POST + perPost * BYTES_PER_COMMENT)));
  const counts = await writeWxr(file, { posts, commentsPerPost: perPost });
  process.stdout.write(
    `${file}: ${(counts.bytes / 1024 / 1024).toFixed(1)} MB, ${counts.posts} posts, ${counts.comments} comments\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
