import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { formSession } from '../helpers/forms.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { makeThreads, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';

for (const dialect of DIALECTS) {
  describe(`comments API and settings on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100, voteLimit: 1000 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });

    it('documents listing, posting and voting in OpenAPI under the comments tag', async () => {
      const doc = (await t.app.inject('/api/openapi.json')).json();
      const ops = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap(
        ([path, methods]) =>
          Object.entries(methods)
            .filter(([, op]) => op.tags?.includes('comments'))
            .map(([m]) => `${m.toUpperCase()} ${path}`),
      );
      expect(ops).toEqual(
        expect.arrayContaining([
          'GET /api/articles/{slug}/comments',
          'POST /api/articles/{slug}/comments',
          'POST /api/comments/{id}/vote',
          'GET /api/comments/{id}',
        ]),
      );
      const listSchema = JSON.stringify(doc.paths['/api/articles/{slug}/comments'].get.responses);
      expect(listSchema).toContain('bodyHtml');
      expect(listSchema).not.toMatch(/email|ipHash|ip_hash/i);
    });

    it('takes the discussion away with its article: no reading, voting or reporting once unpublished', async () => {
      const { slug, id } = await makeArticle(t.deps.db.kysely);
      const [commentId] = await makeThreads(t.deps.db.kysely, id, 1);
      const s = await formSession(t.app, `/articles/${slug}`);
      expect((await t.app.inject(`/api/comments/${commentId}`)).statusCode).toBe(200);
      await t.deps.db.kysely.updateTable('articles').set({ status: 'draft' }).where('id', '=', id).execute();
      for (const url of [
        `/api/comments/${commentId}`,
        `/comments/${commentId}`,
        `/comments/${commentId}/fragment`,
        `/comments/${commentId}/report`,
      ]) {
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
      }
      expect((await s.json('POST', `/api/comments/${commentId}/vote`, { value: 1 })).statusCode).toBe(404);
      expect(
        await t.deps.db.kysely.selectFrom('votes').select('comment_id').where('comment_id', '=', commentId!).execute(),
      ).toEqual([]);
    });

    it('lists a page of threads with replies in display order and a cursor', async () => {
      const { slug, id } = await makeArticle(t.deps.db.kysely);
      const ids = await makeThreads(t.deps.db.kysely, id, 25);
      const s = await formSession(t.app, `/articles/${slug}`);
      const reply = (
        await s.json('POST', `/api/articles/${slug}/comments`, {
          body: 'A reply',
          name: 'R',
          email: 'r@example.test',
          parentId: ids.at(-1),
        })
      ).json();
      const page = (await t.app.inject(`/api/articles/${slug}/comments`)).json();
      expect(page.commentCount).toBe(26);
      expect(page.threads).toHaveLength(20);
      expect(page.threads[0].comment.id).toBe(ids.at(-1));
      expect(page.threads[0].replies.map((r: { id: number }) => r.id)).toEqual([reply.id]);
      expect(Object.keys(page.threads[0].comment).sort()).toEqual([
        'articleId',
        'authorName',
        'bodyHtml',
        'createdAt',
        'depth',
        'downvotes',
        'editedAt',
        'id',
        'isAccount',
        'isSupporter',
        'parentId',
        'removed',
        'replyToName',
        'score',
        'threadId',
        'upvotes',
      ]);
      const next = (await t.app.inject(`/api/articles/${slug}/comments?after=${page.next}`)).json();
      expect(next.threads.map((x: { comment: { id: number } }) => x.comment.id)).toEqual(ids.slice(0, 5).reverse());
      expect(next.next).toBeNull();
      expect((await t.app.inject('/api/articles/nope/comments')).statusCode).toBe(404);
    });

    it('answers API errors as problem+json with field messages', async () => {
      const { slug } = await makeArticle(t.deps.db.kysely);
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await s.json('POST', `/api/articles/${slug}/comments`, { body: 'x', name: '', email: 'nope' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        type: 'tag:broadsheet,2026:error:COMMENT_INVALID',
        status: 400,
        code: 'COMMENT_INVALID',
        detail: expect.any(String),
        fields: { name: expect.any(String), email: expect.any(String) },
      });
    });

    it('lets only the publisher change the discussion settings, and records the change', async () => {
      const editor = await makeUser(t.deps.db.kysely, { role: 'editor' });
      const publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      const e = await formSession(t.app, '/login');
      await e.post('/login', { email: editor.email, password: editor.password });
      expect((await e.get('/admin/settings/discussion')).statusCode).toBe(403);
      const p = await formSession(t.app, '/login');
      await p.post('/login', { email: publisher.email, password: publisher.password });
      const page = await p.get('/admin/settings/discussion');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Down votes');
      const form = {
        maxDepth: '3',
        editWindowMinutes: '30',
        downvotes: 'false',
        threadsPerPage: '10',
        postLimit: '4',
        postWindowSeconds: '120',
        voteLimit: '50',
        guestVotesPerNetwork: '8',
      };
      const refused = await p.post('/admin/settings/discussion', {
        ...form,
        maxDepth: '99',
        guestVotesPerNetwork: '0',
      });
      expect(refused.statusCode).toBe(400);
      // Back on the form: each field with its range, what was typed kept, nothing saved.
      expect(refused.body).toContain('Some settings need attention; nothing was saved.');
      expect(refused.body).toContain('Reply depth: a whole number from 1 to 10.');
      expect(refused.body).toContain('Guest votes per comment from one network: a whole number from 1 to 100.');
      expect(refused.body).toMatch(/id="ds-maxDepth"[^>]*value="99"/);
      expect(refused.body).toMatch(/id="ds-guestVotesPerNetwork"[^>]*aria-invalid="true"/);
      const saved = await p.post('/admin/settings/discussion', form);
      expect(saved.statusCode).toBe(303);
      const { slug, id } = await makeArticle(t.deps.db.kysely);
      await makeThreads(t.deps.db.kysely, id, 12);
      const article = (await t.app.inject(`/articles/${slug}`)).body;
      expect(article).not.toContain('vote-down');
      expect((article.match(/<li class="comment /g) ?? []).length).toBe(10);
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'settings.discussion.update')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!)).toMatchObject({ maxDepth: 3, downvotes: false, editWindowMinutes: 30 });
      expect(audit.actor_user_id).toBe(publisher.id);
    });
  });
}
