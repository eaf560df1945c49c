import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { encodeCursor } from '../../src/features/listings/paging.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { hoursAfter, makeArticle, makeAuthor, makeCorrection, makeSection, makeTag } from '../helpers/newsroom.js';
import { DIALECTS } from '../helpers/test-db.js';

const BASE = '2026-05-20T08:00:00.000Z';
const headlinesOf = (html: string): string[] =>
  [...html.matchAll(/<h2 class="card-headline"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
const linkRel = (html: string, rel: 'prev' | 'next'): string | null => {
  const m = new RegExp(`<link rel="${rel}" href="([^"]+)"`).exec(html);
  return m ? new URL(m[1]!.replace(/&amp;/g, '&')).pathname + new URL(m[1]!.replace(/&amp;/g, '&')).search : null;
};
const canonicalOf = (html: string): string | undefined =>
  /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

for (const dialect of DIALECTS) {
  describe(`listings on ${dialect}`, () => {
    let t: TestApp;
    let transport: { id: number; slug: string };
    let news: { id: number; slug: string };
    let ana: { id: number; slug: string };
    const published: string[] = [];

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      const db = t.deps.db.kysely;
      news = await makeSection(db, 'News');
      await makeSection(db, 'Opinion');
      transport = await makeTag(db, 'Transport');
      await makeTag(db, 'Secret plans');
      ana = await makeAuthor(db, 'Ana Lima', { bio: 'Covers the harbour.', email: 'ana.private@newsroom.test' });
      // 45 published articles an hour apart (two share a timestamp to exercise the id tie-break),
      // spanning late May and June.
      for (let i = 0; i < 45; i++) {
        const headline = `Published story ${String(i).padStart(2, '0')}`;
        await makeArticle(db, {
          headline,
          publishedAt: hoursAfter(BASE, i === 44 ? 42 : i * 12),
          sectionId: news.id,
          tagIds: [transport.id],
          authorIds: [ana.id],
        });
        published.push(headline);
      }
      // Drafts and scheduled articles in the same section, tag, author and month must never show.
      await makeArticle(db, {
        headline: 'DRAFT zeppelin plan',
        status: 'draft',
        sectionId: news.id,
        tagIds: [transport.id],
        authorIds: [ana.id],
      });
      await makeArticle(db, {
        headline: 'SCHEDULED zeppelin launch',
        status: 'scheduled',
        sectionId: news.id,
        tagIds: [transport.id],
        authorIds: [ana.id],
      });
    });
    afterAll(async () => {
      await t.close();
    });

    /** Walks a listing from its first page through every "older" link; returns headlines per page. */
    async function walk(path: string): Promise<string[][]> {
      const pages: string[][] = [];
      let url: string | null = path;
      while (url) {
        const res = await t.app.inject(url);
        expect(res.statusCode).toBe(200);
        pages.push(headlinesOf(res.body));
        url = linkRel(res.body, 'next');
        expect(pages.length).toBeLessThan(10);
      }
      return pages;
    }

    it('paginates the home page newest first with no article missed or repeated', async () => {
      const pages = await walk('/');
      expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
      const all = pages.flat();
      expect(new Set(all).size).toBe(45);
      expect(all.slice().sort()).toEqual(published.slice().sort());
      expect(all.join()).not.toContain('zeppelin');
    });

    it('shows the lead story only on the first home page, with rel=next but no rel=prev', async () => {
      const first = await t.app.inject('/');
      expect(first.body).toContain('card card-lead');
      expect(linkRel(first.body, 'prev')).toBeNull();
      expect(canonicalOf(first.body)).toBe(`${t.deps.config.siteUrl}/`);
      const second = await t.app.inject(linkRel(first.body, 'next')!);
      expect(second.body).not.toContain('card card-lead');
      expect(second.body).toContain('<h1>Older articles</h1>');
      expect(linkRel(second.body, 'prev')).toMatch(/^\/\?after=/);
      expect(second.body).toMatch(/<a href="\/\?after=[^"]+" rel="prev">/);
      expect(canonicalOf(second.body)).toMatch(/\/\?before=/);
    });

    it('goes back to newer pages with the same articles it came from', async () => {
      const first = await t.app.inject('/');
      const second = await t.app.inject(linkRel(first.body, 'next')!);
      const third = await t.app.inject(linkRel(second.body, 'next')!);
      const backToSecond = await t.app.inject(linkRel(third.body, 'prev')!);
      expect(headlinesOf(backToSecond.body)).toEqual(headlinesOf(second.body));
      const backToFirst = await t.app.inject(linkRel(backToSecond.body, 'prev')!);
      expect(headlinesOf(backToFirst.body)).toEqual(headlinesOf(first.body));
      expect(linkRel(backToFirst.body, 'prev')).toBeNull();
    });

    it('lists a section, a tag and an author with their own feeds and never their drafts', async () => {
      for (const path of [`/section/${news.slug}`, `/tag/${transport.slug}`, `/author/${ana.slug}`]) {
        const pages = await walk(path);
        expect(pages.flat()).toHaveLength(45);
        const res = await t.app.inject(path);
        expect(res.body).toContain(`<link rel="alternate" type="application/rss+xml" title=`);
        expect(res.body).toContain(`href="${t.deps.config.siteUrl}${path}/feed.xml"`);
        expect(res.body).toContain(`href="${path}/atom.xml"`);
        expect(canonicalOf(res.body)).toBe(`${t.deps.config.siteUrl}${path}`);
        expect(res.body).not.toContain('zeppelin');
      }
    });

    it('shows an author page with the bio and never the e-mail address', async () => {
      const res = await t.app.inject(`/author/${ana.slug}`);
      expect(res.body).toContain('<h1>Ana Lima</h1>');
      expect(res.body).toContain('Covers the harbour.');
      expect(res.body).not.toContain('ana.private');
    });

    it('shows a tag whose only article is a draft as an empty page, not the draft', async () => {
      const res = await t.app.inject('/tag/secret-plans');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Nothing published here yet.');
    });

    it('lists archive months and each month on its own page with links to its neighbours', async () => {
      const index = await t.app.inject('/archive');
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('<a href="/archive/2026/06">June 2026</a>');
      expect(index.body).toContain('<a href="/archive/2026/05">May 2026</a>');
      expect(index.body.indexOf('June 2026')).toBeLessThan(index.body.indexOf('May 2026'));
      const may = await walk('/archive/2026/05');
      const june = await walk('/archive/2026/06');
      // 12-hour steps from 20 May 08:00 reach June at step 24; story 44 was placed on 21 May.
      expect(may.flat()).toHaveLength(25);
      expect(june.flat()).toHaveLength(20);
      expect(june.flat()).toContain('Published story 24');
      expect(may.flat()).toContain('Published story 44');
      const res = await t.app.inject('/archive/2026/05');
      expect(res.body).toContain('<a href="/archive/2026/06"><span aria-hidden="true">← </span>June 2026</a>');
    });

    it('answers an unknown section, tag, author or empty month with 404', async () => {
      for (const path of [
        '/section/sport',
        '/tag/nothing-here',
        '/author/nobody',
        '/author/Not_A_Slug',
        '/archive/2019/01',
      ]) {
        const res = await t.app.inject(path);
        expect(res.statusCode, path).toBe(404);
        expect(res.body).toContain('Page not found');
      }
    });

    it('answers malformed cursors, archive dates and page links with 400, never 500', async () => {
      const bad = [
        '/?before=not-a-cursor!',
        '/?before=',
        `/?before=${Buffer.from('yesterday|1').toString('base64url')}`,
        `/?before=${Buffer.from('2026-06-01T00:00:00.000Z|-3').toString('base64url')}`,
        `/?after=${'A'.repeat(300)}`,
        `/?before=${encodeCursor({ at: '2026-06-01T00:00:00.000Z', id: 3 })}&after=${encodeCursor({ at: '2026-06-01T00:00:00.000Z', id: 3 })}`,
        '/section/news?after=%00',
        '/archive/2026/13',
        '/archive/26/05',
        '/archive/2026/5',
        '/corrections?before=xyz!',
      ];
      for (const path of bad) {
        const res = await t.app.inject(path);
        expect(res.statusCode, path).toBe(400);
      }
    });

    it('serves a page past the end as an empty page that links back to newer articles', async () => {
      const res = await t.app.inject(`/?before=${encodeCursor({ at: '2000-01-01T00:00:00.000Z', id: 1 })}`);
      expect(res.statusCode).toBe(200);
      expect(headlinesOf(res.body)).toEqual([]);
      expect(linkRel(res.body, 'prev')).toMatch(/^\/\?after=/);
    });

    it('ignores unknown query parameters such as campaign tags', async () => {
      const res = await t.app.inject('/?utm_source=newsletter');
      expect(res.statusCode).toBe(200);
      expect(canonicalOf(res.body)).toBe(`${t.deps.config.siteUrl}/`);
    });
  });

  describe(`corrections page on ${dialect}`, () => {
    let t: TestApp;
    const ids: number[] = [];
    let draftCorrection = 0;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.deps.db.kysely;
      const a = await makeArticle(db, { headline: 'Depot opening date', publishedAt: '2026-06-01T08:00:00.000Z' });
      const b = await makeArticle(db, { headline: 'Harbour traffic study', publishedAt: '2026-06-02T08:00:00.000Z' });
      const draft = await makeArticle(db, { headline: 'Unpublished draft piece', status: 'draft' });
      for (let i = 0; i < 34; i++)
        ids.push(
          await makeCorrection(
            db,
            i % 2 ? a.id : b.id,
            `Correction number ${i}: the figure was wrong.`,
            hoursAfter('2026-06-03T00:00:00.000Z', i),
          ),
        );
      draftCorrection = await makeCorrection(db, draft.id, 'A correction to a draft.', '2026-06-10T00:00:00.000Z');
    });
    afterAll(async () => {
      await t.close();
    });

    it('lists corrections newest first, each linking to its note under the article', async () => {
      const res = await t.app.inject('/corrections');
      expect(res.statusCode).toBe(200);
      const anchors = [...res.body.matchAll(/href="\/articles\/[^"#]+#correction-(\d+)"/g)].map((m) => Number(m[1]));
      expect(anchors).toEqual(ids.slice().reverse().slice(0, 30));
      expect(res.body).toContain('Correction number 33: the figure was wrong.');
      expect(res.body).not.toContain('A correction to a draft.');
      expect(anchors).not.toContain(draftCorrection);
      const older = await t.app.inject(linkRel(res.body, 'next')!);
      const rest = [...older.body.matchAll(/#correction-(\d+)"/g)].map((m) => Number(m[1]));
      expect(rest).toEqual(ids.slice(0, 4).reverse());
    });

    it('points the article anchor at an element that exists on the article page', async () => {
      const res = await t.app.inject('/corrections');
      const [, href, id] = /href="(\/articles\/[^"#]+)#correction-(\d+)"/.exec(res.body)!;
      const article = await t.app.inject(href!);
      expect(article.body).toContain(`id="correction-${id}"`);
    });
  });
}
