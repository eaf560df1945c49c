import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { formSession } from '../helpers/forms.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { postAsGuest, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { up as fillParagraphFingerprints } from '../../src/db/migrations/2026-12-03T1630-paragraph-fingerprints.js';

const P1 = 'The council voted on Tuesday to extend the night bus network to the harbour district.';
const P2 = 'Fares will rise by 5 < 6 & "x" percent, the transport committee said in its report.';
const P3 = 'Work on the new depot starts in March and should take eighteen months to finish.';

for (const dialect of DIALECTS) {
  describe(`inline feedback on ${dialect}`, () => {
    let t: TestApp;
    let editor: Staff;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    const row = (id: number) =>
      t.deps.db.kysely.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeStaff(t, 'editor', 'Erin Editor');
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });
    beforeEach(() => clock.advance(1000));

    async function article(body = [P1, P2, P3].join('\n\n')) {
      return makeArticle(t.deps.db.kysely, { body });
    }

    async function postOn(slug: string, paragraph: string, exact: string, over: Record<string, string> = {}) {
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await postAsGuest(s, slug, { anchor_paragraph: paragraph, anchor_exact: exact, ...over });
      const id = res.statusCode === 303 ? Number(/comment-(\d+)/.exec(res.headers.location as string)?.[1]) : 0;
      return { res, id };
    }

    async function edit(articleId: number, body: string) {
      const s = await signedIn(t.app, editor);
      await s.get(`/admin/articles/${articleId}/edit`);
      const a = await t.deps.db.kysely
        .selectFrom('articles')
        .select(['revision', 'headline', 'slug'])
        .where('id', '=', articleId)
        .executeTakeFirstOrThrow();
      const res = await s.post(`/admin/articles/${articleId}`, {
        headline: a.headline,
        slug: a.slug,
        excerpt: 'An excerpt.',
        dateline: '',
        body,
        section: '',
        tags: '',
        bylines: [String(editor.id)],
        lead_image: '',
        revision: String(a.revision),
      });
      expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
      return s;
    }

    it('stores an anchored comment with its quote and context, and shows the count beside the paragraph', async () => {
      const { slug, id: articleId } = await article();
      const { res, id } = await postOn(slug, 'p1', '  night bus   network ');
      expect(res.statusCode).toBe(303);
      expect(await row(id)).toMatchObject({
        anchor_paragraph_id: 'p1',
        anchor_exact: 'night bus network',
        anchor_prefix: 'The council voted on Tuesday to extend the '.slice(-32),
        anchor_suffix: ' to the harbour district.',
        anchor_status: 'exact',
        anchor_current_paragraph: 'p1',
      });
      await postOn(slug, 'p1', '');
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toMatch(
        /<p id="p1">[^<]*<\/p><div class="passage-tools"[^>]*><a class="passage-count" href="\?passage=p1#passage-p1-comments"[^>]*><span aria-hidden="true">2<\/span><span class="visually-hidden">2 comments on this passage<\/span>/,
      );
      expect(page).not.toContain('href="?passage=p2#passage-p2-comments"');
      expect(page).toContain('href="?passage=p3#comment-form"');
      expect(page).toMatch(
        /<blockquote class="comment-passage"><p><a class="comment-passage-link" href="#p1">On the passage<\/a>: “night bus network”<\/p><\/blockquote>/,
      );
      // The passage's own view: its comments above the discussion, and the form set to it.
      const one = (await t.app.inject(`/articles/${slug}?passage=p1`)).body;
      expect(one).toMatch(
        /<section class="passage-panel" id="passage-p1-comments"[\s\S]*night bus network[\s\S]*<\/section>/,
      );
      expect(one).toMatch(/<option value="p1" selected[^>]*>¶1: The council voted/);
      expect(articleId).toBeGreaterThan(0);
    });

    it('refuses a quote that is not in the chosen paragraph, and stores nothing', async () => {
      const { slug, id: articleId } = await article();
      const before = await t.deps.db.kysely
        .selectFrom('comments')
        .select('id')
        .where('article_id', '=', articleId)
        .execute();
      const { res } = await postOn(slug, 'p3', 'night bus network', { body: 'Keep my words.' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('The quoted text is not in the paragraph you chose');
      expect(res.body).toContain('Keep my words.');
      expect(res.body).toMatch(/<option value="p3" selected/);
      const missing = await postOn(slug, 'p9', '');
      expect(missing.res.statusCode).toBe(400);
      expect(missing.res.body).toContain('That passage is no longer in the article');
      const long = await postOn(slug, 'p1', 'x'.repeat(600));
      expect(long.res.body).toContain('too long to quote');
      const after = await t.deps.db.kysely
        .selectFrom('comments')
        .select('id')
        .where('article_id', '=', articleId)
        .execute();
      expect(after).toHaveLength(before.length);
    });

    it('escapes HTML-special characters of a quote everywhere it is shown', async () => {
      const { slug } = await article();
      const { res, id } = await postOn(slug, 'p2', '5 < 6 & "x" percent');
      expect(res.statusCode).toBe(303);
      // The body is typeset (“x”); a quote typed with straight quotes is matched and stored as the page spells it.
      expect((await row(id)).anchor_exact).toBe('5 < 6 & “x” percent');
      const page = (await t.app.inject(`/articles/${slug}?passage=p2`)).body;
      // A quote holding double quotation marks is set in single ones (never “… “x” …”).
      expect(page).toContain('On the passage</a>: ‘5 &lt; 6 &amp; “x” percent’');
      expect(page).toMatch(/<span class="visually-hidden">On the passage: <\/span>‘5 &lt; 6 &amp; “x” percent’/);
      expect(page).not.toContain('5 < 6 &');
    });

    it('gives replies no anchor', async () => {
      const { slug } = await article();
      const { id: parent } = await postOn(slug, 'p1', 'night bus');
      const { res, id } = await postOn(slug, 'p1', 'night bus', { parentId: String(parent) });
      expect(res.statusCode).toBe(303);
      expect((await row(id)).anchor_paragraph_id).toBeNull();
    });

    it('re-anchors on save: moved above, approximate after a light edit, orphaned when the passage is gone', async () => {
      const { slug, id: articleId } = await article();
      const moved = (await postOn(slug, 'p3', 'new depot starts in March')).id;
      const light = (await postOn(slug, 'p1', 'extend the night bus network to the harbour district')).id;
      const gone = (await postOn(slug, 'p2', 'the transport committee said')).id;

      const s = await edit(
        articleId,
        [
          'A new opening paragraph.',
          P1.replace('night bus network', 'night-bus network'),
          'Another new paragraph.',
          P3,
        ].join('\n\n'),
      );
      expect(await row(moved)).toMatchObject({
        anchor_status: 'moved',
        anchor_current_paragraph: 'p4',
        anchor_paragraph_id: 'p3',
      });
      expect(await row(light)).toMatchObject({ anchor_status: 'approximate', anchor_current_paragraph: 'p2' });
      expect((await row(light)).anchor_current_quote).toContain('night-bus network');
      expect(await row(gone)).toMatchObject({
        anchor_status: 'orphaned',
        anchor_current_paragraph: null,
        anchor_current_quote: 'the transport committee said',
      });

      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toContain('On a passage that has since changed: “the transport committee said”');
      expect(page).toMatch(
        /<p id="p4">Work on the new depot[^<]*<\/p><div class="passage-tools"[^>]*><a class="passage-count"/,
      );
      const editPage = (await s.get(`/admin/articles/${articleId}/edit`)).body;
      expect(editPage).toContain('1 reader comment now points to a passage that has since changed.');
    });

    it('tells the editor before saving how many anchors an edit would orphan', async () => {
      const { slug, id: articleId } = await article();
      await postOn(slug, 'p1', 'night bus network');
      await postOn(slug, 'p3', 'new depot');
      const s = await signedIn(t.app, editor);
      await s.get(`/admin/articles/${articleId}/edit`);
      const json = await s.post(
        `/admin/articles/${articleId}/passages/check`,
        { body: `${P1}\n\nSomething else entirely.` },
        { accept: 'application/json' },
      );
      expect(JSON.parse(json.body)).toEqual({ orphaned: 1, total: 2 });
      const html = await s.post(`/admin/articles/${articleId}/passages/check`, { body: 'All new.' });
      expect(html.body).toContain('This edit would orphan 2 anchors of 2');
      // Nothing changed: the check saves nothing.
      const stored = await t.deps.db.kysely
        .selectFrom('comments')
        .select('anchor_status')
        .where('article_id', '=', articleId)
        .execute();
      expect(stored.every((r) => r.anchor_status === 'exact')).toBe(true);
      const reader = await formSession(t.app, `/articles/${slug}`);
      expect((await reader.post(`/admin/articles/${articleId}/passages/check`, { body: 'x' })).statusCode).toBe(401);
    });

    it('lets an author check passages of their own drafts only, never revealing another author’s draft', async () => {
      const [mine, theirs] = [await makeStaff(t, 'author'), await makeStaff(t, 'author')];
      const own = await makeArticle(t.deps.db.kysely, {
        status: 'draft',
        headline: 'My own draft',
        authorIds: [mine.id],
      });
      const other = await makeArticle(t.deps.db.kysely, {
        status: 'draft',
        headline: 'Their unannounced scoop',
        authorIds: [theirs.id],
      });
      const s = await signedIn(t.app, mine);
      await s.get(`/admin/articles/${own.id}/edit`);
      const ok = await s.post(`/admin/articles/${own.id}/passages/check`, { body: 'New text.' });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('My own draft');
      for (const accept of ['text/html', 'application/json']) {
        const res = await s.post(`/admin/articles/${other.id}/passages/check`, { body: 'x' }, { accept });
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain('unannounced scoop');
      }
    });

    it('lets an editor pose a question on a passage that readers answer in place', async () => {
      const { slug, id: articleId } = await article();
      const s = await signedIn(t.app, editor);
      await s.get(`/admin/articles/${articleId}/passages`);
      const bad = await s.post(`/admin/articles/${articleId}/questions`, {
        paragraph: 'p2',
        quote: 'not there',
        question: 'Why?',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('The quoted text is not in the paragraph you chose');
      const res = await s.post(`/admin/articles/${articleId}/questions`, {
        paragraph: 'p3',
        quote: 'eighteen months',
        question: 'Will <the> depot be late?',
      });
      expect(res.statusCode).toBe(303);
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toMatch(
        /<p class="passage-question"><span class="passage-question-label">The editors ask:<\/span> Will &lt;the&gt; depot be late\? “eighteen months” <a href="\?passage=p3#comment-form"/,
      );
      const answer = await postOn(slug, 'p3', 'eighteen months', { body: 'Probably, yes.' });
      expect(answer.res.statusCode).toBe(303);
      expect(await row(answer.id)).toMatchObject({ anchor_current_paragraph: 'p3', anchor_exact: 'eighteen months' });
      // Questions follow edits like comments.
      await edit(articleId, ['An opener.', P1, P2, P3].join('\n\n'));
      const q = await t.deps.db.kysely
        .selectFrom('inline_questions')
        .selectAll()
        .where('article_id', '=', articleId)
        .executeTakeFirstOrThrow();
      expect(q).toMatchObject({ anchor_status: 'moved', anchor_current_paragraph: 'p4' });
      const reader = await formSession(t.app, `/articles/${slug}`);
      expect(
        (await reader.post(`/admin/articles/${articleId}/questions`, { paragraph: 'p1', question: 'Hm?' })).statusCode,
      ).toBe(401);
      const admin = await s.get(`/admin/articles/${articleId}/passages`);
      expect(admin.body).toContain('Will &lt;the> depot be late?');
      const del = await s.post(`/admin/articles/${articleId}/questions/${q.id}/delete`, {});
      expect(del.statusCode).toBe(303);
      expect((await t.app.inject(`/articles/${slug}`)).body).not.toContain('The editors ask:');
    });

    it('keeps a whole-paragraph comment on its paragraph by text: moved when one is inserted above, orphaned when it is gone', async () => {
      const { slug, id: articleId } = await article();
      // The paragraph's link and its choice in the form (the path without JavaScript) post no quote.
      const { id: onDepot } = await postOn(slug, 'p3', '');
      const { id: onFares } = await postOn(slug, 'p2', '');
      expect(await row(onDepot)).toMatchObject({
        anchor_exact: '',
        anchor_prefix: '',
        anchor_suffix: P3,
        anchor_current_paragraph: 'p3',
      });

      await edit(articleId, ['A new opening paragraph.', P1, P2, P3].join('\n\n'));
      expect(await row(onDepot)).toMatchObject({
        anchor_status: 'moved',
        anchor_current_paragraph: 'p4',
        anchor_current_quote: '',
      });
      expect(await row(onFares)).toMatchObject({ anchor_status: 'moved', anchor_current_paragraph: 'p3' });
      let page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toMatch(
        /<p id="p4">Work on the new depot[^<]*<\/p><div class="passage-tools"[^>]*><a class="passage-count"[^>]*><span aria-hidden="true">1</,
      );
      expect(page).toMatch(
        /<p id="p1">A new opening paragraph\.<\/p><div class="passage-tools"[^>]*><a class="passage-comment"/,
      );

      // A typo fixed in it: approximately the same paragraph. The fares paragraph replaced by another: gone.
      await edit(
        articleId,
        [
          'A new opening paragraph.',
          P1,
          'Something else entirely now stands here.',
          P3.replace('eighteen', 'eightteen'),
        ].join('\n\n'),
      );
      expect(await row(onDepot)).toMatchObject({ anchor_status: 'approximate', anchor_current_paragraph: 'p4' });
      expect(await row(onFares)).toMatchObject({ anchor_status: 'orphaned', anchor_current_paragraph: null });
      page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toContain('On a passage that has since changed: the whole paragraph');
      expect(page).not.toMatch(
        /<p id="p3">Something else[^<]*<\/p><div class="passage-tools"[^>]*><a class="passage-count"/,
      );
    });

    it('gives whole-paragraph anchors stored before fingerprints one from the body (migration paragraph-fingerprints)', async () => {
      const { id: articleId, slug } = await article();
      const { id } = await postOn(slug, 'p3', '');
      const { id: question } = await (async () => {
        const s = await signedIn(t.app, editor);
        await s.get(`/admin/articles/${articleId}/passages`);
        await s.post(`/admin/articles/${articleId}/questions`, {
          paragraph: 'p3',
          quote: '',
          question: 'When will it open?',
        });
        return t.deps.db.kysely
          .selectFrom('inline_questions')
          .select('id')
          .where('article_id', '=', articleId)
          .executeTakeFirstOrThrow();
      })();
      // As such anchors were stored: no text of the paragraph, only its position.
      await t.deps.db.kysely.updateTable('comments').set({ anchor_suffix: '' }).where('id', '=', id).execute();
      await t.deps.db.kysely
        .updateTable('inline_questions')
        .set({ anchor_suffix: '' })
        .where('id', '=', question)
        .execute();
      await fillParagraphFingerprints(t.deps.db.kysely as unknown as Kysely<unknown>);
      expect((await row(id)).anchor_suffix).toBe(P3);
      await edit(articleId, ['An opener.', P1, P2, P3].join('\n\n'));
      expect(await row(id)).toMatchObject({ anchor_status: 'moved', anchor_current_paragraph: 'p4' });
      expect(
        await t.deps.db.kysely
          .selectFrom('inline_questions')
          .selectAll()
          .where('id', '=', question)
          .executeTakeFirstOrThrow(),
      ).toMatchObject({ anchor_suffix: P3, anchor_current_paragraph: 'p4' });
    });

    it('re-anchors comments in the trash, so one restored after an edit points where its passage is now', async () => {
      const { slug, id: articleId } = await article();
      const { id } = await postOn(slug, 'p3', 'new depot starts in March');
      const mod = await signedIn(t.app, await makeStaff(t, 'moderator'), '/admin/moderation');
      expect((await mod.post('/admin/moderation/act', { one: `trash:${id}` })).statusCode).toBe(303);
      await edit(articleId, ['An opener.', 'Another opener.', P1, P2, P3].join('\n\n'));
      expect(await row(id)).toMatchObject({ status: 'trash', anchor_status: 'moved', anchor_current_paragraph: 'p5' });
      await mod.post('/admin/moderation/act', { one: `restore:${id}` });
      await mod.post('/admin/moderation/act', { one: `approve:${id}` });
      expect(await row(id)).toMatchObject({ status: 'approved', anchor_current_paragraph: 'p5' });
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toMatch(
        /<p id="p5">Work on the new depot[^<]*<\/p><div class="passage-tools"[^>]*><a class="passage-count"/,
      );
      expect(page).toContain('<a class="comment-passage-link" href="#p5">On the passage</a>');
      // The editor's check is about what readers see: the trash does not count.
      await mod.post('/admin/moderation/act', { one: `trash:${id}` });
      const s = await signedIn(t.app, editor);
      await s.get(`/admin/articles/${articleId}/edit`);
      const check = await s.post(
        `/admin/articles/${articleId}/passages/check`,
        { body: 'All new.' },
        { accept: 'application/json' },
      );
      expect(JSON.parse(check.body)).toEqual({ orphaned: 0, total: 0 });
    });

    it('never doubles quotation marks around a passage that begins or ends with them', async () => {
      const { slug, id: articleId } = await article();
      const { res } = await postOn(slug, 'p2', '“x”');
      expect(res.statusCode).toBe(303);
      const s = await signedIn(t.app, editor);
      await s.get(`/admin/articles/${articleId}/passages`);
      await s.post(`/admin/articles/${articleId}/questions`, {
        paragraph: 'p2',
        quote: '"x" percent',
        question: 'How much?',
      });
      const page = (await t.app.inject(`/articles/${slug}?passage=p2`)).body;
      expect(page).toContain('On the passage</a>: ‘“x”’');
      expect(page).toMatch(/<span class="visually-hidden">On the passage: <\/span>‘“x”’<\/blockquote>/);
      expect(page).toContain('The editors ask:</span> How much? ‘“x” percent’');
      expect((await s.get(`/admin/articles/${articleId}/passages`)).body).toContain('‘“x” percent’');
      expect(page).not.toMatch(/““|””|“‘|’”/);
    });

    it('links the passage of a comment in the embedded discussion to the paragraph on the article page, in a new tab', async () => {
      const { slug } = await article();
      await postOn(slug, 'p1', 'night bus network');
      const embed = (await t.app.inject(`/embed/articles/${slug}/comments`)).body;
      const articleUrl = `${t.deps.config.siteUrl}/articles/${slug}`;
      expect(embed).toContain(
        `<a class="comment-passage-link" href="${articleUrl}#p1" target="_blank" rel="noopener">On the passage<span class="visually-hidden"> (opens in a new tab)</span></a>: “night bus network”`,
      );
      expect(embed).not.toContain('href="#p1"');
      // The article page keeps the link to its own paragraph (the list is cached and shared by both).
      expect((await t.app.inject(`/articles/${slug}`)).body).toContain(
        '<a class="comment-passage-link" href="#p1">On the passage</a>',
      );
    });
  });
}
