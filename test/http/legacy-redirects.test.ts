import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { legacyKey } from '../../src/features/importers/legacy-redirects.service.js';
import { summaryLines, type ImportProgress } from '../../src/features/importers/import.types.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { stringInput } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';
import { buildWxr } from '../helpers/wxr-builder.js';

const SITE = 'https://market.example';

/** A small newsroom on WordPress with date permalinks, one plain-permalink post, a page and the odd item. */
const EXPORT = buildWxr({
  site: SITE,
  authors: [{ id: 2, login: 'jdoe', email: 'jane@market.example', name: 'Jane Doe' }],
  categories: [
    { slug: 'city', name: 'City' },
    { slug: 'culture', name: 'Culture' },
  ],
  tags: [{ slug: 'roofs', name: 'Roofs' }],
  items: [
    {
      id: 123,
      title: 'The market hall gets a new roof',
      name: 'market-hall-roof',
      link: `${SITE}/2025/05/market-hall-roof/`,
      creator: 'jdoe',
      // Local time is a day later than UTC: permalinks use the local date.
      date: '2025-05-04 01:30:00',
      dateGmt: '2025-05-03 23:30:00',
      categories: [
        { domain: 'category', slug: 'city', name: 'City' },
        // Not declared in the channel: a further category of a post becomes a tag.
        { domain: 'category', slug: 'arts', name: 'Arts' },
        { domain: 'post_tag', slug: 'roofs', name: 'Roofs' },
      ],
      content: '<p>Work starts in June.</p>',
    },
    {
      id: 124,
      title: 'Ferry times change',
      name: 'ferry-times',
      link: `https://www.market.example/?p=124`,
      creator: 'jdoe',
      content: '<p>From April.</p>',
    },
    // A post named like the page after it: its generic /%postname%/ shape must not take the page's own address.
    { id: 49, title: 'About the roof', name: 'about', link: `${SITE}/2025/05/about/`, content: '<p>Tiles.</p>' },
    { id: 50, title: 'About us', name: 'about', type: 'page', link: `${SITE}/about/`, content: '<p>Since 1998.</p>' },
    { id: 125, title: 'Unfinished', name: '', status: 'draft', link: `${SITE}/?p=125`, content: '<p>Draft.</p>' },
    {
      id: 201,
      title: 'Roof photo',
      name: 'roof-photo',
      type: 'attachment',
      parent: 123,
      link: `${SITE}/2025/05/market-hall-roof/roof-photo/`,
      attachmentUrl: `${SITE}/wp-content/uploads/2025/05/roof.jpg`,
    },
    { id: 126, title: 'Mug', name: 'mug', type: 'product', link: `${SITE}/product/mug/` },
    { id: 127, title: 'Old news', name: 'old-news', status: 'trash', link: `${SITE}/2019/01/old-news/` },
  ],
});

describe('old addresses, normalized', () => {
  it('reads WordPress address shapes into the keys an import records', () => {
    expect(legacyKey('/2025/05/Market-Hall-Roof/')).toEqual({ key: '/2025/05/market-hall-roof', feed: false });
    expect(legacyKey('/?p=123')).toEqual({ key: '?p=123', feed: false });
    expect(legacyKey('/?page_id=50&preview=true')).toEqual({ key: '?p=50', feed: false });
    expect(legacyKey('/category/news/city/page/2/')).toEqual({ key: '/category/city', feed: false });
    expect(legacyKey('/tag/roofs/feed/atom/')).toEqual({ key: '/tag/roofs', feed: true });
    expect(legacyKey('/feed/')).toEqual({ key: '', feed: true });
    expect(legacyKey('/caf%C3%A9-culture/')).toEqual({ key: '/café-culture', feed: false });
  });
});

