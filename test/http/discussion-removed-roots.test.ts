/** A thread whose top-level comment is no longer shown while replies to it are: a placeholder keeps the conversation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderateComments } from '../../src/features/comments/moderation/moderation.service.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { formSession } from '../helpers/forms.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import {
  listedIds,
  makeThreads,
  postAsGuest,
  setDiscussionSettings,
  setModerationSettings,
  walkDiscussionPages,
} from '../helpers/discussion.js';

const REMOVED = 'This comment was removed.';

for (const dialect of DIALECTS) {
  describe(`a removed top-level comment with replies on ${dialect}`, () => {
    let t: TestApp;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    const db = () => t.deps.db.kysely;
    let moderatorId = 0;
    const moderate = async (action: 'trash' | 'spam', ids: number[]) =>
      moderateComments(t.deps, { actorId: moderatorId, action, ids, now: clock.now() });

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      await setDiscussionSettings(db(), { postLimit: 100 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(db(), { newCommenterApprovals: 0 });
      moderatorId = (await makeUser(db(), { role: 'moderator' })).id;
    });
    afterAll(async () => {
      await t.close();
    });

    /** A root by "Rooted Author" with a reply and a reply to that, the root then trashed by a moderator. */
    async function removedThread(slug: string) {
      const s = await formSession(t.app, `/articles/${slug}`);
      const idOf = (res: { headers: Record<string, unknown> }) =>
        Number(/comment-(\d+)$/.exec(res.headers.location as string)![1]);
      clock.advance(1000);
      const root = idOf(await postAsGuest(s, slug, { body: 'Original root text', name: 'Rooted Author' }));
      const reply = idOf(await postAsGuest(s, slug, { body: 'First answer', name: 'Replier', parentId: String(root) }));
      const deeper = idOf(
        await postAsGuest(s, slug, { body: 'Answer to the answer', name: 'Deeper', parentId: String(reply) }),
      );
      const { changed } = await moderate('trash', [root]);
      expect(changed).toHaveLength(1);
      return { root, reply, deeper };
    }

    it('keeps the replies in their thread under a placeholder, counted and linked as before', async () => {
      const { slug } = await makeArticle(db());
      const { root, reply, deeper } = await removedThread(slug);
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(listedIds(page)).toEqual([root, reply, deeper]);
      expect(page).toContain(REMOVED);
      expect(page).not.toContain('Original root text');
      expect(page).not.toContain('Rooted Author');
      expect(page).not.toContain(`value="${root}:up"`);
      expect(page).not.toContain(`?reply=${root}#`);
      expect(page).toContain('<span data-comment-count="true">2</span> comments');
      expect((await t.app.inject(`/comments/${reply}`)).headers.location).toBe(`/articles/${slug}#comment-${reply}`);
      expect((await t.app.inject(`/comments/${root}`)).statusCode).toBe(404);
      const fragment = (
        await t.app.inject({ url: `/comments/${reply}/fragment`, headers: { accept: 'application/json' } })
      ).json();
      expect(fragment.parentId).toBe(root);
      // A page open since before the removal replaces the root's text with the placeholder (live.js).
      const placeholder = await t.app.inject({
        url: `/comments/${root}/fragment`,
        headers: { accept: 'application/json' },
      });
      expect(placeholder.statusCode).toBe(200);
      expect(placeholder.json().html).toContain(REMOVED);
      expect(placeholder.body).not.toContain('Rooted Author');
      expect((await t.app.inject(`/api/comments/${root}`)).statusCode).toBe(404);
    });

    it('shows the placeholder in the JSON API without the author or text', async () => {
      const { slug } = await makeArticle(db());
      const { root, reply, deeper } = await removedThread(slug);
      const json = (await t.app.inject(`/api/articles/${slug}/comments`)).json();
      expect(json.commentCount).toBe(2);
      expect(json.threads).toHaveLength(1);
      expect(json.threads[0].comment).toMatchObject({ id: root, removed: true, authorName: '', bodyHtml: '' });
      expect(json.threads[0].replies.map((c: { id: number; removed: boolean }) => [c.id, c.removed])).toEqual([
        [reply, false],
        [deeper, false],
      ]);
      expect(JSON.stringify(json)).not.toContain('Rooted Author');
    });

    it('drops the thread once no reply is shown, and refuses votes and replies on the placeholder', async () => {
      const { slug } = await makeArticle(db());
      const { root, reply, deeper } = await removedThread(slug);
      const s = await formSession(t.app, `/articles/${slug}`);
      expect((await s.post('/comments/vote', { vote: `${root}:up`, back: `/articles/${slug}` })).statusCode).toBe(404);
      expect((await postAsGuest(s, slug, { parentId: String(root) })).statusCode).toBe(400);
      await moderate('spam', [reply, deeper]);
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(listedIds(page)).toEqual([]);
      expect(page).not.toContain(REMOVED);
      expect(
        (await t.app.inject({ url: `/comments/${root}/fragment`, headers: { accept: 'application/json' } })).statusCode,
      ).toBe(404);
    });

    it('pages and links through a removed thread beyond the first page, in every order', async () => {
      const { slug, id: articleId } = await makeArticle(db());
      const { root, reply, deeper } = await removedThread(slug);
      const later = await makeThreads(db(), articleId, 25, '2026-07-01T00:00:00Z');
      expect((await t.app.inject(`/comments/${deeper}`)).headers.location).toBe(
        `/articles/${slug}?thread=${root}#comment-${deeper}`,
      );
      const alone = (await t.app.inject(`/articles/${slug}?thread=${root}`)).body;
      expect(listedIds(alone)).toEqual([root, reply, deeper]);
      expect(alone).toContain(REMOVED);
      for (const sort of ['newest', 'oldest', 'votes'] as const) {
        const { ids: seen } = await walkDiscussionPages(t.app, `/articles/${slug}?sort=${sort}`);
        expect(seen.filter((id) => id === root || id === reply)).toEqual([root, reply]);
        expect(new Set(seen).size).toBe(later.length + 3);
      }
      const all = (await t.app.inject(`/articles/${slug}?comments=all`)).body;
      expect(listedIds(all)).toContain(root);
    });
  });
}
