import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeImage } from '../../src/features/images/image.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import {
  countRows,
  fieldError,
  makeSection,
  makeStaff,
  photoJpeg,
  signedIn,
  type Staff,
} from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { errorCodeOf } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`the article editor on ${dialect}`, () => {
    let t: TestApp;
    let editor: Staff;
    let author: Staff;
    let sectionId: number;
    let imageId: number;
    const clock = fixedClock('2026-06-14T09:00:00Z');

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeStaff(t, 'editor', 'Erin Editor');
      author = await makeStaff(t, 'author', 'Avery Author');
      sectionId = await makeSection(t);
      imageId = await storeImage(t.deps, {
        buffer: await photoJpeg(800, 600),
        alt: 'A tram crossing the river bridge at dusk',
        decorative: false,
        caption: 'The 7 tram.',
        credit: 'Photo: Test Desk',
      });
    });
    afterAll(async () => {
      await t.close();
    });

    const form = (over: Record<string, string | string[]> = {}) => ({
      headline: 'Tram line extended to the harbour',
      slug: '',
      excerpt: 'Four new stops by spring.',
      dateline: 'RIVERTON',
      body: 'The tram line will reach the harbour.\n\nWork starts in March.',
      section: String(sectionId),
      tags: 'Transport, Harbour',
      bylines: [String(editor.id)],
      lead_image: '',
      ...over,
    });

    async function saveNew(s: Awaited<ReturnType<typeof signedIn>>, over: Record<string, string | string[]> = {}) {
      await s.get('/admin/articles/new');
      const res = await s.post('/admin/articles', form(over));
      expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
      return Number(/\/admin\/articles\/(\d+)\/edit/.exec(res.headers.location as string)![1]);
    }
    const revisionOf = async (id: number) =>
      (await t.deps.db.kysely.selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow())
        .revision;

    it('lets an author write a draft that readers cannot see yet', async () => {
      const s = await signedIn(t.app, author);
      const id = await saveNew(s, { bylines: [String(author.id)], headline: 'Draft by an author' });
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'draft', slug: 'draft-by-an-author', published_at: null });
      expect((await t.app.inject(`/articles/${row.slug}`)).statusCode).toBe(404);
      const edit = await s.get(`/admin/articles/${id}/edit?done=created`);
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain('Draft saved.');
      expect(edit.body).not.toContain('Publish now');
    });

    it('keeps body_html rendered from the Markdown and article_images in step with the body', async () => {
      const s = await signedIn(t.app, editor);
      const id = await saveNew(s, {
        headline: 'Bridge photo story',
        body: `Intro **bold**.\n\n![Tram](image:${imageId})\n\nAfter.`,
      });
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .select(['body_html', 'revision'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.body_html).toContain('<strong>bold</strong>');
      expect(row.body_html).toContain(`<figure data-image-id="${imageId}"></figure>`);
      const placed = await t.deps.db.kysely
        .selectFrom('article_images')
        .select('image_id')
        .where('article_id', '=', id)
        .execute();
      expect(placed.map((p) => p.image_id)).toEqual([imageId]);

      await s.get(`/admin/articles/${id}/edit`);
      const res = await s.post(
        `/admin/articles/${id}`,
        form({ headline: 'Bridge photo story', body: 'No picture now.', revision: String(row.revision) }),
      );
      expect(res.statusCode).toBe(303);
      expect(
        await t.deps.db.kysely.selectFrom('article_images').select('image_id').where('article_id', '=', id).execute(),
      ).toEqual([]);
    });

    it('saves a long body in Chinese or Cyrillic, whose URL-encoded form is far above a megabyte', async () => {
      const s = await signedIn(t.app, editor);
      const paragraph = '市议会经过长时间讨论后批准了明年的预算。Городской совет утвердил бюджет. ';
      const body = Array.from({ length: (195_000 / paragraph.length) | 0 }, () => paragraph)
        .join('\n\n')
        .slice(0, 195_000);
      const id = await saveNew(s, { headline: 'Бюджет', slug: 'budget-ru', body });
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .select('body_md')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.body_md.length).toBe(body.length);
    });

    it('keeps the bylines an article carries when their accounts are disabled or demoted since, and lists them on the form', async () => {
      const gone = await makeStaff(t, 'author', 'Gil Gone');
      const moved = await makeStaff(t, 'author', 'Mo Moved');
      const s = await signedIn(t.app, editor);
      const id = await saveNew(s, { headline: 'Two reporters', bylines: [String(gone.id), String(moved.id)] });
      await t.deps.db.kysely
        .updateTable('users')
        .set({ disabled_at: '2026-06-14T09:00:00.000Z' })
        .where('id', '=', gone.id)
        .execute();
      await t.deps.db.kysely.updateTable('users').set({ role: 'moderator' }).where('id', '=', moved.id).execute();

      const edit = await s.get(`/admin/articles/${id}/edit`);
      for (const who of [gone, moved])
        expect(edit.body).toMatch(new RegExp(`<input type="checkbox" id="byline-${who.id}"[^>]*checked`));
      expect(edit.body).toContain('no longer on the staff');
      const res = await s.post(
        `/admin/articles/${id}`,
        form({
          headline: 'Two reporters, updated',
          bylines: [String(gone.id), String(moved.id)],
          revision: String(await revisionOf(id)),
        }),
      );
      expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
      const bylines = await t.deps.db.kysely
        .selectFrom('article_authors')
        .select('user_id')
        .where('article_id', '=', id)
        .orderBy('position')
        .execute();
      expect(bylines.map((b) => b.user_id)).toEqual([gone.id, moved.id]);

      // A disabled account is no new byline for another article.
      const other = await s.post('/admin/articles', form({ headline: 'Someone else', bylines: [String(gone.id)] }));
      expect(other.statusCode).toBe(400);
      expect(fieldError(other.body, 'bylines')).toContain('active staff account');
      expect((await s.get('/admin/articles/new')).body).not.toContain(`id="byline-${gone.id}"`);
    });

    it('answers a body too large to send with the article’s own message and the saved version, never an empty form', async () => {
      const s = await signedIn(t.app, editor);
      const id = await saveNew(s, { headline: 'Saved before the paste' });
      const pasted = 'Ж'.repeat(800_000); // ~4.8 MB URL-encoded: more than the editor reads
      const res = await s.post(
        `/admin/articles/${id}`,
        form({ headline: 'Changed in the browser', body: pasted, revision: String(await revisionOf(id)) }),
      );
      expect(res.statusCode).toBe(413);
      expect(res.body).toContain('The article was too large to send, so nothing was saved');
      expect(res.body).toContain('Your text is still in your browser: go Back');
      expect(fieldError(res.body, 'body')).toContain('up to 200,000 characters');
      // Not mistaken for a failed image upload (the page's script messages may mention uploads; the error does not).
      expect(/<div [^>]*id="form-errors"[^>]*>([\s\S]*?)<\/div>/.exec(res.body)?.[1]).not.toMatch(/upload/i);
      expect(res.body).toContain('value="Saved before the paste"');
      expect(
        (
          await t.deps.db.kysely
            .selectFrom('articles')
            .select('headline')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).headline,
      ).toBe('Saved before the paste');
      await s.get('/admin/articles/new');
      const fresh = await s.post('/admin/articles', form({ body: pasted }));
      expect(fresh.statusCode).toBe(413);
      expect(fresh.body).toContain('The article was too large to send');
    });

    it('refuses an empty headline with a message on the form, keeps the typing and saves nothing', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const before = await countRows(t, 'articles');
      const res = await s.post('/admin/articles', form({ headline: '   ', body: 'Words I do not want to lose.' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('role="alert"');
      expect(fieldError(res.body, 'headline')).toBe('Give the article a headline.');
      expect(res.body).toContain('aria-invalid="true"');
      expect(res.body).toContain('Words I do not want to lose.');
      expect(await countRows(t, 'articles')).toBe(before);
    });

    it('refuses a slug another article uses, and one that still redirects to another article', async () => {
      await makeArticle(t.deps.db.kysely, { slug: 'taken-address', headline: 'The first one' });
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const before = await countRows(t, 'articles');
      const res = await s.post('/admin/articles', form({ slug: 'taken-address' }));
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'slug')).toContain('“The first one” already uses this address');
      expect(await countRows(t, 'articles')).toBe(before);

      const a = await makeArticle(t.deps.db.kysely, { slug: 'was-here' });
      await t.deps.db.kysely.insertInto('article_slugs').values({ slug: 'old-was-here', article_id: a.id }).execute();
      const again = await s.post('/admin/articles', form({ slug: 'old-was-here' }));
      expect(fieldError(again.body, 'slug')).toContain('used to belong to');
      expect(await countRows(t, 'articles')).toBe(before + 1);
    });

    it('refuses a forged CSRF token with a message on the form and changes nothing', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const before = await countRows(t, 'articles');
      const res = await s.post('/admin/articles', form({ headline: 'Forged post', _csrf: 'forged-token' }));
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Your form has expired or did not come from this site');
      expect(res.body).toContain('value="Forged post"');
      expect(await countRows(t, 'articles')).toBe(before);
    });

    it('publishes, then changes the address: the old one redirects with 301 and can be taken back', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const res = await s.post('/admin/articles', {
        ...form({ headline: 'Harbour ferry returns', slug: 'ferry-returns' }),
        intent: 'publish',
      });
      expect(res.headers.location).toMatch(/done=published/);
      const id = Number(/(\d+)\/edit/.exec(res.headers.location as string)![1]);
      expect((await t.app.inject('/articles/ferry-returns')).statusCode).toBe(200);

      await s.get(`/admin/articles/${id}/edit`);
      await s.post(
        `/admin/articles/${id}`,
        form({
          headline: 'Harbour ferry returns',
          slug: 'harbour-ferry-returns',
          revision: String(await revisionOf(id)),
        }),
      );
      const moved = await t.app.inject('/articles/ferry-returns');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe('/articles/harbour-ferry-returns');
      expect((await t.app.inject('/articles/harbour-ferry-returns')).statusCode).toBe(200);

      await s.post(
        `/admin/articles/${id}`,
        form({ headline: 'Harbour ferry returns', slug: 'ferry-returns', revision: String(await revisionOf(id)) }),
      );
      expect((await t.app.inject('/articles/ferry-returns')).statusCode).toBe(200);
      expect((await t.app.inject('/articles/harbour-ferry-returns')).headers.location).toBe('/articles/ferry-returns');
    });

    it('refuses to save over changes someone else saved after the form was opened', async () => {
      const first = await signedIn(t.app, editor);
      const id = await saveNew(first, { headline: 'Two editors, one article' });
      const second = await signedIn(t.app, editor);
      const opened = String(await revisionOf(id));
      await first.get(`/admin/articles/${id}/edit`);
      expect(
        (await first.post(`/admin/articles/${id}`, form({ headline: 'First editor wins', revision: opened })))
          .statusCode,
      ).toBe(303);
      await second.get(`/admin/articles/${id}/edit`);
      const late = await second.post(
        `/admin/articles/${id}`,
        form({ headline: 'Second editor is late', revision: opened }),
      );
      expect(late.statusCode).toBe(409);
      expect(errorCodeOf(late.body)).toBe('ARTICLE_EDIT_CONFLICT');
      expect(late.body).toContain('value="Second editor is late"');
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .select('headline')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.headline).toBe('First editor wins');
    });

    it('previews unsaved changes as the article page, without saving them', async () => {
      const s = await signedIn(t.app, editor);
      const id = await saveNew(s, { headline: 'Saved headline' });
      await s.get(`/admin/articles/${id}/edit`);
      const res = await s.post(
        '/admin/articles/preview',
        form({ id: String(id), headline: 'Unsaved headline', body: `Para one.\n\n![x](image:${imageId})` }),
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1 class="headline">Unsaved headline</h1>');
      expect(res.body).toContain('nothing has been saved');
      expect(res.body).toContain('noindex');
      expect(res.body).toContain('Click to see the full-size image');
      expect(res.body).toContain('By <a href="/author/');
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .select('headline')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.headline).toBe('Saved headline');
      const saved = await s.get(`/admin/articles/${id}/preview`);
      expect(saved.body).toContain('<h1 class="headline">Saved headline</h1>');
    });

    it('schedules for a future time and refuses a past one', async () => {
      const s = await signedIn(t.app, editor);
      const id = await saveNew(s, { headline: 'Scheduled budget story' });
      await s.get(`/admin/articles/${id}/edit`);
      const past = await s.post(`/admin/articles/${id}`, {
        ...form({
          headline: 'Scheduled budget story',
          revision: String(await revisionOf(id)),
          publish_at: '2026-06-14T08:00',
        }),
        intent: 'schedule',
      });
      expect(past.statusCode).toBe(400);
      expect(fieldError(past.body, 'publish_at')).toContain('future');
      const ok = await s.post(`/admin/articles/${id}`, {
        ...form({
          headline: 'Scheduled budget story',
          revision: String(await revisionOf(id)),
          publish_at: '2026-06-14T18:30',
        }),
        intent: 'schedule',
      });
      expect(ok.statusCode).toBe(303);
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .select(['status', 'publish_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'scheduled', publish_at: '2026-06-14T18:30:00.000Z' });
      const list = await s.get('/admin/articles?status=scheduled');
      expect(list.body).toContain('Scheduled budget story');
      expect(list.body).not.toContain('Tram line extended');
    });

    it('adds dated corrections that the article shows with “Updated”, and they survive later edits', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const res = await s.post('/admin/articles', {
        ...form({ headline: 'Council vote tally', slug: 'council-vote' }),
        intent: 'publish',
      });
      const id = Number(/(\d+)\/edit/.exec(res.headers.location as string)![1]);
      await s.get(`/admin/articles/${id}/edit`);
      const short = await s.post(`/admin/articles/${id}/corrections`, { correction: 'typo' });
      expect(short.statusCode).toBe(400);
      expect(await countRows(t, 'corrections')).toBe(0);
      clock.advance(3600_000);
      const added = await s.post(`/admin/articles/${id}/corrections`, {
        correction: 'The vote was 7 to 4, not 8 to 3.',
      });
      expect(added.statusCode).toBe(303);
      await s.get(`/admin/articles/${id}/edit`);
      await s.post(
        `/admin/articles/${id}`,
        form({ headline: 'Council vote tally', slug: 'council-vote', revision: String(await revisionOf(id)) }),
      );
      const page = await t.app.inject('/articles/council-vote');
      expect(page.body).toContain('class="updated">Updated');
      expect(page.body).toContain('The vote was 7 to 4, not 8 to 3.');
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', String(id))
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['article.create', 'article.publish', 'article.correct', 'article.update']),
      );
    });

    it('unpublishes (the address answers 404) and deletes after asking', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const res = await s.post('/admin/articles', {
        ...form({ headline: 'Short-lived story', slug: 'short-lived' }),
        intent: 'publish',
      });
      const id = Number(/(\d+)\/edit/.exec(res.headers.location as string)![1]);
      await s.get(`/admin/articles/${id}/edit`);
      expect((await s.post(`/admin/articles/${id}/unpublish`, {})).statusCode).toBe(303);
      expect((await t.app.inject('/articles/short-lived')).statusCode).toBe(404);
      const confirm = await s.get(`/admin/articles/${id}/delete`);
      expect(confirm.body).toContain('Delete “Short-lived story”?');
      expect((await s.post(`/admin/articles/${id}/delete`, {})).headers.location).toBe('/admin/articles?done=deleted');
      expect(
        await t.deps.db.kysely.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst(),
      ).toBeUndefined();
    });

    it('publishes pasted HTML without scripts, event handlers or javascript: URLs', async () => {
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const body =
        'Safe **text**.\n\n<script>alert("x")</script>\n\n<p onclick="alert(1)">Click</p>\n\n<img src="x" onerror="alert(2)">\n\n[bad](javascript:alert(3)) <a href="JAVASCRIPT:alert(4)">bad</a> <a href="https://example.org/">good</a>';
      const res = await s.post('/admin/articles', {
        ...form({ headline: 'Pasted from the wire', slug: 'pasted', body }),
        intent: 'publish',
      });
      expect(res.statusCode).toBe(303);
      const page = (await t.app.inject('/articles/pasted')).body;
      const article = page.slice(page.indexOf('<div class="article-body">'), page.indexOf('</article>'));
      expect(article).toContain('<strong>text</strong>');
      expect(article).toContain('<a href="https://example.org/" rel="noopener">good</a>');
      expect(article).not.toMatch(/<script|onclick|onerror|href="javascript/i);
      const row = await t.deps.db.kysely
        .selectFrom('articles')
        .select(['body_md', 'body_html'])
        .where('slug', '=', 'pasted')
        .executeTakeFirstOrThrow();
      expect(row.body_md).toBe(body);
      expect(row.body_html).not.toMatch(/<script|onclick|onerror|javascript:alert\(4\)/i);
    });

    it('places the “Support” calls to action where the publisher configures them', async () => {
      const publisher = await makeStaff(t, 'publisher');
      const s = await signedIn(t.app, publisher, '/admin/settings');
      const bad = await s.post('/admin/settings/cta', { cta_below: '1', cta_after: 'two' });
      expect(bad.statusCode).toBe(400);
      expect(fieldError(bad.body, 'cta_after')).toBeDefined();
      expect((await s.post('/admin/settings/cta', { cta_below: '1', cta_after: '2' })).statusCode).toBe(303);
      await makeArticle(t.deps.db.kysely, { slug: 'cta-story', body: 'One.\n\nTwo.\n\nThree.' });
      const page = (await t.app.inject('/articles/cta-story')).body;
      expect(page).not.toContain('support-cta-above');
      expect(page).toContain('support-cta-below');
      // After paragraph 2 and the inline-feedback tools that belong to it.
      expect(page).toMatch(
        /<p id="p2">Two.<\/p><div class="passage-tools"[^>]*data-passage-tools="p2">(?:(?!<\/div>)[\s\S])*<\/div>\s*<\/div><aside class="support-cta support-cta-inline"[\s\S]*?href="\/donate"[\s\S]*?<p id="p3">Three./,
      );
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'after'])
        .where('action', '=', 'settings.update')
        .execute();
      expect(JSON.parse(audit.at(-1)!.after!)).toEqual({ above: false, below: true, afterParagraph: 2 });
      // Paragraph 2 inside a quote: the call to action follows the whole quote, which stays one element.
      await makeArticle(t.deps.db.kysely, { slug: 'cta-quote', body: 'One.\n\n> Two.\n>\n> Still quoting.\n\nThree.' });
      const quoted = (await t.app.inject('/articles/cta-quote')).body;
      const quote = /<blockquote>([\s\S]*?)<\/blockquote>\s*<\/div><aside class="support-cta support-cta-inline"/.exec(
        quoted,
      );
      expect(quote?.[1]).toMatch(/<p id="p2">Two.<\/p>[\s\S]*<p id="p3">Still quoting.<\/p>/);
      expect(quote?.[1]).not.toContain('support-cta');
    });
  });
}