for (const dialect of DIALECTS) {
  describe(`old WordPress addresses on ${dialect}`, () => {
    let t: TestApp;
    let result: ImportProgress;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const expectRedirect = async (from: string, to: string) => {
      const res = await get(from);
      expect({ from, status: res.statusCode, location: res.headers.location }).toEqual({
        from,
        status: 301,
        location: to,
      });
    };

    beforeAll(async () => {
      t = await createTestApp(dialect);
      result = await importWxr(t.deps, stringInput(EXPORT));
    });
    afterAll(async () => {
      await t.close();
    });

    it("answers 301 from every permalink shape of a post to the article's address", async () => {
      for (const old of [
        '/2025/05/market-hall-roof/',
        '/2025/05/04/market-hall-roof/',
        '/market-hall-roof/',
        '/archives/123',
        '/2025/05/market-hall-roof',
        '/2025/05/Market-Hall-Roof/',
        '/2025/05/market-hall-roof/feed/',
      ])
        await expectRedirect(old, '/articles/market-hall-roof');
      // An attachment's page goes to the article it belongs to.
      await expectRedirect('/2025/05/market-hall-roof/roof-photo/', '/articles/market-hall-roof');
      await expectRedirect('/?attachment_id=201', '/articles/market-hall-roof');
      await expectRedirect('/ferry-times/', '/articles/ferry-times');
      // A WordPress page became a page of the site: its own address, /pages/<slug>.
      await expectRedirect('/about/', '/pages/about-2');
      await expectRedirect('/2025/05/about/', '/articles/about');
    });

    it('redirects ?p= and ?page_id= on the home page', async () => {
      await expectRedirect('/?p=123', '/articles/market-hall-roof');
      await expectRedirect('/?p=124', '/articles/ferry-times');
      await expectRedirect('/?page_id=50', '/pages/about-2');
      // An id that is not here, or a draft (whose slug a redirect would reveal): the home page as usual.
      expect((await get('/?p=999')).statusCode).toBe(200);
      expect((await get('/?p=125')).statusCode).toBe(200);
    });

    it('redirects categories, tags, authors and feeds', async () => {
      await expectRedirect('/category/city/', '/section/city');
      await expectRedirect('/category/city/page/3/', '/section/city');
      await expectRedirect('/category/culture/', '/section/culture');
      await expectRedirect('/category/arts/', '/tag/arts');
      await expectRedirect('/tag/roofs/', '/tag/roofs');
      await expectRedirect('/tag/roofs/feed/', '/tag/roofs/feed.xml');
      await expectRedirect('/category/city/feed/', '/section/city/feed.xml');
      await expectRedirect('/author/jdoe/', '/author/jane-doe');
      await expectRedirect('/feed/', '/feed.xml');
      await expectRedirect('/comments/feed/', '/feed.xml');
      await expectRedirect('/2025/05/', '/archive/2025/05');
    });

    it('still lands on the article after its slug is renamed', async () => {
      await t.deps.db.kysely
        .updateTable('articles')
        .set({ slug: 'market-hall-roof-repaired' })
        .where('slug', '=', 'market-hall-roof')
        .execute();
      await expectRedirect('/2025/05/market-hall-roof/', '/articles/market-hall-roof-repaired');
      await expectRedirect('/?p=123', '/articles/market-hall-roof-repaired');
      expect((await get('/articles/market-hall-roof-repaired')).statusCode).toBe(200);
    });

    it('leaves unknown addresses a 404 and never points off the site', async () => {
      for (const url of ['/2024/01/nothing-here/', '/archives/999', '/category/nope/', '/2019/01/old-news/'])
        expect((await get(url)).statusCode, url).toBe(404);
      const res = await get('//evil.example/feed/');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/feed.xml');
      expect((await get('//evil.example/2025/05/market-hall-roof/')).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'POST', url: '/2025/05/market-hall-roof/' })).statusCode).toBe(404);
    });

    it('lists the old addresses it could not map, in the summary the CLI and the admin page show', () => {
      expect(result.unmappedAddresses).toEqual([`${SITE}/product/mug/ (a "product" item, not imported)`]);
      expect(summaryLines(result)).toContain(`not redirected: ${SITE}/product/mug/ (a "product" item, not imported)`);
    });

    it('records nothing new and reports nothing unmapped twice on a re-run', async () => {
      const count = async () =>
        Number(
          (
            await t.deps.db.kysely
              .selectFrom('legacy_redirects')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const again = await importWxr(t.deps, stringInput(EXPORT));
      expect(again.created + again.updated).toBe(0);
      expect(await count()).toBe(before);
      expect(again.unmappedAddresses).toHaveLength(1);
    });
  });
}
