import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { formSession } from '../helpers/forms.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import {
  listedIds,
  makeThreads,
  postAsGuest,
  setDiscussionSettings,
  setModerationSettings,
  walkDiscussionPages,
} from '../helpers/discussion.js';

for (const dialect of DIALECTS) {
  describe(`threads, order and pages on ${dialect}`, () => {
    let t: TestApp;
    const clock = fixedClock('2026-06-14T12:00:00Z');

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });

    it('answers ids beyond 32 bits with 400 or 404, never 500 (PostgreSQL ids are integers)', async () => {
      const { slug } = await makeArticle(t.deps.db.kysely);
      const huge = '99999999999';
      const big = '4294967296';
      const cursor = Buffer.from(`2026-06-01T00:00:00Z|0|${big}`).toString('base64url');
      for (const url of [
        `/comments/${huge}`,
        `/comments/${big}`,
        `/api/comments/${big}`,
        `/comments/${big}/fragment`,
        `/comments/${big}/report`,
        `/articles/${slug}?thread=${big}`,
        `/articles/${slug}?reply=${big}`,
        `/articles/${slug}?after=${cursor}`,
        `/api/articles/${slug}/comments?after=${cursor}`,
      ]) {
        const res = await t.app.inject(url);
        expect([400, 404], url).toContain(res.statusCode);
      }
      const s = await formSession(t.app, `/articles/${slug}`);
      expect([400, 404]).toContain((await postAsGuest(s, slug, { parentId: big })).statusCode);
      await s.get(`/articles/${slug}`);
      expect([400, 404]).toContain(
        (await s.post('/comments/vote', { vote: `${big}:up`, back: `/articles/${slug}` })).statusCode,
      );
    });

    it('threads replies under their parents and attaches replies past the depth limit at the deepest level, naming whom they answer', async () => {
      const { slug, id: articleId } = await makeArticle(t.deps.db.kysely);
      const s = await formSession(t.app, `/articles/${slug}`);
      const ids: number[] = [];
      for (let depth = 0; depth <= 7; depth++) {
        clock.advance(1000);
        const res = await postAsGuest(s, slug, {
          body: `Level ${depth}`,
          name: `Writer ${depth}`,
          parentId: ids.length ? String(ids.at(-1)) : '',
        });
        expect(res.statusCode).toBe(303);
        ids.push(Number(/comment-(\d+)$/.exec(res.headers.location as string)![1]));
      }
      const rows = await t.deps.db.kysely
        .selectFrom('comments')
        .select(['id', 'parent_id', 'thread_id', 'depth', 'reply_to_name'])
        .where('article_id', '=', articleId)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.depth)).toEqual([0, 1, 2, 3, 4, 5, 5, 5]);
      expect(rows.map((r) => r.reply_to_name)).toEqual([null, null, null, null, null, null, 'Writer 5', 'Writer 6']);
      expect(rows.every((r) => r.thread_id === ids[0])).toBe(true);
      expect(rows[6]!.parent_id).toBe(ids[5]);
      // On the page, level 6 and 7 sit beside level 5 (in the replies of level 4), not nested deeper.
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      const level4 = page.slice(page.indexOf(`id="comment-${ids[4]}"`));
      const repliesOf4 = level4.slice(level4.indexOf('<ol class="replies">'));
      expect(listedIds(repliesOf4).slice(0, 3)).toEqual([ids[5], ids[6], ids[7]]);
      expect(page).toMatch(
        new RegExp(`id="comment-${ids[6]}"[^>]*data-depth="5"[\\s\\S]*?<p class="reply-to">Replying to Writer 5</p>`),
      );
      expect(page).not.toContain('depth-6');
    });

    it('honours a shallower depth set by the publisher', async () => {
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100, maxDepth: 2 });
      const { slug } = await makeArticle(t.deps.db.kysely);
      const s = await formSession(t.app, `/articles/${slug}`);
      let parent = '';
      const depths: number[] = [];
      for (let i = 0; i < 4; i++) {
        clock.advance(1000);
        const res = await s.json('POST', `/api/articles/${slug}/comments`, {
          body: `d${i}`,
          name: `N${i}`,
          email: 'n@example.test',
          parentId: parent ? Number(parent) : null,
        });
        expect(res.statusCode).toBe(201);
        depths.push(res.json().comment.depth);
        parent = String(res.json().id);
      }
      expect(depths).toEqual([0, 1, 2, 2]);
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
    });

    it('refuses a reply to a comment that is not shown or belongs to another article', async () => {
      const a = await makeArticle(t.deps.db.kysely);
      const b = await makeArticle(t.deps.db.kysely);
      const [other] = await makeThreads(t.deps.db.kysely, b.id, 1);
      const s = await formSession(t.app, `/articles/${a.slug}`);
      const res = await postAsGuest(s, a.slug, { parentId: String(other) });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('The comment you are replying to is no longer available.');
    });

    it('renders the form set to reply to a comment with ?reply= (no JavaScript needed)', async () => {
      const { slug, id } = await makeArticle(t.deps.db.kysely);
      const [root] = await makeThreads(t.deps.db.kysely, id, 1);
      const page = await t.app.inject(`/articles/${slug}?reply=${root}`);
      expect(page.body).toContain('<h3 id="comment-form-heading" data-form-heading="true">Reply to Reader 0</h3>');
      expect(page.body).toContain(`name="parentId" value="${root}"`);
      expect(page.body).toContain('<q>Thread number 0</q>');
      expect(page.body).toContain(`href="/articles/${slug}#comment-form" data-cancel-reply`);
      expect(page.body).toContain(`href="?reply=${root}#comment-form"`);
    });

    describe('on an article with 45 threads', () => {
      let slug = '';
      let articleId = 0;
      let ids: number[] = [];
      beforeAll(async () => {
        ({ slug, id: articleId } = await makeArticle(t.deps.db.kysely));
        ids = await makeThreads(t.deps.db.kysely, articleId, 45);
        // Votes decide "Most Voted": thread i gets score (i * 7) % 11.
        for (const [i, id] of ids.entries())
          await t.deps.db.kysely
            .updateTable('comments')
            .set({ score: (i * 7) % 11 })
            .where('id', '=', id)
            .execute();
        await t.deps.db.kysely
          .updateTable('articles')
          .set((eb) => ({ comments_version: eb('comments_version', '+', 1) }))
          .where('id', '=', articleId)
          .execute();
      });

      it('counts approved comments and shows the first 20 threads, newest first', async () => {
        const page = (await t.app.inject(`/articles/${slug}`)).body;
        expect(page).toContain('<span data-comment-count="true">45</span> comments');
        expect(listedIds(page)).toEqual([...ids].reverse().slice(0, 20));
        expect(page).toContain('Load more comments');
        expect(page).toContain('View all comments');
      });

      it('sorts by oldest and by most voted', async () => {
        expect(listedIds((await t.app.inject(`/articles/${slug}?sort=oldest`)).body)).toEqual(ids.slice(0, 20));
        const byVotes = ids
          .map((id, i) => ({ id, score: (i * 7) % 11 }))
          .sort((x, y) => y.score - x.score || y.id - x.id)
          .map((x) => x.id);
        expect(listedIds((await t.app.inject(`/articles/${slug}?sort=votes`)).body)).toEqual(byVotes.slice(0, 20));
        const nav = (await t.app.inject(`/articles/${slug}?sort=votes`)).body;
        expect(nav).toMatch(/href="\/articles\/[^"]+\?sort=votes#comments" aria-current="true">Most Voted/);
      });

      it('pages further with a cursor, in every order, without repeating or skipping a thread', async () => {
        for (const sort of ['newest', 'oldest', 'votes'] as const) {
          const { ids: seen, nextUrls } = await walkDiscussionPages(t.app, `/articles/${slug}?sort=${sort}`);
          for (const url of nextUrls) expect(url).toMatch(/after=[A-Za-z0-9_-]+/);
          expect(seen.length).toBe(45);
          expect(new Set(seen).size).toBe(45);
        }
      });

      it('loads more in place as JSON for the page script, and sends readers without it to the page', async () => {
        const first = (await t.app.inject(`/articles/${slug}`)).body;
        const cursor = /data-cursor="([^"]+)"/.exec(first)![1]!;
        const more = await t.app.inject({
          url: `/articles/${slug}/comments?sort=newest&after=${cursor}`,
          headers: { accept: 'application/json' },
        });
        expect(more.statusCode).toBe(200);
        const json = more.json();
        expect(listedIds(json.html)).toEqual([...ids].reverse().slice(20, 40));
        expect(json.next).toMatch(/^[A-Za-z0-9_-]+$/);
        const plain = await t.app.inject(`/articles/${slug}/comments?sort=newest&after=${cursor}`);
        expect(plain.statusCode).toBe(303);
        expect(plain.headers.location).toBe(`/articles/${slug}?sort=newest&after=${cursor}#comments`);
      });

      it('answers a forged cursor with 400, never 500', async () => {
        expect(
          (await t.app.inject(`/articles/${slug}?after=${Buffer.from('nonsense|x|y').toString('base64url')}`))
            .statusCode,
        ).toBe(400);
        expect((await t.app.inject(`/articles/${slug}?after=%27%3B--`)).statusCode).toBe(400);
      });

      it('shows every thread on "View all comments"', async () => {
        const all = (await t.app.inject(`/articles/${slug}?comments=all`)).body;
        expect(listedIds(all).length).toBe(45);
        expect(all).not.toContain('Load more comments');
      });

      it('links to a comment beyond the first page through its thread', async () => {
        const old = ids[2]!;
        const res = await t.app.inject(`/comments/${old}`);
        expect(res.statusCode).toBe(302);
        expect(res.headers.location).toBe(`/articles/${slug}?thread=${old}#comment-${old}`);
        const page = (await t.app.inject(`/articles/${slug}?thread=${old}`)).body;
        expect(listedIds(page)).toEqual([old]);
        expect(page).toContain('You are viewing one conversation.');
        const recent = ids.at(-1)!;
        expect((await t.app.inject(`/comments/${recent}`)).headers.location).toBe(
          `/articles/${slug}#comment-${recent}`,
        );
      });

      it('links to a reply through its thread and lands on its anchor', async () => {
        const s = await formSession(t.app, `/articles/${slug}`);
        clock.advance(1000);
        const res = await postAsGuest(s, slug, { body: 'Late reply to an old thread', parentId: String(ids[1]) });
        expect(res.statusCode).toBe(303);
        const replyId = Number(/comment-(\d+)$/.exec(res.headers.location as string)![1]);
        expect(res.headers.location).toBe(`/articles/${slug}?thread=${ids[1]}#comment-${replyId}`);
        const page = (await t.app.inject(`/articles/${slug}?thread=${ids[1]}`)).body;
        expect(listedIds(page)).toEqual([ids[1], replyId]);
      });

      it('answers a link to a missing or held comment with 404', async () => {
        expect((await t.app.inject('/comments/999999')).statusCode).toBe(404);
        await t.deps.db.kysely.updateTable('comments').set({ status: 'pending' }).where('id', '=', ids[0]!).execute();
        expect((await t.app.inject(`/comments/${ids[0]}`)).statusCode).toBe(404);
      });
    });
  });
}
