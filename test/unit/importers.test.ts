import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readXmlRecords, textOf, XmlFormatError, type XmlEvent } from '../../src/features/importers/xml-records.js';
import {
  commentStatus,
  isWxrRecord,
  readComment,
  wpDate,
  wpDiscuzVotes,
} from '../../src/features/importers/wxr-map.js';
import { disqusDate, disqusStatus, flag, readPost } from '../../src/features/importers/disqus-map.js';
import { balanceBidi, isolateBidi } from '../../src/lib/bidi.js';
import { english } from '../../src/platform/i18n.js';
import {
  autop,
  convertCaptions,
  excerptFrom,
  sanitizeImportedComment,
} from '../../src/features/importers/import-html.js';
import { normalizeUrl } from '../../src/features/importers/wxr-content.js';

async function collect(xml: string, chunkBytes: number, isRecord = isWxrRecord): Promise<XmlEvent[]> {
  const buf = Buffer.from(xml);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunkBytes) chunks.push(buf.subarray(i, i + chunkBytes));
  const out: XmlEvent[] = [];
  for await (const events of readXmlRecords(Readable.from(chunks), { isRecord })) out.push(...events);
  return out;
}

const WXR = `<?xml version="1.0"?>
<rss xmlns:wordpress="http://wordpress.org/export/1.1/" xmlns:c="http://purl.org/rss/1.0/modules/content/">
<channel><wordpress:base_site_url>https://ü.example</wordpress:base_site_url>
<item><title>Grüße &amp; 日本</title><c:encoded><![CDATA[<p>a]]b</p>]]></c:encoded><wordpress:post_id>7</wordpress:post_id>
<wordpress:comment><wordpress:comment_id>1</wordpress:comment_id><wordpress:comment_content><![CDATA[Hi ✓]]></wordpress:comment_content></wordpress:comment>
<wordpress:comment><wordpress:comment_id>2</wordpress:comment_id></wordpress:comment>
</item></channel></rss>`;

describe('streaming XML records', () => {
  it('gives the same records whatever the chunk size, even when a chunk splits a multi-byte character', async () => {
    const whole = await collect(WXR, 1_000_000);
    for (const size of [1, 3, 7, 64]) expect(await collect(WXR, size)).toEqual(whole);
    expect(whole.map((e) => `${e.type}:${e.node.name}`)).toEqual([
      'close:wp:base_site_url',
      'open:item',
      'close:wp:comment',
      'close:wp:comment',
      'close:item',
    ]);
  });

  it('names elements by namespace, not by the prefix the file chose', async () => {
    const [site, item] = await collect(WXR, 50);
    expect(site!.node.text).toBe('https://ü.example');
    expect(textOf(item!.node, 'wp:post_id')).toBe('7');
    expect(textOf(item!.node, 'content:encoded')).toBe('<p>a]]b</p>');
    expect(textOf(item!.node, 'title')).toBe('Grüße & 日本');
    // Comments are records of their own, never attached to the item.
    expect(item!.node.children.some((c) => c.name === 'wp:comment')).toBe(false);
  });

  it('emits a record without nested records once, on close', async () => {
    const events = await collect('<rss><channel><item><title>x</title></item></channel></rss>', 5);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'close', opened: false });
  });

  it('tolerates stray control characters and HTML entities, and reports broken XML with its place', async () => {
    const events = await collect('<rss><channel><item><title>A\u000bB&nbsp;C</title></item></channel></rss>', 4);
    expect(textOf(events[0]!.node, 'title')).toBe('AB\u00a0C');
    await expect(collect('<rss><channel><item><title>x</item></channel></rss>', 8)).rejects.toThrow(XmlFormatError);
    await expect(collect('<rss><channel><item><title>x</item></channel></rss>', 8)).rejects.toThrow(
      /at line 1, column \d+: unexpected close tag/,
    );
  });

  it('drops what comes before the XML declaration, with a warning, and counts it in error positions', async () => {
    const warnings: string[] = [];
    const read = async (xml: string) => {
      const out: XmlEvent[] = [];
      const input = Readable.from([Buffer.from(xml)]);
      for await (const ev of readXmlRecords(input, {
        isRecord: isWxrRecord,
        onWarning: (w) => warnings.push(english(w)),
      }))
        out.push(...ev);
      return out;
    };
    expect(
      await read('\ufeff<?xml version="1.0"?><rss><channel><item><title>A</title></item></channel></rss>'),
    ).toHaveLength(1);
    expect(await read('<br />\n<b>Notice</b>\n<?xml version="1.0"?><rss><channel></channel></rss>')).toHaveLength(0);
    expect(warnings).toEqual([
      'warnings: a byte-order mark before the XML declaration (ignored)',
      'warnings: 21 characters before the XML declaration (ignored)',
    ]);
    await expect(read('junk\n\n<?xml version="1.0"?>\n<rss><channel><item></channel></rss>')).rejects.toThrow(
      /at line 4, column \d+/,
    );
  });
});

