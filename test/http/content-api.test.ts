/**
 * The read-only Content API (/api/v1): published content only, filters, cursor walks, no e-mail anywhere,
 * problem+json errors, and every answer this file receives valid against the served OpenAPI document.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeImage } from '../../src/features/images/image.service.js';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn } from '../helpers/editorial.js';
import { isApiOperation, openApiChecker, type ApiAnswer } from '../helpers/openapi-check.js';
import { DIALECTS } from '../helpers/test-db.js';
import { hoursAfter, makeArticle, makeAuthor, makeCorrection, makeSection, makeTag } from '../helpers/newsroom.js';

const BASE = '2026-06-01T10:00:00.000Z';
const SECRET_MAILS = ['ana-secret@newsroom.test', 'bo-secret@newsroom.test'];

type Seen = ApiAnswer;

for (const dialect of DIALECTS) {
  describe(`Content API on ${dialect}`, () => {
    let t: TestApp;
    const seen: Seen[] = [];
    const ids = { published: [] as number[], hidden: [] as number[] };
    let politics: { id: number; slug: string };
    let tagged: { id: number; slug: string };
    let ana: { id: number; slug: string };
    let corrected: { id: number; slug: string };

    /** GET through the app, recorded for the OpenAPI validation at the end. */
    async function get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
      const res = await t.app.inject({ method: 'GET', url, headers });
      record(url, res);
      return res;
    }
    function record(url: string, res: LightMyRequestResponse): void {
      const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
      seen.push({
        method: 'get',
        url,
        status: res.statusCode,
        type,
        body: type.endsWith('json') ? res.json() : res.body,
      });
    }

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const db = t.deps.db.kysely;
      politics = await makeSection(db, 'Politics');
      const culture = await makeSection(db, 'Culture');
      tagged = await makeTag(db, 'Elections');
      await makeTag(db, 'Weather');
      ana = await makeAuthor(db, 'Ana Reporter', { bio: 'Covers the city hall.', email: SECRET_MAILS[0] });
      const bo = await makeAuthor(db, 'Bo Writer', { email: SECRET_MAILS[1] });
      // 25 published articles, two at the very same instant (the tie the cursor's id breaks).
      for (let i = 0; i < 25; i++) {
        const a = await makeArticle(db, {
          headline: `Story ${i}`,
          excerpt: `Standfirst ${i}`,
          publishedAt: hoursAfter(BASE, i === 24 ? 23 : i),
          updatedAt: hoursAfter(BASE, i < 5 ? 100 + i : i),
          sectionId: i % 2 === 0 ? politics.id : culture.id,
          tagIds: i % 3 === 0 ? [tagged.id] : [],
          authorIds: i % 4 === 0 ? [ana.id, bo.id] : [bo.id],
        });
        ids.published.push(a.id);
      }
      for (const status of ['draft', 'scheduled'] as const) {
        const a = await makeArticle(db, {
          headline: `Hidden ${status}`,
          status,
          sectionId: politics.id,
          tagIds: [tagged.id],
          authorIds: [ana.id],
        });
        ids.hidden.push(a.id);
      }
      corrected = { id: ids.published[6]!, slug: '' };
      corrected.slug = (await get(`/api/v1/articles?limit=100`))
        .json()
        .items.find((x: { id: number }) => x.id === corrected.id).slug;
      await makeCorrection(db, corrected.id, 'An earlier version misspelt a name.', hoursAfter(BASE, 50));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('walks every published article exactly once, newest first, page by page', async () => {
      const walked: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(`/api/v1/articles?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const body = res.json() as { items: Array<{ id: number; published_at: string }>; next_cursor: string | null };
        expect(body.items.length).toBeLessThanOrEqual(7);
        walked.push(...body.items.map((i) => i.id));
        cursor = body.next_cursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(walked).toHaveLength(25);
      expect(new Set(walked)).toEqual(new Set(ids.published));
      for (const id of ids.hidden) expect(walked).not.toContain(id);
    });

    it('defaults to 20 items and describes each one', async () => {
      const res = await get('/api/v1/articles');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const body = res.json();
      expect(body.items).toHaveLength(20);
      expect(body.next_cursor).toEqual(expect.any(String));
      const first = body.items[0];
      expect(first).toMatchObject({
        // Story 24 shares Story 23's instant and has the higher id.
        headline: 'Story 24',
        section: { slug: 'politics', name: 'Politics' },
        authors: [
          { name: 'Ana Reporter', slug: 'ana-reporter' },
          { name: 'Bo Writer', slug: 'bo-writer' },
        ],
        published_at: hoursAfter(BASE, 23),
        comment_count: 0,
        lead_image: null,
      });
      expect(first.url).toBe(`${t.deps.config.siteUrl}/articles/${first.slug}`);
      const withTag = body.items.find((i: { headline: string }) => i.headline === 'Story 18');
      expect(withTag.tags).toEqual([{ slug: 'elections', name: 'Elections' }]);
      expect(withTag.authors.map((a: { slug: string }) => a.slug)).toEqual(['bo-writer']);
      expect(body.items[1].headline).toBe('Story 23');
    });

    it('filters by section, tag, author and updated_since, together too', async () => {
      const items = async (q: string) =>
        ((await get(`/api/v1/articles?limit=100&${q}`)).json().items as Array<{ headline: string }>).map(
          (i) => i.headline,
        );
      const n = (pred: (i: number) => boolean) => [...Array(25).keys()].filter(pred).length;
      expect(await items('section=politics')).toHaveLength(n((i) => i % 2 === 0));
      expect(await items('tag=elections')).toHaveLength(n((i) => i % 3 === 0));
      expect(await items('author=ana-reporter')).toHaveLength(n((i) => i % 4 === 0));
      expect(await items('section=politics&tag=elections')).toHaveLength(n((i) => i % 6 === 0));
      expect((await items(`updated_since=${encodeURIComponent(hoursAfter(BASE, 100))}`)).sort()).toEqual(
        ['Story 0', 'Story 1', 'Story 2', 'Story 3', 'Story 4'].sort(),
      );
      // Another offset, the same instant.
      expect(await items('updated_since=2026-06-05T16:00:00%2B02:00')).toHaveLength(5);
    });

    it('answers a filter naming nothing, a bad cursor or a bad limit with problem+json', async () => {
      for (const [url, status, code] of [
        ['/api/v1/articles?section=nowhere', 404, 'SECTION_NOT_FOUND'],
        ['/api/v1/articles?tag=nowhere', 404, 'TAG_NOT_FOUND'],
        ['/api/v1/articles?author=nobody', 404, 'AUTHOR_NOT_FOUND'],
        ['/api/v1/articles?cursor=bm90LWEtY3Vyc29y', 400, 'PAGE_LINK_INVALID'],
        ['/api/v1/articles?limit=101', 400, 'INVALID_INPUT'],
        ['/api/v1/articles?limit=0', 400, 'INVALID_INPUT'],
        ['/api/v1/articles?updated_since=yesterday', 400, 'INVALID_INPUT'],
        ['/api/v1/tags?cursor=%2B%2B', 400, 'INVALID_INPUT'],
        ['/api/v1/search', 400, 'INVALID_INPUT'],
      ] as const) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(status);
        expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
        expect(res.json(), url).toMatchObject({ status, code, type: `tag:broadsheet,2026:error:${code}` });
      }
    });

    it('gives one published article with its body and corrections, and 404 for drafts and scheduled ones', async () => {
      const res = await get(`/api/v1/articles/${corrected.slug}`);
      expect(res.statusCode).toBe(200);
      const a = res.json();
      expect(a.body_html).toContain('<p id="p1">Story 6.</p>');
      expect(a.corrections).toEqual([
        expect.objectContaining({ body: 'An earlier version misspelt a name.', created_at: hoursAfter(BASE, 50) }),
      ]);
      expect(a.tags).toEqual([{ slug: 'elections', name: 'Elections' }]);
      const hidden = await t.deps.db.kysely
        .selectFrom('articles')
        .select('slug')
        .where('id', 'in', ids.hidden)
        .execute();
      for (const { slug } of [...hidden, { slug: 'no-such-article' }]) {
        const miss = await get(`/api/v1/articles/${slug}`);
        expect(miss.statusCode).toBe(404);
        expect(miss.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(miss.json()).toMatchObject({ code: 'ARTICLE_NOT_FOUND', status: 404 });
      }
    });

    it('gives the lead image and the body’s figures, and sends a former slug to the new address', async () => {
      const db = t.deps.db.kysely;
      const jpeg = await sharp({ create: { width: 1800, height: 1000, channels: 3, background: '#336699' } })
        .jpeg()
        .toBuffer();
      const imageId = await storeImage(t.deps, { buffer: jpeg, alt: 'Fares by zone', decorative: false });
      const a = await makeArticle(db, {
        headline: 'Pictured',
        body: `Before the chart.\n\n![Fares by zone](image:${imageId})\n\nAfter the chart.`,
        publishedAt: hoursAfter(BASE, -5),
        leadImageId: imageId,
      });
      await db.insertInto('article_slugs').values({ slug: 'pictured-old', article_id: a.id }).execute();
      const res = await get(`/api/v1/articles/${a.slug}`);
      const body = res.json();
      expect(body.lead_image).toMatchObject({
        alt: 'Fares by zone',
        url: expect.stringMatching(/^https?:\/\/.+\/media\//),
      });
      expect(body.lead_image.width).toBeGreaterThan(0);
      expect(body.body_html).toContain('<figure class="article-figure">');
      expect(body.body_html).not.toContain('data-image-id');
      expect(body.body_html).toContain('After the chart.');
      const moved = await get('/api/v1/articles/pictured-old');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe(`/api/v1/articles/${a.slug}`);
      await db.deleteFrom('article_slugs').where('article_id', '=', a.id).execute();
      await db.deleteFrom('articles').where('id', '=', a.id).execute();
    });

    it('lists sections, tags and public author profiles, tags and authors page by page', async () => {
      expect((await get('/api/v1/sections')).json().items).toEqual([
        { slug: 'politics', name: 'Politics' },
        { slug: 'culture', name: 'Culture' },
      ]);
      const first = (await get('/api/v1/tags?limit=1')).json();
      expect(first.items).toEqual([{ slug: 'elections', name: 'Elections' }]);
      const second = (await get(`/api/v1/tags?limit=1&cursor=${first.next_cursor}`)).json();
      expect(second).toEqual({ items: [{ slug: 'weather', name: 'Weather' }], next_cursor: null });
      const authors = (await get('/api/v1/authors')).json();
      expect(authors.items).toEqual(
        expect.arrayContaining([
          {
            name: 'Ana Reporter',
            slug: 'ana-reporter',
            url: `${t.deps.config.siteUrl}/author/ana-reporter`,
            bio: 'Covers the city hall.',
          },
          expect.objectContaining({ slug: 'bo-writer', bio: null }),
        ]),
      );
    });

    it('searches with the site’s search', async () => {
      const res = await get('/api/v1/search?q=Standfirst');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items[0].snippet_html + body.items[0].headline_html).toContain('<mark>');
      expect(body.items.map((h: { article: { id: number } }) => h.article.id)).not.toContain(ids.hidden[0]);
      expect(body.next_page).toBe(2);
    });

    it('never shows an e-mail address, and keeps a signed-in reader’s answers private', async () => {
      for (const s of seen) expect(JSON.stringify(s.body), s.url).not.toMatch(/@[\w-]+\.test|secret@/);
      const editor = await makeStaff(t, 'editor');
      const session = await signedIn(t.app, editor, '/');
      const res = await session.get('/api/v1/articles?limit=1');
      record('/api/v1/articles?limit=1', res);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(JSON.stringify(res.json())).not.toContain(editor.email);
    });

    it('documents every /api route it answered, and every answer is valid against the document', async () => {
      // The discussion's reads answer through the same document, errors included.
      expect((await get(`/api/articles/${corrected.slug}/comments`)).statusCode).toBe(200);
      expect((await get('/api/comments/999999')).statusCode).toBe(404);
      expect((await get('/api/articles/no-such-article/comments')).statusCode).toBe(404);
      const doc = (await get('/api/openapi.json')).json();
      expect(doc.openapi).toMatch(/^3\.1\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/articles',
          '/api/v1/articles/{slug}',
          '/api/v1/sections',
          '/api/v1/tags',
          '/api/v1/authors',
          '/api/v1/search',
        ]),
      );
      expect(doc.components.schemas.Problem).toBeDefined();
      const check = openApiChecker(doc);
      const checked = seen.filter((s) => isApiOperation(s.url));
      expect(checked.length).toBeGreaterThan(30);
      expect(checked.map(check).filter(Boolean)).toEqual([]);
    });
  });
}
