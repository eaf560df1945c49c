import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { hoursAfter, makeArticle, makeSection } from '../helpers/newsroom.js';
import { DIALECTS } from '../helpers/test-db.js';

const resultSlugs = (html: string): string[] =>
  [...html.matchAll(/<li class="search-result">[\s\S]*?<a href="\/articles\/([^"]+)">/g)].map((m) => m[1]!);
const snippets = (html: string): string[] =>
  [...html.matchAll(/<p class="search-snippet"><span>([\s\S]*?)<\/span><\/p>/g)].map((m) => m[1]!);
const headlines = (html: string): string[] =>
  [...html.matchAll(/<h2 class="card-headline"><a href="[^"]+"><span>([\s\S]*?)<\/span><\/a><\/h2>/g)].map(
    (m) => m[1]!,
  );
const q = (s: string) => `/search?q=${encodeURIComponent(s)}`;

for (const dialect of DIALECTS) {
  describe(`full-text search on ${dialect}`, () => {
    let t: TestApp;
    let draftId = 0;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      const db = t.deps.db.kysely;
      const news = await makeSection(db, 'News');
      await makeArticle(db, {
        slug: 'tram-depot',
        headline: 'Tram depot reopens in the harbour',
        excerpt: 'Workers return.',
        body: 'The depot reopened on Monday after repairs to the roof.\n\nIt employs forty people.',
        publishedAt: '2026-06-01T09:00:00.000Z',
        sectionId: news.id,
      });
      await makeArticle(db, {
        slug: 'council-notes',
        headline: 'Council meeting notes',
        excerpt: 'Budget and parks.',
        body: `${'The council met to discuss parks and the budget. '.repeat(12)}\n\nAt the end, one member asked about the tram timetable.`,
        publishedAt: '2026-06-05T09:00:00.000Z',
      });
      await makeArticle(db, {
        slug: 'night-bus',
        headline: 'Night bus routes return',
        body: 'The night bus will run again. Riders say running late is common.',
        publishedAt: '2026-06-02T09:00:00.000Z',
      });
      await makeArticle(db, {
        slug: 'bus-night',
        headline: 'Bus drivers work at night',
        body: 'Drivers of the bus prefer day shifts.',
        publishedAt: '2026-06-03T09:00:00.000Z',
      });
      await makeArticle(db, {
        slug: 'markup',
        headline: 'How the website is built',
        body: 'We never use `<script>` tags from other sites.\n\nSome words are <em>emphasised</em> & others are not.',
        publishedAt: '2026-06-04T09:00:00.000Z',
      });
      for (let i = 0; i < 25; i++) {
        await makeArticle(db, {
          slug: `ferry-${i}`,
          headline: `Harbour update ${i}`,
          body: `Ferry service report number ${i}.`,
          publishedAt: hoursAfter('2026-05-01T00:00:00.000Z', i),
        });
      }
      draftId = (
        await makeArticle(db, {
          slug: 'zeppelin',
          headline: 'DRAFT Zeppelin over the harbour',
          body: 'A secret zeppelin plan.',
          status: 'draft',
        })
      ).id;
    });
    afterAll(async () => {
      await t.close();
    });

    it('ranks a match in the headline above a match deep in the body', async () => {
      const res = await t.app.inject(q('tram'));
      expect(res.statusCode).toBe(200);
      expect(resultSlugs(res.body)).toEqual(['tram-depot', 'council-notes']);
    });

    it('highlights matches in headlines and snippets with <mark>', async () => {
      const res = await t.app.inject(q('tram'));
      expect(headlines(res.body)[0]).toBe('<mark>Tram</mark> depot reopens in the harbour');
      const bodySnippet = snippets(res.body)[1]!;
      expect(bodySnippet).toContain('<mark>tram</mark> timetable');
      expect(bodySnippet.length).toBeLessThan(400);
    });

    it('escapes article text in snippets so only its own <mark> tags are markup', async () => {
      const res = await t.app.inject(q('script tags'));
      expect(resultSlugs(res.body)).toEqual(['markup']);
      const snippet = snippets(res.body)[0]!;
      expect(snippet).toContain('&lt;<mark>script</mark>&gt; <mark>tags</mark>');
      expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      const em = snippets((await t.app.inject(q('emphasised'))).body)[0]!;
      expect(em).toContain('<mark>emphasised</mark> &amp; others');
      expect(em).not.toContain('<em>');
    });

    it('matches word forms (stemming), phrases in order, and leaves out excluded words', async () => {
      expect(resultSlugs((await t.app.inject(q('runs'))).body)).toEqual(['night-bus']);
      expect(resultSlugs((await t.app.inject(q('"night bus"'))).body)).toEqual(['night-bus']);
      expect(resultSlugs((await t.app.inject(q('night bus'))).body).sort()).toEqual(['bus-night', 'night-bus']);
      expect(resultSlugs((await t.app.inject(q('night bus -drivers'))).body)).toEqual(['night-bus']);
    });

    it('pages through results ten at a time with rel=prev/next, best first or newest first', async () => {
      const seen: string[] = [];
      let url: string | null = q('ferry');
      let pages = 0;
      while (url) {
        const res: { statusCode: number; body: string } = await t.app.inject(url);
        expect(res.statusCode).toBe(200);
        seen.push(...resultSlugs(res.body));
        pages++;
        const next: string | undefined = /<link rel="next" href="([^"]+)"/.exec(res.body)?.[1];
        url = next ? new URL(next.replace(/&amp;/g, '&')).pathname + new URL(next.replace(/&amp;/g, '&')).search : null;
        if (pages > 1) expect(res.body).toMatch(/<link rel="prev" href="[^"]+\/search\?q=ferry/);
      }
      expect(pages).toBe(3);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      const newest = await t.app.inject(`${q('ferry')}&sort=newest`);
      expect(resultSlugs(newest.body).slice(0, 3)).toEqual(['ferry-24', 'ferry-23', 'ferry-22']);
      expect(newest.body).toContain('<option value="newest" selected>');
      const past = await t.app.inject(`${q('ferry')}&page=4`);
      expect(past.statusCode).toBe(200);
      expect(past.body).toContain('There are no more results.');
    });

    it('never finds a draft, and keeps the index in step as articles change', async () => {
      const db = t.deps.db.kysely;
      expect(resultSlugs((await t.app.inject(q('zeppelin'))).body)).toEqual([]);
      await db
        .updateTable('articles')
        .set({ status: 'published', published_at: '2026-06-14T10:00:00.000Z' })
        .where('id', '=', draftId)
        .execute();
      expect(resultSlugs((await t.app.inject(q('zeppelin'))).body)).toEqual(['zeppelin']);
      // Counters change often and must not disturb the index.
      await db.updateTable('articles').set({ comment_count: 5 }).where('id', '=', draftId).execute();
      expect(resultSlugs((await t.app.inject(q('zeppelin'))).body)).toEqual(['zeppelin']);
      await db
        .updateTable('articles')
        .set({ headline: 'Airship over the harbour', body_html: '<p id="p1">A public airship plan.</p>' })
        .where('id', '=', draftId)
        .execute();
      expect(resultSlugs((await t.app.inject(q('zeppelin'))).body)).toEqual([]);
      expect(resultSlugs((await t.app.inject(q('airship'))).body)).toEqual(['zeppelin']);
      await db.updateTable('articles').set({ status: 'draft', published_at: null }).where('id', '=', draftId).execute();
      expect(resultSlugs((await t.app.inject(q('airship'))).body)).toEqual([]);
      await db
        .updateTable('articles')
        .set({ status: 'published', published_at: '2026-06-14T10:00:00.000Z' })
        .where('id', '=', draftId)
        .execute();
      await db.deleteFrom('articles').where('id', '=', draftId).execute();
      expect(resultSlugs((await t.app.inject(q('airship'))).body)).toEqual([]);
    });

    it('answers a too-long query with 400 and a friendly message, and keeps the form', async () => {
      const res = await t.app.inject(q('tram '.repeat(41)));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('That search is too long. Please use at most 200 characters.');
      expect(res.body).toContain('id="search-q"');
      expect(res.body).toContain('aria-invalid="true"');
    });

    it('answers malformed page numbers and sort orders with 400, never 500', async () => {
      for (const url of [
        `${q('ferry')}&page=abc`,
        `${q('ferry')}&page=0`,
        `${q('ferry')}&page=-1`,
        `${q('ferry')}&page=51`,
        `${q('ferry')}&page=1.5`,
        `${q('ferry')}&sort=oldest`,
      ]) {
        expect((await t.app.inject(url)).statusCode, url).toBe(400);
      }
    });

    it('treats search-engine syntax as plain words and never fails on it', async () => {
      for (const s of [
        '"',
        'tram"',
        'NEAR(tram bus)',
        'tram*',
        'tram AND',
        'OR',
        '-',
        '--tram',
        'a:b',
        '^tram',
        '{tram}',
        'tram OR bus',
        "it's",
        'C++ & C#',
        '\\',
        '%',
        '!!!',
        '日本語',
        'tram & | ! <-> :*',
      ]) {
        const res = await t.app.inject(q(s));
        expect(res.statusCode, s).toBe(200);
      }
      expect(resultSlugs((await t.app.inject(q('tram*'))).body)).toEqual(['tram-depot', 'council-notes']);
    });

    it('shows just the form for an empty query and a hint for one without words', async () => {
      const empty = await t.app.inject('/search');
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('<h1>Search</h1>');
      expect(empty.body).not.toContain('search-results');
      const punct = await t.app.inject(q('!!!'));
      expect(punct.body).toContain('Type at least one word to look for.');
      const onlyExcluded = await t.app.inject(q('-tram'));
      expect(onlyExcluded.body).toContain('Type at least one word to look for.');
      const none = await t.app.inject(q('xylophone'));
      expect(none.body).toContain('No articles match “xylophone”.');
    });
  });
}
