import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../src/features/accounts/user.repo.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle, makeAuthor, makeSection, makeTag } from '../helpers/newsroom.js';
import { DIALECTS } from '../helpers/test-db.js';
import { kid, kids, parseXml, textOf } from '../helpers/xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

for (const dialect of DIALECTS) {
  describe(`sitemaps and robots.txt on ${dialect}`, () => {
    let t: TestApp;
    let site = '';

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      site = t.deps.config.siteUrl;
      const db = t.deps.db.kysely;
      const news = await makeSection(db, 'News');
      await makeSection(db, 'Sport');
      const transport = await makeTag(db, 'Transport');
      const secret = await makeTag(db, 'Secret');
      const ana = await makeAuthor(db, 'Ana Lima');
      const bob = await makeAuthor(db, 'Bob Draftsman');
      await insertUser(db, {
        email: 'reader@example.test',
        displayName: 'A Reader',
        slug: null,
        role: 'reader',
        passwordHash: null,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      await makeArticle(db, {
        headline: 'Fresh this morning',
        slug: 'fresh',
        publishedAt: '2026-06-14T08:00:00.000Z',
        sectionId: news.id,
        tagIds: [transport.id],
        authorIds: [ana.id],
      });
      await makeArticle(db, {
        headline: 'Forty-seven hours old',
        slug: 'recent',
        publishedAt: '2026-06-12T13:00:00.000Z',
        updatedAt: '2026-06-13T10:00:00.000Z',
      });
      await makeArticle(db, {
        headline: 'Forty-nine hours old',
        slug: 'older',
        publishedAt: '2026-06-12T11:00:00.000Z',
      });
      await makeArticle(db, { headline: 'Last year', slug: 'last-year', publishedAt: '2025-03-02T11:00:00.000Z' });
      await makeArticle(db, {
        headline: 'DRAFT zeppelin',
        slug: 'zeppelin-draft',
        status: 'draft',
        tagIds: [secret.id],
        authorIds: [bob.id],
      });
      await makeArticle(db, { headline: 'SCHEDULED zeppelin', slug: 'zeppelin-scheduled', status: 'scheduled' });
      // Ids in the second and third parts of 10,000.
      await makeArticle(db, {
        id: 10_001,
        headline: 'In part two',
        slug: 'part-two',
        publishedAt: '2026-01-05T09:00:00.000Z',
      });
      await makeArticle(db, {
        id: 20_001,
        headline: 'DRAFT zeppelin in part three',
        slug: 'zeppelin-part-three',
        status: 'draft',
      });
    });
    afterAll(async () => {
      await t.close();
    });

    const xmlAt = async (url: string) => {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      return parseXml(res.body);
    };
    const locs = (urlset: ReturnType<typeof parseXml>) => kids(urlset, 'url').map((u) => textOf(u, 'loc'));

    it('lists the pages part and every non-empty id-range part in the sitemap index', async () => {
      const index = await xmlAt('/sitemap.xml');
      expect(index.name).toBe('sitemapindex');
      expect(index.uri).toBe(SITEMAP_NS);
      expect(kids(index, 'sitemap').map((s) => textOf(s, 'loc'))).toEqual([
        `${site}/sitemaps/pages.xml`,
        `${site}/sitemaps/articles-1.xml`,
        `${site}/sitemaps/articles-2.xml`,
        `${site}/sitemaps/tags-1.xml`,
        `${site}/sitemaps/authors-1.xml`,
      ]);
    });

    it('lists published articles of a part with their last change, and nothing else', async () => {
      const part1 = await xmlAt('/sitemaps/articles-1.xml');
      expect(part1.uri).toBe(SITEMAP_NS);
      expect(locs(part1)).toEqual(['fresh', 'recent', 'older', 'last-year'].map((s) => `${site}/articles/${s}`));
      const recent = kids(part1, 'url').find((u) => textOf(u, 'loc').endsWith('/recent'))!;
      expect(textOf(recent, 'lastmod')).toBe('2026-06-13T10:00:00.000Z');
      expect(locs(await xmlAt('/sitemaps/articles-2.xml'))).toEqual([`${site}/articles/part-two`]);
      // Part three holds only a draft: it exists but is empty, and the index leaves it out.
      expect(locs(await xmlAt('/sitemaps/articles-3.xml'))).toEqual([]);
    });

    it('lists the home page, sections, archive months and corrections in the pages part', async () => {
      const urls = locs(await xmlAt('/sitemaps/pages.xml'));
      expect(urls).toEqual([
        `${site}/`,
        `${site}/section/news`,
        `${site}/section/sport`,
        `${site}/archive`,
        `${site}/archive/2026/06`,
        `${site}/archive/2026/01`,
        `${site}/archive/2025/03`,
        `${site}/corrections`,
      ]);
    });

    it('lists only tags and authors that have a published article', async () => {
      expect(locs(await xmlAt('/sitemaps/tags-1.xml'))).toEqual([`${site}/tag/transport`]);
      expect(locs(await xmlAt('/sitemaps/authors-1.xml'))).toEqual([`${site}/author/ana-lima`]);
    });

    it('answers parts that do not exist with 404', async () => {
      for (const url of [
        '/sitemaps/articles-4.xml',
        '/sitemaps/articles-0.xml',
        '/sitemaps/comments-1.xml',
        '/sitemaps/articles-1.json',
        '/sitemaps/..%2Fpackage.json',
      ]) {
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
      }
    });

    it('lists articles of the last 48 hours in the news sitemap', async () => {
      const news = await xmlAt('/sitemap-news.xml');
      const urls = kids(news, 'url');
      expect(urls.map((u) => textOf(u, 'loc'))).toEqual([`${site}/articles/fresh`, `${site}/articles/recent`]);
      const entry = kid(urls[0]!, 'news:news');
      expect(entry.uri).toBe(NEWS_NS);
      const publication = kid(entry, 'news:publication');
      expect(textOf(publication, 'news:name')).toBe('The Broadsheet');
      expect(textOf(publication, 'news:language')).toBe('en');
      expect(textOf(entry, 'news:publication_date')).toBe('2026-06-14T08:00:00.000Z');
      expect(textOf(entry, 'news:title')).toBe('Fresh this morning');
    });

    it('never lists a draft or scheduled article in any sitemap', async () => {
      for (const url of [
        '/sitemap.xml',
        '/sitemaps/pages.xml',
        '/sitemaps/articles-1.xml',
        '/sitemaps/articles-2.xml',
        '/sitemaps/articles-3.xml',
        '/sitemaps/tags-1.xml',
        '/sitemaps/authors-1.xml',
        '/sitemap-news.xml',
      ]) {
        const body = (await t.app.inject(url)).body;
        expect(body, url).not.toContain('zeppelin');
        expect(body, url).not.toContain('/tag/secret');
        expect(body, url).not.toContain('bob-draftsman');
      }
    });

    it('serves robots.txt that keeps crawlers out of admin and points at the sitemaps', async () => {
      const res = await t.app.inject('/robots.txt');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      const lines = res.body.split('\n');
      expect(lines[0]).toBe('User-agent: *');
      expect(lines).toContain('Disallow: /admin');
      expect(lines).toContain(`Sitemap: ${site}/sitemap.xml`);
      expect(lines).toContain(`Sitemap: ${site}/sitemap-news.xml`);
      expect(lines).not.toContain('Disallow: /');
    });
  });
}
