/**
 * The site's own pages (About, Contact …): editors write them in /admin/pages; readers find them at /pages/<slug>
 * and nowhere else (not in listings, feeds, search, the article sitemap or the Content API's articles); the
 * Content API lists them under /api/v1/pages; an imported WordPress page becomes one, its old address redirecting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn } from '../helpers/editorial.js';
import { makeUser } from '../helpers/factories.js';
import { errorCodeOf, formSession, type FormSession } from '../helpers/forms.js';
import { stringInput } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';
import { buildWxr } from '../helpers/wxr-builder.js';

const ETHICS = {
  headline: 'Ethics policy',
  slug: '',
  excerpt: 'How we report, correct and fund our journalism.',
  body: 'We name our sources wherever we can.\n\nWe take no money from those we cover; ferrycorrect is our word.',
};

const SITE = 'https://old.example';
const EXPORT = buildWxr({
  site: SITE,
  items: [
    {
      id: 7,
      title: 'Who we are',
      name: 'who-we-are',
      type: 'page',
      link: `${SITE}/who-we-are/`,
      content: '<p>Since 1998.</p>',
    },
  ],
});

for (const dialect of DIALECTS) {
  describe(`the site's pages on ${dialect}`, () => {
    let t: TestApp;
    let editor: FormSession;
    const get = (url: string) => t.app.inject(url);
    const audits = (action: string) =>
      t.deps.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
    const pageCount = async () =>
      (await t.deps.db.kysely.selectFrom('articles').select('id').where('kind', '=', 'page').execute()).length;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      await seedDemo(t.deps, { comments: 3, avifInBackground: false });
      editor = await signedIn(t.app, await makeStaff(t, 'editor'), '/admin/pages');
    });
    afterAll(async () => {
      await t.close();
    });

    it('ships the demo About and Contact pages at their own addresses', async () => {
      const about = await get('/pages/about');
      expect(about.statusCode).toBe(200);
      expect(about.body).toContain('<h1 class="headline">About The Broadsheet</h1>');
      expect(about.body).toContain('Updated <time');
      expect(about.body).not.toContain('id="comments"');
      expect(about.body).not.toContain('Support The Broadsheet');
      expect((await get('/pages/contact')).body).toContain('News tips');
    });

    it('lets only editors and the publisher into /admin/pages', async () => {
      expect((await get('/admin/pages')).statusCode).toBe(303);
      for (const role of ['author', 'moderator'] as const) {
        const s = await signedIn(t.app, await makeStaff(t, role), '/');
        expect((await s.get('/admin/pages')).statusCode, role).toBe(403);
        expect((await s.post('/admin/pages', { ...ETHICS, intent: 'publish' })).statusCode, role).toBe(403);
      }
      const reader = await signedIn(t.app, await makeUser(t.deps.db.kysely, { role: 'reader' }), '/');
      expect((await reader.get('/admin/pages')).statusCode).toBe(403);
      const anonymous = await formSession(t.app, '/');
      expect((await anonymous.post('/admin/pages', ETHICS)).statusCode).toBe(401);
      const list = await editor.get('/admin/pages');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('About The Broadsheet');
      expect(list.body).toContain('href="/admin/pages/new"');
    });

    it('refuses a page without a title or at a taken address, saving nothing', async () => {
      const before = await pageCount();
      const untitled = await editor.post('/admin/pages', { ...ETHICS, headline: '  ', intent: 'publish' });
      expect(untitled.statusCode).toBe(400);
      expect(errorCodeOf(untitled.body)).toBe('PAGE_INVALID');
      expect(untitled.body).toContain('Give the page a title.');
      expect(untitled.body).toContain('How we report, correct and fund our journalism.');
      const taken = await editor.post('/admin/pages', { ...ETHICS, slug: 'about' });
      expect(taken.statusCode).toBe(400);
      expect(taken.body).toContain('already uses this address');
      const badSlug = await editor.post('/admin/pages', { ...ETHICS, slug: 'no spaces/here' });
      expect(badSlug.statusCode).toBe(400);
      const forged = await editor.post('/admin/pages', { ...ETHICS, _csrf: 'forged' });
      expect(forged.statusCode).toBe(403);
      expect(await pageCount()).toBe(before);
    });

    it('creates, publishes, edits, moves and deletes a page, audit-logged', async () => {
      const created = await editor.post('/admin/pages', ETHICS);
      expect(created.statusCode).toBe(303);
      const editUrl = created.headers.location!.replace(/\?.*$/, '');
      const id = Number(/\/admin\/pages\/(\d+)\/edit/.exec(editUrl)![1]);
      // A draft is not on the site.
      expect((await get('/pages/ethics-policy')).statusCode).toBe(404);
      // The article editor sends a page to its own editor.
      const viaArticles = await editor.get(`/admin/articles/${id}/edit`);
      expect(viaArticles.statusCode).toBe(303);
      expect(viaArticles.headers.location).toBe(`/admin/pages/${id}/edit`);

      const form = await editor.get(editUrl);
      const revision = /name="revision" value="(\d+)"/.exec(form.body)![1]!;
      const published = await editor.post(`/admin/pages/${id}`, { ...ETHICS, revision, intent: 'publish' });
      expect(published.headers.location).toBe(`/admin/pages/${id}/edit?done=published`);
      const page = await get('/pages/ethics-policy');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('We name our sources wherever we can.');
      expect(page.body).toMatch(/<link rel="canonical" href="https?:\/\/[^"/]+\/pages\/ethics-policy"/);

      // A stale form is refused; the current one moves the page, and the old address follows.
      const stale = await editor.post(`/admin/pages/${id}`, { ...ETHICS, revision, slug: 'standards' });
      expect(stale.statusCode).toBe(409);
      const fresh = /name="revision" value="(\d+)"/.exec((await editor.get(editUrl)).body)![1]!;
      await editor.post(`/admin/pages/${id}`, { ...ETHICS, revision: fresh, slug: 'standards' });
      const moved = await get('/pages/ethics-policy');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe('/pages/standards');
      // Addresses pages had before they had their own (/articles/<slug>) redirect too.
      const asArticle = await get('/articles/standards');
      expect(asArticle.statusCode).toBe(301);
      expect(asArticle.headers.location).toBe('/pages/standards');

      expect((await audits('page.create')).map((a) => a.subject_id)).toContain(String(id));
      expect((await audits('page.update')).length).toBeGreaterThanOrEqual(2);

      const confirm = await editor.get(`/admin/pages/${id}/delete`);
      expect(confirm.body).toContain('Delete “Ethics policy”?');
      const deleted = await editor.post(`/admin/pages/${id}/delete`, {});
      expect(deleted.headers.location).toBe('/admin/pages?done=deleted');
      expect((await get('/pages/standards')).statusCode).toBe(404);
      expect((await audits('page.delete')).map((a) => a.subject_id)).toEqual([String(id)]);
    });

    it('keeps pages out of listings, feeds, search, the sitemap and the article API, and lists them as pages', async () => {
      const home = await get('/');
      expect(home.body).not.toContain('About The Broadsheet');
      expect((await get('/feed.xml')).body).not.toContain('/pages/about');
      expect((await get('/feed.xml')).body).not.toContain('/articles/about');
      const search = await get('/search?q=reporters');
      expect(search.body).not.toContain('About The Broadsheet');
      const sitemapIndex = await get('/sitemap.xml');
      const parts = [...sitemapIndex.body.matchAll(/<loc>[^<]*(\/sitemaps\/[^<]+)<\/loc>/g)].map((m) => m[1]!);
      const urls = (await Promise.all(parts.map(async (part) => (await get(part)).body))).join('');
      // In the sitemap as what they are, pages at their own address; never as articles.
      expect(urls).toContain('/pages/about</loc>');
      expect(urls).not.toContain('/articles/about</loc>');
      const api = JSON.parse((await get('/api/v1/articles?limit=100')).body) as { items: Array<{ slug: string }> };
      expect(api.items.map((a) => a.slug)).not.toContain('about');
      expect((await get('/api/v1/articles/about')).statusCode).toBe(404);
      const admin = await editor.get('/admin/articles');
      expect(admin.body).not.toContain('About The Broadsheet');

      const pages = await get('/api/v1/pages');
      expect(pages.statusCode).toBe(200);
      const list = JSON.parse(pages.body) as { items: Array<{ slug: string; url: string; title: string }> };
      expect(list.items.map((p) => p.slug)).toEqual(['about', 'contact', 'ethics']);
      expect(list.items[0]!.url).toMatch(/^https?:\/\/[^/]+\/pages\/about$/);
      const one = JSON.parse((await get('/api/v1/pages/contact')).body) as { title: string; body_html: string };
      expect(one.title).toBe('Contact us');
      expect(one.body_html).toContain('News tips');
      expect((await get('/api/v1/pages/no-such-page')).statusCode).toBe(404);
    });

    it('turns an imported WordPress page into a page, its old address redirecting to the new one', async () => {
      await importWxr(t.deps, stringInput(EXPORT));
      const old = await get('/who-we-are/');
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe('/pages/who-we-are');
      const page = await get('/pages/who-we-are');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Since 1998.');
      expect((await editor.get('/admin/pages')).body).toContain('Who we are');
    });
  });
}
