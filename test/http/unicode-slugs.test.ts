/**
 * Headlines, tags and names in any script get addresses of their own (`/tag/москва`, `/tag/東京`),
 * travel percent-encoded in links, headers, feeds and sitemaps, and never merge silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { slugify } from '../../src/lib/slug.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { postAsGuest } from '../helpers/discussion.js';
import { fieldError, makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

const enc = encodeURIComponent;

describe('slugify', () => {
  it('keeps letters and digits of every script, lower-cased, and spells out C++ and C#', () => {
    expect(
      ['東京', 'Москва', 'C++', 'C#', 'हिन्दी', 'Café Ünal', 'ＡＢＣ 123', '서울 시청'].map((s) => slugify(s)),
    ).toEqual(['東京', 'москва', 'c-plus-plus', 'c-sharp', 'हिन्दी', 'cafe-unal', 'abc-123', '서울-시청']);
    expect(slugify('🎉🎉')).toBe('untitled');
  });

  it('cuts a long slug between characters, never inside one', () => {
    expect(slugify('😀a'.repeat(10) + 'हिन्दी'.repeat(20), 15)).toBe('a-a-a-a-a-a-a-a');
    expect([...slugify('हिन्दी'.repeat(20), 9)].join('')).toBe('हिन्दीहि');
  });
});

for (const dialect of DIALECTS) {
  describe(`addresses in any script on ${dialect}`, () => {
    let t: TestApp;
    let editor: Staff;
    let s: Awaited<ReturnType<typeof signedIn>>;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T09:00:00Z') });
      editor = await makeStaff(t, 'editor', 'Юлия Редактор');
      s = await signedIn(t.app, editor);
    });
    afterAll(async () => {
      await t.close();
    });

    const form = (over: Record<string, string> = {}) => ({
      headline: 'Москва встречает весну',
      slug: '',
      excerpt: '',
      body: 'Весна пришла в город.',
      tags: '東京, Москва, C++, C#',
      bylines: [String(editor.id)],
      ...over,
    });
    async function save(over: Record<string, string> = {}) {
      await s.get('/admin/articles/new');
      return s.post('/admin/articles', form(over));
    }
    const idOf = (location: unknown) => Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(location))![1]);

    it('gives every tag of a mixed-script list its own topic page, linked percent-encoded', async () => {
      const res = await save({ intent: 'publish' });
      expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
      const id = idOf(res.headers.location);
      const tags = await t.deps.db.kysely
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['tags.slug', 'tags.name'])
        .where('article_id', '=', id)
        .orderBy('tags.name')
        .execute();
      expect(tags.map((x) => [x.name, x.slug]).sort()).toEqual([
        ['C#', 'c-sharp'],
        ['C++', 'c-plus-plus'],
        ['Москва', 'москва'],
        ['東京', '東京'],
      ]);
      const { slug } = await t.deps.db.kysely
        .selectFrom('articles')
        .select('slug')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(slug).toBe('москва-встречает-весну');

      const page = await t.app.inject(`/articles/${enc(slug)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<a href="/tag/${enc('東京')}">東京</a>`);
      expect(/<link rel="canonical" href="([^"]+)"/.exec(page.body)?.[1]).toMatch(
        new RegExp(`^https?://[\\x21-\\x7e]+/articles/${enc(slug)}$`),
      );
      for (const tag of ['東京', 'москва', 'c-plus-plus', 'c-sharp']) {
        const listing = await t.app.inject(`/tag/${enc(tag)}`);
        expect(listing.statusCode, tag).toBe(200);
        expect(listing.body).toContain('Москва встречает весну');
      }
      // Typed in capitals or decomposed, the address still finds the page.
      expect((await t.app.inject(`/tag/${enc('МОСКВА')}`)).statusCode).toBe(200);
      expect((await t.app.inject(`/articles/${enc(slug.normalize('NFD'))}`)).statusCode).toBe(200);
    });

    it('writes the addresses percent-encoded into feeds, sitemaps and the article head', async () => {
      const slug = 'москва-встречает-весну';
      const rss = await t.app.inject(`/tag/${enc('東京')}/feed.xml`);
      expect(rss.statusCode).toBe(200);
      expect(rss.body).toContain(`/articles/${enc(slug)}</link>`);
      const sitemap = (await t.app.inject('/sitemaps/tags-1.xml')).body;
      expect(sitemap).toContain(`/tag/${enc('東京')}</loc>`);
      expect(sitemap).not.toMatch(/<loc>[^<]*[^\x20-\x7e]/);
      expect((await t.app.inject('/sitemaps/articles-1.xml')).body).toContain(`/articles/${enc(slug)}</loc>`);
      const head = (await t.app.inject(`/articles/${enc(slug)}`)).body;
      expect(head).toContain(`<meta property="og:url" content="http://`);
      expect(head).not.toMatch(/<meta property="og:url" content="[^"]*[^\x20-\x7e]/);
    });

    it('sends redirects to addresses in any script percent-encoded', async () => {
      const { id } = await t.deps.db.kysely
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', 'москва-встречает-весну')
        .executeTakeFirstOrThrow();
      const revision = (
        await t.deps.db.kysely.selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow()
      ).revision;
      await s.get(`/admin/articles/${id}/edit`);
      const moved = await s.post(
        `/admin/articles/${id}`,
        form({ slug: 'весна-в-москве', revision: String(revision), tags: 'Москва' }),
      );
      expect(moved.statusCode, moved.body.slice(0, 1500)).toBe(303);
      const old = await t.app.inject(`/articles/${enc('москва-встречает-весну')}`);
      expect(old.statusCode).toBe(301);
      expect(old.headers.location).toBe(`/articles/${enc('весна-в-москве')}`);

      // A reader's comment goes back to the article page (a redirect the discussion builds from the slug).
      const guest = await formSession(t.app, `/articles/${enc('весна-в-москве')}`);
      const posted = await postAsGuest(guest, enc('весна-в-москве'));
      expect(posted.statusCode).toBe(303);
      expect(String(posted.headers.location)).toMatch(/^[\x21-\x7e]+$/);
    });

    it('refuses two tag names that would share one topic page, and says which', async () => {
      const res = await save({ headline: 'Languages', tags: 'C plus plus, C++' });
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'tags')).toContain('“C plus plus” and “C++” would share one topic page');
      expect(res.body).toContain('C plus plus, C++');
      const emoji = await save({ headline: 'Party', tags: 'Events, 🎉' });
      expect(fieldError(emoji.body, 'tags')).toContain('“🎉” has no letter or digit');
      await save({ headline: 'Coffee', tags: 'Café' });
      const spelt = await save({ headline: 'More coffee', tags: 'Cafe' });
      expect(spelt.statusCode).toBe(400);
      expect(fieldError(spelt.body, 'tags')).toContain('“Cafe” would share the topic page of the existing tag “Café”');
      expect((await save({ headline: 'Coffee again', tags: 'café' })).statusCode).toBe(303);
    });

    it('numbers an address taken many times over instead of giving up at 50', async () => {
      for (let n = 1; n <= 60; n++)
        await makeArticle(t.deps.db.kysely, {
          headline: '🎉',
          slug: n === 1 ? 'untitled' : `untitled-${n}`,
          status: 'draft',
        });
      const res = await save({ headline: '🎉', tags: '' });
      expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
      const { slug } = await t.deps.db.kysely
        .selectFrom('articles')
        .select('slug')
        .where('id', '=', idOf(res.headers.location))
        .executeTakeFirstOrThrow();
      expect(slug).toBe('untitled-61');
    });
  });
}