describe('reading WordPress records', () => {
  it('reads wpDiscuz votes from the split counts or the net score', () => {
    expect(
      wpDiscuzVotes(
        new Map([
          ['wpdiscuz_votes_seperate', 'a:2:{s:4:"like";i:5;s:7:"dislike";i:1;}'],
          ['wpdiscuz_votes', '4'],
        ]),
      ),
    ).toEqual({ up: 5, down: 1 });
    expect(wpDiscuzVotes(new Map([['wpdiscuz_votes', '-3']]))).toEqual({ up: 0, down: 3 });
    expect(wpDiscuzVotes(new Map([['wpdiscuz_votes', 'junk']]))).toBeNull();
    expect(wpDiscuzVotes(new Map())).toBeNull();
  });

  it('maps comment statuses and dates', () => {
    expect(['1', '0', 'spam', 'trash', 'post-trashed', 'weird'].map(commentStatus)).toEqual([
      'approved',
      'pending',
      'spam',
      'trash',
      'trash',
      'pending',
    ]);
    expect(wpDate('2026-03-15 06:30:00')).toBe('2026-03-15T06:30:00.000Z');
    expect(wpDate('0000-00-00 00:00:00')).toBeNull();
    expect(wpDate('')).toBeNull();
  });

  it('treats a comment parent of 0 as top-level and lower-cases e-mails', () => {
    const c = readComment({
      name: 'wp:comment',
      attrs: {},
      text: '',
      children: [
        { name: 'wp:comment_parent', attrs: {}, text: '0', children: [] },
        { name: 'wp:comment_author_email', attrs: {}, text: ' Ann@Example.NET ', children: [] },
      ],
    });
    expect(c.parentWpId).toBeNull();
    expect(c.email).toBe('ann@example.net');
  });
});

describe('reading Disqus records', () => {
  it('reads dates with or without a zone as UTC and maps statuses', () => {
    expect(disqusDate('2012-12-12T12:12:12')).toBe('2012-12-12T12:12:12.000Z');
    expect(disqusDate('2013-05-13T20:27:38Z')).toBe('2013-05-13T20:27:38.000Z');
    const base = readPost({ name: 'post', attrs: { 'dsq:id': '5' }, text: '', children: [] });
    expect(disqusStatus({ ...base, isSpam: true, isDeleted: true })).toBe('spam');
    expect(disqusStatus({ ...base, isDeleted: true })).toBe('trash');
    expect(disqusStatus({ ...base, isApproved: false })).toBe('pending');
    expect(disqusStatus(base)).toBe('approved');
    expect(disqusStatus(base, true)).toBe('trash');
  });

  it('reads flags tolerantly', () => {
    for (const v of ['true', 'True', ' TRUE ', '1', 'yes']) expect(flag(v, false)).toBe(true);
    for (const v of ['false', 'False', '0', 'no']) expect(flag(v, true)).toBe(false);
    expect(flag('', true)).toBe(true);
    expect(flag('maybe', false)).toBe(false);
  });

  it('follows thread and parent references by internal id or by text', () => {
    const p = readPost({
      name: 'post',
      attrs: {},
      text: '',
      children: [
        { name: 'id', attrs: {}, text: '2', children: [] },
        { name: 'thread', attrs: {}, text: '1', children: [] },
        { name: 'parent', attrs: { 'dsq:id': '1' }, text: '2', children: [] },
      ],
    });
    expect(p).toMatchObject({ key: 'id:2', threadKeys: ['id:1'], parentKey: '1' });
  });
});

describe('imported HTML', () => {
  it('turns WordPress comment text into paragraphs and keeps only the small allowlist', () => {
    expect(autop('One\nline two\n\nPara two')).toBe('<p>One<br>\nline two</p>\n<p>Para two</p>');
    const html = sanitizeImportedComment(
      '<p style="x" onclick="y">Hi <img src=x onerror=z> <a href="https://a.example" target="_blank">a</a> <a href="javascript:alert(1)">b</a></p><script>bad()</script>',
    );
    expect(html).toBe('<p>Hi  <a href="https://a.example" rel="nofollow ugc">a</a> <a rel="nofollow ugc">b</a></p>');
  });

  it('keeps WordPress captions as figures and makes excerpts at a word boundary', () => {
    expect(convertCaptions('[caption id="a" width="300"]<img src="/x.jpg" alt="X" /> Cap[/caption]')).toBe(
      '<figure><img src="/x.jpg" alt="X" /><figcaption>Cap</figcaption></figure>',
    );
    expect(
      convertCaptions(`[caption id="a" align="alignleft" caption='The pier, at dusk']<img src="/p.jpg" />[/caption]`),
    ).toBe('<figure><img src="/p.jpg" /><figcaption>The pier, at dusk</figcaption></figure>');
    expect(convertCaptions('[caption id="a"]<img src="/n.jpg" />[/caption]')).toBe(
      '<figure><img src="/n.jpg" /></figure>',
    );
    expect(excerptFrom(`<p>${'word '.repeat(100)}</p>`, 22)).toBe('word word word word…');
  });

  it('compares URLs without scheme, www, fragment or trailing slash', () => {
    expect(normalizeUrl('https://www.Gazette.example/2026/03/x/#comments')).toBe('gazette.example/2026/03/x');
    expect(normalizeUrl('')).toBeNull();
  });
});

describe('bidi controls', () => {
  it('drops closers without an opener and closes what is left open', () => {
    expect(balanceBidi('plain')).toBe('plain');
    expect(balanceBidi('a\u202eb')).toBe('a\u202eb\u202c');
    expect(balanceBidi('a\u202cb\u2069c')).toBe('abc');
    expect(balanceBidi('\u2067x\u202by\u2069z')).toBe('\u2067x\u202by\u2069z');
    expect(balanceBidi('\u2066\u202ax')).toBe('\u2066\u202ax\u202c\u2069');
  });

  it('isolates text with controls or right-to-left letters, and leaves other text alone', () => {
    expect(isolateBidi('Harbour news')).toBe('Harbour news');
    expect(isolateBidi('\u05e9\u05dc\u05d5\u05dd')).toBe('\u2068\u05e9\u05dc\u05d5\u05dd\u2069');
    expect(isolateBidi('a\u202eb')).toBe('\u2068a\u202eb\u202c\u2069');
  });
});
