import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { formSession } from '../helpers/forms.js';
import { makeArticle } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { openSse } from '../helpers/sse.js';
import {
  makeThreads,
  setDiscussionSettings,
  setModerationSettings,
  useModerationSettings,
} from '../helpers/discussion.js';

/** A real EventSource-like client on its own connection (test/helpers/sse.ts). */
const openStream = (baseUrl: string, topics: string) => openSse(baseUrl, `topics=${encodeURIComponent(topics)}`);

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

for (const dialect of DIALECTS) {
  describe(`live updates on ${dialect}`, () => {
    let t: TestApp;
    let base = '';
    beforeAll(async () => {
      t = await createTestApp(dialect);
      base = await listen(t);
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100, voteLimit: 1000 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });

    it('streams new comments and votes of an article, after they commit', async () => {
      const { slug, id } = await makeArticle(t.deps.db.kysely);
      const stream = await openStream(base, `article:${id}`);
      expect(stream.status).toBe(200);
      const s = await formSession(t.app, `/articles/${slug}`);
      const posted = await s.json('POST', `/api/articles/${slug}/comments`, {
        body: 'Live!',
        name: 'Lia',
        email: 'lia@example.test',
      });
      const created = await stream.next('comment.new');
      expect(created.data).toMatchObject({ topic: `article:${id}`, id: posted.json().id, parentId: null });
      // Whoever hears the event can fetch the comment at once: it was committed before it was announced.
      const fragment = await t.app.inject(`/comments/${created.data.id}/fragment`);
      expect(fragment.json()).toMatchObject({ id: created.data.id, parentId: null, authorName: 'Lia' });
      expect(fragment.json().html).toContain('Live!');
      const voter = await formSession(t.app, `/articles/${slug}`);
      await voter.json('POST', `/api/comments/${created.data.id}/vote`, { value: 1 });
      expect((await stream.next('comment.vote')).data).toMatchObject({
        id: created.data.id,
        score: 1,
        upvotes: 1,
        downvotes: 0,
      });
      stream.close();
    });

    it('tells where a live reply goes, including one attached at the depth limit', async () => {
      const { slug, id } = await makeArticle(t.deps.db.kysely);
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100, voteLimit: 1000, maxDepth: 1 });
      const [root] = await makeThreads(t.deps.db.kysely, id, 1);
      const s = await formSession(t.app, `/articles/${slug}`);
      const first = (
        await s.json('POST', `/api/articles/${slug}/comments`, {
          body: 'r1',
          name: 'A',
          email: 'a@example.test',
          parentId: root,
        })
      ).json();
      const second = (
        await s.json('POST', `/api/articles/${slug}/comments`, {
          body: 'r2',
          name: 'B',
          email: 'b@example.test',
          parentId: first.id,
        })
      ).json();
      expect((await t.app.inject(`/comments/${first.id}/fragment`)).json().parentId).toBe(root);
      expect((await t.app.inject(`/comments/${second.id}/fragment`)).json()).toMatchObject({
        parentId: root,
        depth: 1,
      });
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100, voteLimit: 1000 });
    });

    it('does not stream what readers cannot see (held comments)', async () => {
      const { slug, id } = await makeArticle(t.deps.db.kysely);
      const stream = await openStream(base, `article:${id}`);
      // The real policy holds it: the publisher pre-moderates everything for this one comment.
      const restore = await useModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0, premoderateAll: true });
      try {
        const s = await formSession(t.app, `/articles/${slug}`);
        await s.json('POST', `/api/articles/${slug}/comments`, { body: 'Held', name: 'H', email: 'h@example.test' });
      } finally {
        await restore();
      }
      await expect(stream.next('comment.new', 500)).rejects.toThrow(/no comment.new/);
      stream.close();
    });

    it('streams goal updates to every page', async () => {
      const stream = await openStream(base, 'goal');
      const data = {
        month: '2026-06',
        raisedMinor: 120_000,
        goalMinor: 500_000,
        currency: 'USD',
        raisedText: '$1,200',
        percent: 24,
      };
      await t.deps.bus.publish({ topic: 'goal', type: 'goal.update', data });
      expect((await stream.next('goal.update')).data).toEqual({ ...data, topic: 'goal' });
      stream.close();
    });

    it('refuses unknown topics', async () => {
      for (const topics of ['', 'article:x', 'admin', Array.from({ length: 11 }, (_, i) => `article:${i}`).join(',')]) {
        const res = await t.app.inject(`/live?topics=${encodeURIComponent(topics)}`);
        expect(res.statusCode).toBe(400);
      }
    });
  });
}

describe('live stream lifecycle', () => {
  it('ends open streams when the app closes, so shutdown is not held up by readers', async () => {
    const t = await createTestApp('sqlite');
    const base = await listen(t);
    const stream = await openStream(base, 'goal');
    await new Promise((r) => setTimeout(r, 50));
    expect(stream.body()).toContain('retry: 5000');
    const started = Date.now();
    await t.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))(
  'live updates across two app processes on one PostgreSQL database',
  () => {
    let a: TestApp;
    let b: TestApp;
    let baseB = '';
    beforeAll(async () => {
      a = await createTestApp('postgres');
      b = await createTestApp('postgres', { testDb: a.testDb });
      baseB = await listen(b);
      await setDiscussionSettings(a.deps.db.kysely, { postLimit: 100, voteLimit: 1000 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(a.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await b.close();
      await a.close();
    });

    it('delivers a comment posted through one process to a reader connected to the other', async () => {
      const { slug, id } = await makeArticle(a.deps.db.kysely);
      const stream = await openStream(baseB, `article:${id},goal`);
      await new Promise((r) => setTimeout(r, 100));
      const s = await formSession(a.app, `/articles/${slug}`);
      const posted = (
        await s.json('POST', `/api/articles/${slug}/comments`, {
          body: 'Across processes',
          name: 'X',
          email: 'x@example.test',
        })
      ).json();
      expect((await stream.next('comment.new')).data).toMatchObject({ id: posted.id, topic: `article:${id}` });
      const voter = await formSession(a.app, `/articles/${slug}`);
      await voter.json('POST', `/api/comments/${posted.id}/vote`, { value: 1 });
      expect((await stream.next('comment.vote')).data).toMatchObject({ id: posted.id, score: 1 });
      await a.deps.bus.publish({
        topic: 'goal',
        type: 'goal.update',
        data: { month: '2026-06', raisedMinor: 1, goalMinor: 2, currency: 'USD', raisedText: '$0.01', percent: 50 },
      });
      expect((await stream.next('goal.update')).data).toMatchObject({ percent: 50 });
      // The other process renders the new comment at once: the discussion version lives in the database.
      expect((await b.app.inject(`/articles/${slug}`)).body).toContain('Across processes');
      stream.close();
    });
  },
);
