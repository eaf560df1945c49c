/**
 * Public pages a CDN, a proxy and this process can keep (src/web/page-cache.ts), and the CSRF check that
 * lets them carry no per-visitor token (src/web/cross-origin.ts).
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { signedIn } from '../helpers/editorial.js';
import { postAsGuest, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import { DIALECTS } from '../helpers/test-db.js';

const FRESHNESS = 30;

for (const dialect of DIALECTS) {
  describe(`public pages on ${dialect}`, () => {
    let t: TestApp;
    let other: TestApp;
    let slug = '';
    let articleId = 0;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    const page = (url: string, headers: Record<string, string> = {}, app = t) =>
      app.app.inject({ method: 'GET', url, headers });

    beforeAll(async () => {
      const config = { pageCacheSeconds: FRESHNESS, pageStaleSeconds: 120, pageCacheEntries: 50 };
      t = await createTestApp(dialect, { clock, config });
      // A second process on the same database, with its own page cache.
      other = await createTestApp(dialect, { clock, config, testDb: t.testDb });
      ({ slug, id: articleId } = await makeArticle(t.deps.db.kysely, { headline: 'Cached at the edge' }));
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await other?.close();
      await t?.close();
    });

    it('answers an anonymous reader with a page any cache may keep: no cookie, no token, an ETag, s-maxage', async () => {
      const res = await page(`/articles/${slug}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).not.toContain('name="_csrf"');
      expect(res.headers['cache-control']).toBe(`public, max-age=0, s-maxage=${FRESHNESS}, stale-while-revalidate=120`);
      expect(res.headers.vary).toBe('Accept-Encoding, Cookie');
      expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
      // The listings too.
      for (const url of ['/', '/search?q=edge']) {
        const listing = await page(url);
        expect(listing.headers['set-cookie'], url).toBeUndefined();
        expect(listing.headers['cache-control'], url).toContain('s-maxage=');
      }
    });

    it('answers 304 to a matching If-None-Match, in any encoding, and the page again to a stale one', async () => {
      const first = await page(`/articles/${slug}`);
      const etag = first.headers.etag as string;
      const again = await page(`/articles/${slug}`, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      const br = await page(`/articles/${slug}`, { 'accept-encoding': 'br' });
      expect((await page(`/articles/${slug}`, { 'if-none-match': `W/"x", ${br.headers.etag}` })).statusCode).toBe(304);
      const stale = await page(`/articles/${slug}`, { 'if-none-match': '"not-this-page"' });
      expect(stale.statusCode).toBe(200);
      expect(stale.body).toBe(first.body);
    });

    it('compresses with brotli or gzip as the reader accepts, each encoding its own ETag', async () => {
      const plain = await page(`/articles/${slug}`);
      const br = await page(`/articles/${slug}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
      expect(br.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-br"`);
      expect(Number(br.headers['content-length'])).toBeLessThan(plain.body.length / 3);
      const gz = await page(`/articles/${slug}`, { 'accept-encoding': 'gzip;q=1, br;q=0' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
      expect(gz.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-gz"`);
      const none = await page(`/articles/${slug}`, { 'accept-encoding': 'identity' });
      expect(none.headers['content-encoding']).toBeUndefined();
    });

    it('never lets a cache keep a signed-in page, a guest’s own page or the admin', async () => {
      const user = await makeUser(t.deps.db.kysely, { name: 'Signed In' });
      const s = await signedIn(t.app, user, '/account');
      const mine = await s.get(`/articles/${slug}`);
      expect(mine.headers['cache-control']).toBe('private, no-store');
      expect(mine.headers['x-page-cache']).toBeUndefined();
      expect(mine.body).toContain('Signed In');
      const guest = await page(`/articles/${slug}`, { cookie: 'bs_guest=someone' });
      expect(guest.headers['cache-control']).toBe('private, no-store');
      expect(guest.headers['x-page-cache']).toBeUndefined();
      expect((await page('/admin')).headers['cache-control']).toBe('private, no-store');
    });

    it('serves repeats from memory, and a new comment at once, in this process and the other', async () => {
      // Both processes have the page in memory.
      await page(`/articles/${slug}`);
      await page(`/articles/${slug}`, {}, other);
      expect((await page(`/articles/${slug}`)).headers['x-page-cache']).toBe('hit');
      expect((await page(`/articles/${slug}`, {}, other)).headers['x-page-cache']).toBe('hit');
      const hits = t.deps.caches.pages.hits;
      await page(`/articles/${slug}`);
      expect(t.deps.caches.pages.hits).toBe(hits + 1);

      const guest = await formSession(t.app, `/articles/${slug}`);
      const body = `Seen through the cache ${dialect}`;
      expect((await postAsGuest(guest, slug, { body })).statusCode).toBe(303);
      // Well within the freshness (the clock does not move): the change itself dropped the pages.
      const mine = await page(`/articles/${slug}`);
      expect(mine.headers['x-page-cache']).toBeUndefined();
      expect(mine.body).toContain(body);
      if (dialect === 'postgres') {
        // The other process hears of it over the bus (NOTIFY): wait for that, never a fixed time.
        await expect
          .poll(async () => (await page(`/articles/${slug}`, {}, other)).body, { timeout: 5_000 })
          .toContain(body);
      } else {
        // Two SQLite apps in one test share no bus: the other keeps its copy for at most the freshness.
        expect((await page(`/articles/${slug}`, {}, other)).body).not.toContain(body);
        clock.advance(FRESHNESS * 1000 + 1);
        expect((await page(`/articles/${slug}`, {}, other)).body).toContain(body);
      }
    });

    it('keeps a change that announces nothing for at most the freshness', async () => {
      await page(`/articles/${slug}`);
      await t.deps.db.kysely
        .updateTable('articles')
        .set({ headline: 'Edited behind the cache' })
        .where('id', '=', articleId)
        .execute();
      expect((await page(`/articles/${slug}`)).body).not.toContain('Edited behind the cache');
      clock.advance(FRESHNESS * 1000 + 1);
      expect((await page(`/articles/${slug}`)).body).toContain('Edited behind the cache');
    });

    it('refuses a cross-site write even with a browser’s cookie, and takes a same-origin one without a token', async () => {
      const guest = await formSession(t.app, `/articles/${slug}`);
      const count = async () =>
        (await t.deps.db.kysely.selectFrom('comments').select('id').where('article_id', '=', articleId).execute())
          .length;
      const before = await count();
      const cross = await postAsGuest(guest, slug, { body: 'From elsewhere' }, { 'sec-fetch-site': 'cross-site' });
      expect(cross.statusCode).toBe(403);
      const foreign = await postAsGuest(guest, slug, { body: 'From elsewhere' }, { origin: 'https://evil.example' });
      expect(foreign.statusCode).toBe(403);
      expect(await count()).toBe(before);
      // An older browser that sends Origin only: this site's own origin passes.
      const own = await postAsGuest(guest, slug, { body: 'From an older browser' }, { origin: 'http://localhost' });
      expect(own.statusCode).toBe(303);
      expect(await count()).toBe(before + 1);
    });

    it('keeps within its bounds: the least used pages go first', async () => {
      const small = await createTestApp(dialect, {
        clock,
        testDb: t.testDb,
        config: { pageCacheSeconds: FRESHNESS, pageCacheEntries: 2 },
      });
      try {
        for (const url of ['/', `/articles/${slug}`, '/search?q=a']) await page(url, {}, small);
        expect([...small.deps.caches.pages.entries.keys()]).toEqual([`/articles/${slug}`, '/search?q=a']);
      } finally {
        await small.close();
      }
    });
  });
}
