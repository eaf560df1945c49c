import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeImage } from '../../src/features/images/image.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { hoursAfter, makeArticle, makeAuthor, makeCorrection, makeSection, makeTag } from '../helpers/newsroom.js';
import { DIALECTS } from '../helpers/test-db.js';
import { kid, kids, parseXml, textOf } from '../helpers/xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const NASTY = 'Fares & <fees> rise "again" for \'riders\'\u0007 ]]>';

for (const dialect of DIALECTS) {
  describe(`feeds on ${dialect}`, () => {
    let t: TestApp;
    let site = '';
    let chartFile = '';
    let correctionId = 0;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      site = t.deps.config.siteUrl;
      const db = t.deps.db.kysely;
      const news = await makeSection(db, 'News');
      const culture = await makeSection(db, 'Culture');
      const transport = await makeTag(db, 'Transport');
      const ana = await makeAuthor(db, 'Ana Lima');
      const jpeg = await sharp({ create: { width: 1800, height: 1000, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer();
      const chartId = await storeImage(
        { ...t.deps, clock: fixedClock('2026-06-01T00:00:00Z') },
        { buffer: jpeg, alt: 'Fares by zone', decorative: false, caption: 'Fares, 2026' },
      );
      const chart = (
        await db.selectFrom('images').select('storage_key').where('id', '=', chartId).executeTakeFirstOrThrow()
      ).storage_key;
      chartFile = `${site}/media/${chart}/1600.jpg`;
      for (let i = 0; i < 34; i++) {
        await makeArticle(db, {
          headline: `Culture story ${i}`,
          publishedAt: hoursAfter('2026-06-01T00:00:00.000Z', i),
          sectionId: culture.id,
        });
      }
      const fares = await makeArticle(db, {
        headline: NASTY,
        excerpt: 'Zone fares go up in July.',
        publishedAt: '2026-06-13T09:00:00.000Z',
        updatedAt: '2026-06-13T15:30:00.000Z',
        body: `The council voted.\n\n![Fares by zone](image:${chartId})\n\nSee [our earlier report](/articles/earlier) and [the council](https://council.example/).`,
        sectionId: news.id,
        tagIds: [transport.id],
        authorIds: [ana.id],
      });
      correctionId = await makeCorrection(
        db,
        fares.id,
        'We misstated the July fare for zone 2.',
        '2026-06-13T18:00:00.000Z',
      );
      const draft = await makeArticle(db, {
        headline: 'DRAFT zeppelin',
        status: 'draft',
        sectionId: news.id,
        tagIds: [transport.id],
        authorIds: [ana.id],
      });
      await makeCorrection(db, draft.id, 'A zeppelin correction to a draft.', '2026-06-13T19:00:00.000Z');
    });
    afterAll(async () => {
      await t.close();
    });

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

    it('serves RSS 2.0 with channel and item fields, full content and absolute URLs', async () => {
      const res = await get('/feed.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      const rss = parseXml(res.body);
      expect(rss.name).toBe('rss');
      expect(rss.attrs.version).toBe('2.0');
      const channel = kid(rss, 'channel');
      expect(textOf(channel, 'title')).toBe('The Broadsheet');
      expect(textOf(channel, 'link')).toBe(`${site}/`);
      expect(textOf(channel, 'description')).not.toBe('');
      expect(kid(channel, 'atom:link').attrs.href).toBe(`${site}/feed.xml`);
      const items = kids(channel, 'item');
      expect(items).toHaveLength(30);
      for (const item of items) {
        expect(textOf(item, 'title')).not.toBe('');
        expect(textOf(item, 'link')).toMatch(new RegExp(`^${site}/articles/`));
        expect(textOf(item, 'guid')).toMatch(/^tag:[^,]+,\d{4}-\d{2}-\d{2}:article\/\d+$/);
        expect(textOf(item, 'pubDate')).toMatch(RFC822);
      }
      const fares = items[0]!;
      // Control characters are dropped; everything else survives escaping exactly.
      expect(textOf(fares, 'title')).toBe(NASTY.replace('\u0007', ''));
      expect(textOf(fares, 'pubDate')).toBe('Sat, 13 Jun 2026 09:00:00 GMT');
      expect(kids(fares, 'dc:creator').map((c) => c.text)).toEqual(['Ana Lima']);
      expect(kids(fares, 'category').map((c) => c.text)).toEqual(['News', 'Transport']);
      const content = textOf(fares, 'content:encoded');
      expect(content).toContain(`<img src="${chartFile}" alt="Fares by zone" width="1600"`);
      expect(content).toContain('<figcaption>Fares, 2026</figcaption>');
      expect(content).toContain(`href="${site}/articles/earlier"`);
      expect(content).toContain('href="https://council.example/"');
      expect(content).not.toContain('data-image-id');
    });

    it('serves Atom with feed and entry ids, titles, update times and links', async () => {
      const res = await get('/atom.xml');
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const feed = parseXml(res.body);
      expect(feed.name).toBe('feed');
      expect(feed.uri).toBe(ATOM);
      expect(textOf(feed, 'id')).not.toBe('');
      expect(textOf(feed, 'title')).toBe('The Broadsheet');
      expect(textOf(feed, 'updated')).toBe('2026-06-13T15:30:00.000Z');
      expect(kids(feed, 'link').find((l) => l.attrs.rel === 'self')?.attrs.href).toBe(`${site}/atom.xml`);
      expect(kid(kid(feed, 'author'), 'name').text).toBe('The Broadsheet');
      const entries = kids(feed, 'entry');
      expect(entries).toHaveLength(30);
      for (const e of entries) {
        expect(textOf(e, 'id')).toMatch(/^tag:/);
        expect(textOf(e, 'title')).not.toBe('');
        expect(Number.isNaN(Date.parse(textOf(e, 'updated')))).toBe(false);
        expect(kid(e, 'link').attrs.href).toMatch(new RegExp(`^${site}/articles/`));
      }
      expect(textOf(entries[0]!, 'updated')).toBe('2026-06-13T15:30:00.000Z');
      expect(kid(entries[0]!, 'content').attrs.type).toBe('html');
      expect(kid(kid(entries[0]!, 'author'), 'name').text).toBe('Ana Lima');
    });

    it('serves JSON Feed 1.1 with version, title and item ids and URLs', async () => {
      const res = await get('/feed.json');
      expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const feed = JSON.parse(res.body);
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.title).toBe('The Broadsheet');
      expect(feed.feed_url).toBe(`${site}/feed.json`);
      expect(feed.items).toHaveLength(30);
      for (const item of feed.items) {
        expect(typeof item.id).toBe('string');
        expect(item.url).toMatch(new RegExp(`^${site}/articles/`));
        expect(typeof item.content_html).toBe('string');
      }
      expect(feed.items[0]).toMatchObject({
        title: NASTY.replace('\u0007', ''),
        image: chartFile,
        date_modified: '2026-06-13T15:30:00.000Z',
        tags: ['News', 'Transport'],
        authors: [{ name: 'Ana Lima', url: `${site}/author/ana-lima` }],
      });
    });

    it('gives the same article the same id in every format and after its slug changes', async () => {
      const before = JSON.parse((await get('/feed.json')).body).items[0].id;
      const rssGuid = textOf(kids(kid(parseXml((await get('/feed.xml')).body), 'channel'), 'item')[0]!, 'guid');
      const atomId = textOf(kids(parseXml((await get('/atom.xml')).body), 'entry')[0]!, 'id');
      expect(rssGuid).toBe(before);
      expect(atomId).toBe(before);
      const db = t.deps.db.kysely;
      const id = Number(before.split('/').pop());
      const old = await db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
      await db.updateTable('articles').set({ slug: 'fares-rise-renamed' }).where('id', '=', id).execute();
      const after = JSON.parse((await get('/feed.json')).body).items[0];
      expect(after.id).toBe(before);
      expect(after.url).toBe(`${site}/articles/fares-rise-renamed`);
      await db.updateTable('articles').set({ slug: old.slug }).where('id', '=', id).execute();
    });

    it('serves feeds for a section, a tag and an author holding only their articles', async () => {
      for (const [base, count] of [
        ['/section/news', 1],
        ['/section/culture', 30],
        ['/tag/transport', 1],
        ['/author/ana-lima', 1],
      ] as const) {
        const rss = parseXml((await get(`${base}/feed.xml`)).body);
        const channel = kid(rss, 'channel');
        expect(kids(channel, 'item'), base).toHaveLength(count);
        expect(textOf(channel, 'link')).toBe(`${site}${base}`);
        expect(kid(channel, 'atom:link').attrs.href).toBe(`${site}${base}/feed.xml`);
        const atom = parseXml((await get(`${base}/atom.xml`)).body);
        expect(kids(atom, 'entry')).toHaveLength(count);
        expect(JSON.parse((await get(`${base}/feed.json`)).body).items).toHaveLength(count);
      }
    });

    it('answers a feed of an unknown section, tag or author with 404', async () => {
      for (const url of ['/section/sport/feed.xml', '/tag/none/atom.xml', '/author/nobody/feed.json']) {
        expect((await get(url)).statusCode, url).toBe(404);
      }
    });

    it('serves a corrections feed linking to the correction anchors', async () => {
      const channel = kid(parseXml((await get('/corrections/feed.xml')).body), 'channel');
      const items = kids(channel, 'item');
      expect(items).toHaveLength(1);
      expect(textOf(items[0]!, 'link')).toMatch(new RegExp(`/articles/[^#]+#correction-${correctionId}$`));
      expect(textOf(items[0]!, 'description')).toBe('We misstated the July fare for zone 2.');
      const atom = parseXml((await get('/corrections/atom.xml')).body);
      expect(kids(atom, 'entry')).toHaveLength(1);
      expect(JSON.parse((await get('/corrections/feed.json')).body).items[0].url).toContain(
        `#correction-${correctionId}`,
      );
    });

    it('never puts a draft or its correction in any feed', async () => {
      for (const url of [
        '/feed.xml',
        '/atom.xml',
        '/feed.json',
        '/section/news/feed.xml',
        '/tag/transport/atom.xml',
        '/author/ana-lima/feed.json',
        '/corrections/feed.xml',
      ]) {
        expect((await get(url)).body, url).not.toContain('zeppelin');
      }
    });

    it('answers a repeated poll with 304 Not Modified', async () => {
      const first = await get('/feed.xml');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await get('/feed.xml', { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await get('/feed.xml', { 'if-none-match': '"stale"' })).statusCode).toBe(200);
    });
  });
}
