import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/newsroom.js';
import { DIALECTS } from '../helpers/test-db.js';

/** Every <meta property|name=… content=…> of a page, in order. */
function metaTags(html: string): Array<[string, string]> {
  const decode = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"\/?>/g)].map((m) => [
    m[1]!,
    decode(m[2]!),
  ]);
}
const meta = (html: string, key: string): string | undefined => metaTags(html).find(([k]) => k === key)?.[1];
const metaAll = (html: string, key: string): string[] =>
  metaTags(html)
    .filter(([k]) => k === key)
    .map(([, v]) => v);

/** Parses every JSON-LD block of a page. */
function jsonLd(html: string): Array<Record<string, unknown>> {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

for (const dialect of DIALECTS) {
  describe(`search-engine and link-preview metadata on ${dialect}`, () => {
    let t: TestApp;
    let site = '';

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      site = t.deps.config.siteUrl;
      await seedDemo(t.deps, { comments: 3, avifInBackground: false });
      await makeArticle(t.deps.db.kysely, {
        headline: 'Why </script><script>alert(1)</script> & <!-- matter',
        slug: 'tricky-headline',
        excerpt: 'It is "tricky" — </SCRIPT> too.',
        publishedAt: '2026-06-10T10:00:00.000Z',
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('describes an article as a schema.org NewsArticle in JSON-LD', async () => {
      const res = await t.app.inject('/articles/night-buses-return-to-the-outer-districts');
      const blocks = jsonLd(res.body);
      expect(blocks).toHaveLength(1);
      const ld = blocks[0]!;
      expect(ld).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: 'Night buses return to the outer districts after two years',
        url: `${site}/articles/night-buses-return-to-the-outer-districts`,
        mainEntityOfPage: { '@type': 'WebPage', '@id': `${site}/articles/night-buses-return-to-the-outer-districts` },
        datePublished: '2026-06-13T05:00:00.000Z',
        articleSection: 'News',
        keywords: ['City hall', 'Transport'],
        author: [
          { '@type': 'Person', name: 'Tom Becker', url: `${site}/author/tom-becker` },
          { '@type': 'Person', name: 'Maria Okafor', url: `${site}/author/maria-okafor` },
        ],
        publisher: { '@type': 'NewsMediaOrganization', name: 'The Broadsheet' },
        isAccessibleForFree: true,
      });
      // The demo's correction came after publication, so the article counts as modified then.
      expect(ld.dateModified).toBe('2026-06-14T11:00:00.000Z');
      expect((ld.correction as Array<{ text: string; url: string }>)[0]!.url).toMatch(/#correction-\d+$/);
      expect((ld.image as string[])[0]).toMatch(new RegExp(`^${site}/media/[^/]+/1600\\.jpg$`));
    });

    it('gives an article OpenGraph and a large-image Twitter card using its largest JPEG', async () => {
      const res = await t.app.inject('/articles/council-budget-what-changes-for-schools');
      const b = res.body;
      expect(meta(b, 'og:type')).toBe('article');
      expect(meta(b, 'og:title')).toBe('Council budget: what changes for schools, housing and parks');
      expect(meta(b, 'og:description')).toBe('A line-by-line look at the budget passed on Thursday night.');
      expect(meta(b, 'og:url')).toBe(`${site}/articles/council-budget-what-changes-for-schools`);
      expect(meta(b, 'og:site_name')).toBe('The Broadsheet');
      expect(meta(b, 'og:image')).toMatch(new RegExp(`^${site}/media/[^/]+/1600\\.jpg$`));
      expect(meta(b, 'og:image:width')).toBe('1600');
      expect(meta(b, 'og:image:alt')).toContain('Bar chart of the council budget');
      expect(meta(b, 'article:published_time')).toBe('2026-06-08T09:00:00.000Z');
      expect(metaAll(b, 'article:tag')).toEqual(['Budget', 'City hall']);
      expect(meta(b, 'twitter:card')).toBe('summary_large_image');
      expect(meta(b, 'twitter:image')).toBe(meta(b, 'og:image'));
      const img = await t.app.inject(new URL(meta(b, 'og:image')!).pathname);
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/jpeg');
    });

    it('describes an article without an excerpt by the start of its body, for search engines and link previews alike', async () => {
      const slug = 'no-excerpt';
      await makeArticle(t.deps.db.kysely, {
        headline: 'Ferry timetable',
        slug,
        excerpt: '',
        body: 'The ferry timetable changes on Monday.\n\nMore later.',
      });
      const b = (await t.app.inject(`/articles/${slug}`)).body;
      expect(meta(b, 'description')).toMatch(/^The ferry timetable changes on Monday\./);
      expect(meta(b, 'description')).toBe(meta(b, 'og:description'));
    });

    it('gives the demo’s publisher an author page, so their byline links to one', async () => {
      const publisher = await t.deps.db.kysely
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'publisher')
        .executeTakeFirstOrThrow();
      await makeArticle(t.deps.db.kysely, {
        headline: 'A note from the publisher',
        slug: 'publisher-note',
        body: 'Thank you for reading.',
        authorIds: [publisher.id],
      });
      const b = (await t.app.inject('/articles/publisher-note')).body;
      expect(jsonLd(b)[0]!.author).toEqual([
        { '@type': 'Person', name: 'Site Publisher', url: `${site}/author/site-publisher` },
      ]);
      const page = await t.app.inject('/author/site-publisher');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('A note from the publisher');
    });

    it('falls back to a summary card for an article without any image', async () => {
      const res = await t.app.inject('/articles/library-opening-hours-extended');
      expect(meta(res.body, 'twitter:card')).toBe('summary');
      expect(meta(res.body, 'og:image')).toBeUndefined();
      expect(jsonLd(res.body)[0]!.image).toBeUndefined();
    });

    it('keeps a headline with </script> inside the JSON-LD block and intact', async () => {
      const res = await t.app.inject('/articles/tricky-headline');
      const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(res.body)![1]!;
      expect(raw).not.toMatch(/<\/?script/i);
      expect(raw).not.toContain('<!--');
      const ld = jsonLd(res.body)[0]!;
      expect(ld.headline).toBe('Why </script><script>alert(1)</script> & <!-- matter');
      expect(ld.description).toBe('It is "tricky" — </SCRIPT> too.');
      expect(meta(res.body, 'og:title')).toBe('Why </script><script>alert(1)</script> & <!-- matter');
      expect(res.body).not.toContain('<script>alert(1)');
    });

    it('links the site feeds from every page and a section feed from its section page', async () => {
      for (const path of ['/', '/articles/night-buses-return-to-the-outer-districts', '/search?q=bus', '/archive']) {
        const b = (await t.app.inject(path)).body;
        expect(b).toContain(
          `<link rel="alternate" type="application/rss+xml" title="The Broadsheet (RSS)" href="${site}/feed.xml"/>`,
        );
        expect(b).toContain(
          `<link rel="alternate" type="application/atom+xml" title="The Broadsheet (Atom)" href="${site}/atom.xml"/>`,
        );
        expect(b).toContain(
          `<link rel="alternate" type="application/feed+json" title="The Broadsheet (JSON Feed)" href="${site}/feed.json"/>`,
        );
      }
      // Once each: the home page adds no second copy of the site feeds.
      expect((await t.app.inject('/')).body.split(`href="${site}/feed.xml"/>`).length - 1).toBe(1);
      const section = (await t.app.inject('/section/news')).body;
      expect(section).toContain(`href="${site}/section/news/feed.xml"`);
      expect(meta(section, 'og:type')).toBe('website');
      expect(meta(section, 'og:url')).toBe(`${site}/section/news`);
    });

    it('keeps search result pages out of search engines', async () => {
      const res = await t.app.inject('/search?q=bus');
      expect(meta(res.body, 'robots')).toBe('noindex, follow');
      expect(res.body).not.toContain('rel="canonical"');
    });
  });
}
