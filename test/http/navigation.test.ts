/**
 * The header navigation and the footer links, set by the publisher in /admin/navigation: ordered sections, pages
 * and links, reordered without JavaScript; every page type shows the change at once, in this process and
 * (PostgreSQL) another; bad input changes nothing; until a list is saved it is what the site always showed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn } from '../helpers/editorial.js';
import { errorCodeOf, formSession, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

/** The header's links, in order, as [label, href, current]. */
function headerLinks(html: string): Array<[string, string, boolean]> {
  const nav = /<nav class="site-nav" aria-label="Site"><ul>([\s\S]*?)<\/ul><\/nav>/.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)"( aria-current="page")?[^>]*>([^<]*)<\/a>/g)].map((m) => [
    m[3]!,
    m[1]!,
    m[2] !== undefined,
  ]);
}
const footerLinks = (html: string): string[] => {
  const nav = /<nav aria-label="Footer"><ul class="footer-links">([\s\S]*?)<\/ul><\/nav>/.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => `${m[2]} ${m[1]}`);
};

for (const dialect of DIALECTS) {
  describe(`navigation on ${dialect}`, () => {
    let t: TestApp;
    let publisher: FormSession;
    let featured = '';
    const ids: Record<string, number> = {};
    const stored = () =>
      t.deps.db.kysely.selectFrom('settings').select('value').where('key', '=', 'site.navigation').executeTakeFirst();
    const audits = () =>
      t.deps.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'navigation.update').execute();
    /** The header list as the form holds it now, as the fields the form would send. */
    const currentRows = async (list: 'header' | 'footer') => {
      const html = (await publisher.get('/admin/navigation')).body;
      const form = new RegExp(`<input type="hidden" name="list" value="${list}"/>([\\s\\S]*?)</form>`).exec(html)![1]!;
      // An empty value is rendered without the attribute (a browser sends it empty all the same).
      const field = (name: string) =>
        [...form.matchAll(new RegExp(`name="${name}"(?: value="([^"]*)")?`, 'g'))].map((m) =>
          (m[1] ?? '').replace(/&amp;/g, '&'),
        );
      const [item, label, url] = [field('item'), field('label'), field('url')];
      return { list, item, label, url };
    };

    beforeAll(async () => {
      t = await createTestApp(dialect);
      ({ featuredSlug: featured } = await seedDemo(t.deps, { comments: 3, avifInBackground: false }));
      const db = t.deps.db.kysely;
      for (const r of await db.selectFrom('sections').select(['id', 'slug']).execute()) ids[r.slug] = r.id;
      for (const r of await db.selectFrom('articles').select(['id', 'slug']).where('kind', '=', 'page').execute())
        ids[r.slug] = r.id;
      publisher = await signedIn(t.app, await makeStaff(t, 'publisher'), '/admin/navigation');
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows every section and the standard footer until the publisher saves', async () => {
      const home = await t.app.inject('/');
      expect(headerLinks(home.body)).toEqual([
        ['News', '/section/news', false],
        ['Opinion', '/section/opinion', false],
        ['Support us', '/donate', false],
      ]);
      expect(footerLinks(home.body)).toContain('Where the money goes /ledger');
      const section = await t.app.inject('/section/opinion');
      expect(headerLinks(section.body)[1]).toEqual(['Opinion', '/section/opinion', true]);
      expect(await stored()).toBeUndefined();
    });

    it('opens the editor to the publisher only', async () => {
      expect((await t.app.inject('/admin/navigation')).statusCode).toBe(303);
      const editor = await signedIn(t.app, await makeStaff(t, 'editor'), '/');
      expect((await editor.get('/admin/navigation')).statusCode).toBe(403);
      const rows = await currentRows('header');
      expect((await editor.post('/admin/navigation', { ...rows, do: 'remove:0' })).statusCode).toBe(403);
      const anonymous = await formSession(t.app, '/');
      expect((await anonymous.post('/admin/navigation', { ...rows, do: 'remove:0' })).statusCode).toBe(401);
      expect((await publisher.post('/admin/navigation', { ...rows, do: 'remove:0', _csrf: 'forged' })).statusCode).toBe(
        403,
      );
      expect(await stored()).toBeUndefined();
      expect(await audits()).toEqual([]);
    });

    it('refuses a bad link, an unknown item or button with the form again, changing nothing', async () => {
      const rows = await currentRows('header');
      for (const [url, message] of [
        ['javascript:alert(1)', 'Use an address starting with https://'],
        ['//evil.example/', 'Use an address starting with https://'],
        ['', 'Give the link’s address.'],
      ] as const) {
        const res = await publisher.post('/admin/navigation', {
          ...rows,
          add_item: 'link',
          add_label: 'Jobs',
          add_url: url,
          do: 'add',
        });
        expect(res.statusCode, url).toBe(400);
        expect(errorCodeOf(res.body)).toBe('NAVIGATION_INVALID');
        expect(res.body).toContain(message);
        // What was typed is shown again, to correct.
        expect(res.body).toContain('name="add_label" value="Jobs"');
      }
      const noLabel = await publisher.post('/admin/navigation', {
        ...rows,
        add_item: 'link',
        add_url: 'https://x.example/',
        do: 'add',
      });
      expect(noLabel.body).toContain('Give the link a label.');
      const unknown = await publisher.post('/admin/navigation', { ...rows, add_item: 'page:999999', do: 'add' });
      expect(unknown.statusCode).toBe(400);
      const nothing = await publisher.post('/admin/navigation', { ...rows, do: 'add' });
      expect(nothing.body).toContain('Choose what to add');
      expect((await publisher.post('/admin/navigation', { ...rows, do: 'explode' })).statusCode).toBe(400);
      expect((await publisher.post('/admin/navigation', { ...rows, list: 'sidebar', do: 'save' })).statusCode).toBe(
        400,
      );
      expect(await stored()).toBeUndefined();
      expect(await audits()).toEqual([]);
    });

    it('adds pages and links, reorders and removes items, and every page type shows it at once', async () => {
      let res = await publisher.post('/admin/navigation', {
        ...(await currentRows('header')),
        add_item: `page:${ids.about}`,
        do: 'add',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/navigation?done=saved#header');
      res = await publisher.post('/admin/navigation', {
        ...(await currentRows('header')),
        add_item: 'link',
        add_label: 'Jobs & events',
        add_url: 'https://jobs.example/board?x=1',
        do: 'add',
      });
      expect(res.statusCode).toBe(303);
      // About moves up above Opinion; News goes; Opinion is relabelled.
      const up = await publisher.post('/admin/navigation', { ...(await currentRows('header')), do: 'up:2' });
      expect(up.statusCode, up.body.slice(up.body.indexOf('form-errors'), up.body.indexOf('form-errors') + 600)).toBe(
        303,
      );
      await publisher.post('/admin/navigation', { ...(await currentRows('header')), do: 'remove:0' });
      const rows = await currentRows('header');
      rows.label[1] = 'Comment';
      await publisher.post('/admin/navigation', { ...rows, do: 'save' });

      const expected = [
        ['About The Broadsheet', '/pages/about'],
        ['Comment', '/section/opinion'],
        ['Jobs &amp; events', 'https://jobs.example/board?x=1'],
        ['Support us', '/donate'],
      ];
      for (const path of [
        '/',
        `/articles/${featured}`,
        '/section/opinion',
        '/pages/about',
        '/search?q=bus',
        '/archive',
        '/admin/navigation',
      ]) {
        const html = path.startsWith('/admin') ? (await publisher.get(path)).body : (await t.app.inject(path)).body;
        expect(
          headerLinks(html).map(([l, h]) => [l, h]),
          path,
        ).toEqual(expected);
      }
      expect(headerLinks((await t.app.inject('/pages/about')).body)[0]).toEqual([
        'About The Broadsheet',
        '/pages/about',
        true,
      ]);
      const log = await audits();
      expect(log.length).toBe(5);
      expect(log.map((a) => a.subject_id)).toEqual(Array(5).fill('site.navigation'));
    });

    it('sets the footer links apart from the header, and goes back to the default', async () => {
      const footer = await currentRows('footer');
      expect(footer.url).toEqual(['/donate', '/ledger', '/archive', '/corrections', '/feed.xml']);
      const res = await publisher.post('/admin/navigation', {
        list: 'footer',
        item: ['link', `page:${ids.contact}`],
        label: ['Ledger', ''],
        url: ['/ledger', ''],
        do: 'save',
      });
      expect(res.statusCode).toBe(303);
      const home = (await t.app.inject('/')).body;
      expect(footerLinks(home)).toEqual(['Ledger /ledger', 'Contact us /pages/contact']);
      // The header is untouched by the footer's save.
      expect(headerLinks(home)[0]![1]).toBe('/pages/about');
      await publisher.post('/admin/navigation', { ...(await currentRows('footer')), do: 'reset' });
      expect(footerLinks((await t.app.inject('/')).body)).toContain('RSS /feed.xml');
    });

    it('leaves out a page that goes off the site', async () => {
      await t.deps.db.kysely.updateTable('articles').set({ status: 'draft' }).where('id', '=', ids.about!).execute();
      // The item is kept (it comes back with the page); within seconds, or at once after any save, it is gone.
      await publisher.post('/admin/navigation', { ...(await currentRows('header')), do: 'save' });
      expect(headerLinks((await t.app.inject('/')).body).map(([, h]) => h)).not.toContain('/pages/about');
      await t.deps.db.kysely
        .updateTable('articles')
        .set({ status: 'published' })
        .where('id', '=', ids.about!)
        .execute();
    });

    if (dialect === 'postgres') {
      it('reaches a second process on the same database without a restart', async () => {
        const other = await createTestApp(dialect, { testDb: t.testDb });
        try {
          expect(headerLinks((await other.app.inject('/')).body)[1]![0]).toBe('Comment');
          const rows = await currentRows('header');
          rows.label[1] = 'Views';
          expect((await publisher.post('/admin/navigation', { ...rows, do: 'save' })).statusCode).toBe(303);
          // NOTIFY arrives asynchronously: the other process shows the change as soon as it hears it.
          const deadline = Date.now() + 5_000;
          let label = '';
          while (Date.now() < deadline) {
            label = headerLinks((await other.app.inject('/')).body)[1]?.[0] ?? '';
            if (label === 'Views') break;
            await new Promise((r) => setTimeout(r, 50));
          }
          expect(label).toBe('Views');
        } finally {
          await other.close();
        }
      });
    }
  });
}
