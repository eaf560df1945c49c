/**
 * Articles, listings, search, feeds and the editor in the site's language: with the site in French or Arabic,
 * an article page (its byline of three joined the language's way, its dates), the home page, an archive month,
 * search with none, one and many results, a feed's declared language and an editor form's errors are translated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, upload, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';

const bylineLinks = (body: string) =>
  /<span class="bylines">([\s\S]*?)<\/span>/.exec(body)?.[1]?.replace(/<a [^>]*>([^<]*)<\/a>/g, '[$1]') ?? '';

for (const dialect of DIALECTS) {
  describe(`articles in the site's language on ${dialect}`, () => {
    let t: TestApp;
    let publisher: Staff;
    let editor: Staff;
    let slug: string;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
      editor = await makeStaff(t, 'editor', 'Erin Editor');
      const second = await makeStaff(t, 'author', 'Avery Author');
      const third = await makeStaff(t, 'author', 'Sam Stringer');
      ({ slug } = await makeArticle(t.deps.db.kysely, {
        headline: 'Harbour ferry returns',
        body: 'The ferry sails again from Monday.\n\nTickets cost the same.',
        publishedAt: '2026-06-14T09:30:00.000Z',
        authorIds: [editor.id, second.id, third.id],
      }));
      for (const n of [1, 2, 3])
        await makeArticle(t.deps.db.kysely, {
          headline: `Tram timetable change ${n}`,
          body: 'The tram timetable changes in July.',
          publishedAt: `2026-06-1${n}T08:00:00.000Z`,
        });
    });
    afterAll(async () => {
      await t.close();
    });

    it('keeps English as it was', async () => {
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(bylineLinks(page)).toBe('By [Erin Editor], [Avery Author] and [Sam Stringer]');
      expect(page).toContain('June 14, 2026');
    });

    it('shows an article, the home page and an archive month in French', async () => {
      await setSiteLocale(t, publisher, 'fr');
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(bylineLinks(page)).toBe('Par [Erin Editor], [Avery Author] et [Sam Stringer]');
      expect(page).toContain('14 juin 2026');
      expect(page).toContain('0 commentaire');
      expect(page).not.toContain('June 14, 2026');

      const home = (await t.app.inject('/')).body;
      expect(home).toContain('Dernières nouvelles');
      expect(home).toContain('Suivez tout ce que nous publions dans un lecteur de flux');
      expect(home).toContain('Par <a');

      const month = (await t.app.inject('/archive/2026/06')).body;
      expect(month).toContain('<h1>juin 2026</h1>');
      expect(month).toContain('<title>Archives : juin 2026');
      expect(month).toContain('Tous les mois');
    });

    it('counts search results in French: none, one, many', async () => {
      const none = (await t.app.inject('/search?q=zeppelin')).body;
      expect(none).toContain('Aucun article ne correspond à « zeppelin »');
      const one = (await t.app.inject('/search?q=ferry')).body;
      expect(one).toContain('Un article correspond.');
      expect(one).toContain('Résultats de la recherche « ferry »');
      const many = (await t.app.inject('/search?q=tram')).body;
      expect(many).toContain('3 articles correspondent.');
    });

    it('declares the site’s language in its feeds and translates their titles', async () => {
      expect((await t.app.inject('/feed.xml')).body).toContain('<language>fr</language>');
      const corrections = (await t.app.inject('/corrections/feed.json')).json();
      expect(corrections.language).toBe('fr');
      expect(corrections.title).toMatch(/^Rectificatifs · /);
      // Dates in feeds stay RFC 3339 in every language.
      const feed = (await t.app.inject('/feed.json')).json();
      expect(feed.items[0].date_published).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('shows the editor’s form errors in French', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const res = await s.post('/admin/articles', {
        headline: '',
        slug: '',
        excerpt: '',
        dateline: '',
        body: 'Text.',
        section: '',
        tags: '',
        bylines: [String(editor.id)],
        lead_image: '',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Certains champs sont à revoir ; rien n’a été enregistré.');
      expect(res.body).toContain('Donnez un titre à l’article.');
      expect(res.body).not.toContain('Give the article a headline.');
    });

    it('says what happened after saving, and refuses a bad upload, in French', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const saved = await s.post('/admin/articles', {
        headline: 'Le marché du samedi revient',
        slug: '',
        excerpt: '',
        dateline: '',
        body: 'Les étals rouvrent place du Port.',
        section: '',
        tags: '',
        bylines: [String(editor.id)],
        lead_image: '',
      });
      expect(saved.statusCode).toBe(303);
      const edit = (await s.get(saved.headers.location as string)).body;
      expect(edit).toContain('Brouillon enregistré.');
      expect(edit).not.toContain('Draft saved.');
      const list = (await s.get('/admin/articles')).body;
      expect(list).toMatch(/<title>Articles[^<]*<\/title>/);

      const images = await signedIn(t.app, editor, '/admin/images');
      const refused = await upload(
        t.app,
        images,
        { alt: 'Pas une image' },
        { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('Du texte, pas un JPEG.\n'.repeat(50)) },
      );
      expect(refused.statusCode).toBe(415);
      expect(refused.body).toContain('Ce fichier n’est pas une image lisible.');
      expect(refused.body).not.toContain('not an image we can read');
    });

    it('shows an article, the home page, an archive month, search and feeds in Arabic', async () => {
      await setSiteLocale(t, publisher, 'ar');
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(bylineLinks(page)).toBe('بقلم [Erin Editor] و[Avery Author] و[Sam Stringer]');
      expect(page).toContain('14 يونيو 2026');
      expect(page).toContain('لا تعليقات');

      const home = (await t.app.inject('/')).body;
      expect(home).toContain('آخر الأخبار');
      expect(home).toContain('تابع كل ما ننشره في قارئ الخلاصات');

      const month = (await t.app.inject('/archive/2026/06')).body;
      expect(month).toContain('<h1>يونيو 2026</h1>');

      expect((await t.app.inject('/search?q=zeppelin')).body).toContain('لا توجد مقالات تطابق «zeppelin»');
      expect((await t.app.inject('/search?q=ferry')).body).toContain('يطابق مقال واحد.');
      expect((await t.app.inject('/search?q=tram')).body).toContain('تطابق 3 مقالات.');

      expect((await t.app.inject('/feed.json')).json().language).toBe('ar');
      expect((await t.app.inject('/atom.xml')).body).toContain('xml:lang="ar"');

      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const res = await s.post('/admin/articles', {
        headline: '',
        slug: '',
        excerpt: '',
        dateline: '',
        body: 'Text.',
        section: '',
        tags: '',
        bylines: [String(editor.id)],
        lead_image: '',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('ضع عنوانًا للمقال.');
      await setSiteLocale(t, publisher, 'en');
    });
  });
}
