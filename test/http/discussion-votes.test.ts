import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { makeThreads, postAsGuest, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';

for (const dialect of DIALECTS) {
  describe(`votes on ${dialect}`, () => {
    let t: TestApp;
    let slug = '';
    let articleId = 0;
    let target = 0;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    const counts = (id: number) =>
      t.deps.db.kysely
        .selectFrom('comments')
        .select(['score', 'upvotes', 'downvotes'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const formVote = (s: FormSession, id: number, dir: 'up' | 'down', back = `/articles/${slug}`) =>
      s.post('/comments/vote', { vote: `${id}:${dir}`, back });

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      ({ slug, id: articleId } = await makeArticle(t.deps.db.kysely));
      target = (await makeThreads(t.deps.db.kysely, articleId, 1))[0]!;
      // Every injected request comes from 127.0.0.1: one address for the per-address vote limit.
      await setDiscussionSettings(t.deps.db.kysely, { voteLimit: 1000, postLimit: 100 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });

    it('puts vote buttons in the shared list that submit the one form (no per-visitor token on a public page)', async () => {
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toContain(
        `<button type="submit" class="vote vote-up" form="discussion-actions" name="vote" value="${target}:up"`,
      );
      expect(page).toMatch(
        /<form id="discussion-actions" method="post" action="\/comments\/vote" class="actions-form"><input type="hidden" name="back"/,
      );
    });

    it('counts one vote per guest, lets them change it and take it back, without JavaScript', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const up = await formVote(s, target, 'up', `/articles/${slug}?sort=oldest`);
      expect(up.statusCode).toBe(303);
      expect(up.headers.location).toBe(`/articles/${slug}?sort=oldest#comment-${target}`);
      expect([up.headers['set-cookie']].flat().some((c) => c?.startsWith('bs_guest=') && /HttpOnly/i.test(c))).toBe(
        true,
      );
      expect(await counts(target)).toEqual({ score: 1, upvotes: 1, downvotes: 0 });
      await formVote(s, target, 'down');
      expect(await counts(target)).toEqual({ score: -1, upvotes: 0, downvotes: 1 });
      await formVote(s, target, 'down');
      expect(await counts(target)).toEqual({ score: 0, upvotes: 0, downvotes: 0 });
      await formVote(s, target, 'up');
      const page = (await s.get(`/articles/${slug}`)).body;
      expect(page).toContain(`data-my-votes="{&quot;${target}&quot;:1}"`);
      expect(page).toMatch(new RegExp(`data-score-for="${target}"><span class="visually-hidden">Score </span>\\+1<`));
    });

    it('counts a second guest separately and an account separately', async () => {
      const other = await formSession(t.app, `/articles/${slug}`, { ip: '198.51.100.2' });
      await formVote(other, target, 'up');
      const user = await makeUser(t.deps.db.kysely);
      const member = await formSession(t.app, '/login');
      await member.post('/login', { email: user.email, password: user.password });
      await member.get(`/articles/${slug}`);
      const res = await member.json('POST', `/api/comments/${target}/vote`, { value: 1 });
      expect(res.json()).toEqual({ id: target, score: 3, upvotes: 3, downvotes: 0, myVote: 1 });
      expect((await member.json('POST', `/api/comments/${target}/vote`, { value: 1 })).json().score).toBe(3);
      expect((await member.json('POST', `/api/comments/${target}/vote`, { value: 0 })).json()).toMatchObject({
        score: 2,
        myVote: 0,
      });
      const keys = await t.deps.db.kysely
        .selectFrom('votes')
        .select('voter_key')
        .where('comment_id', '=', target)
        .execute();
      expect(keys.map((k) => k.voter_key).every((k) => /^g:[0-9a-f]{64}$/.test(k))).toBe(true);
    });

    it('keeps the exact score when 100 readers vote at once through the API', async () => {
      const [busy] = await makeThreads(t.deps.db.kysely, articleId, 1);
      const sessions = await Promise.all(
        Array.from({ length: 100 }, (_, i) => formSession(t.app, `/articles/${slug}`, { ip: `10.0.1.${i + 1}` })),
      );
      const results = await Promise.all(
        sessions.map((s, i) => s.json('POST', `/api/comments/${busy}/vote`, { value: i % 5 === 0 ? -1 : 1 })),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(100).fill(200));
      expect(await counts(busy!)).toEqual({ score: 80 - 20, upvotes: 80, downvotes: 20 });
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toMatch(new RegExp(`data-score-for="${busy}"><span class="visually-hidden">Score </span>\\+60<`));
    });

    it('moves the comment up in "Most Voted" and changes the cached page at once', async () => {
      const [a, b] = await makeThreads(t.deps.db.kysely, articleId, 2, '2020-01-01T00:00:00Z');
      const before = (await t.app.inject(`/articles/${slug}?sort=votes`)).body;
      expect(before.indexOf(`id="comment-${b}"`)).toBeGreaterThan(0);
      const s = await formSession(t.app, `/articles/${slug}`);
      for (let i = 0; i < 4; i++)
        await (
          await formSession(t.app, `/articles/${slug}`, { ip: `10.0.2.${i + 1}` })
        ).json('POST', `/api/comments/${a}/vote`, { value: 1 });
      await s.json('POST', `/api/comments/${b}/vote`, { value: -1 });
      const after = (await t.app.inject(`/articles/${slug}?sort=votes`)).body;
      expect(after).toMatch(new RegExp(`data-score-for="${a}"><span class="visually-hidden">Score </span>\\+4<`));
      expect(after.indexOf(`id="comment-${a}"`)).toBeLessThan(after.indexOf(`id="comment-${target}"`));
      expect(after.indexOf(`id="comment-${b}"`)).toBeGreaterThan(after.indexOf(`id="comment-${target}"`));
    });

    it('lets several guests behind one network vote, up to its share, however often a cookie is dropped; accounts there still vote', async () => {
      await setDiscussionSettings(t.deps.db.kysely, { voteLimit: 1000, postLimit: 100, guestVotesPerNetwork: 3 });
      const [c] = await makeThreads(t.deps.db.kysely, articleId, 1);
      // Three readers in one office, behind one address: each one's vote counts.
      const office = [];
      for (let i = 0; i < 3; i++) {
        const guest = await formSession(t.app, `/articles/${slug}`, { ip: '203.0.113.50' });
        expect((await guest.json('POST', `/api/comments/${c}/vote`, { value: 1 })).statusCode).toBe(200);
        office.push(guest);
      }
      expect(await counts(c!)).toEqual({ score: 3, upvotes: 3, downvotes: 0 });
      // A fourth browser there (or one of them without its bs_guest cookie), 50 times: nothing more counts.
      let refused = 0;
      for (let i = 0; i < 50; i++) {
        const dropped = await formSession(t.app, `/articles/${slug}`, { ip: '203.0.113.50' });
        const api = await dropped.json('POST', `/api/comments/${c}/vote`, { value: 1 });
        if (api.statusCode === 403 && api.json<{ code: string }>().code === 'VOTE_GUEST_ALREADY') refused += 1;
      }
      expect(refused).toBe(50);
      const again = await formSession(t.app, `/articles/${slug}`, { ip: '203.0.113.50' });
      const form = await formVote(again, c!, 'down');
      expect(form.statusCode).toBe(403);
      expect(form.body).toContain('Sign in to vote with your own account.');
      // Addresses rotating inside one IPv6 /64 are one network.
      for (let i = 1; i <= 5; i++) {
        const v6 = await formSession(t.app, `/articles/${slug}`, { ip: `2001:db8:5:7::${i.toString(16)}` });
        await v6.json('POST', `/api/comments/${c}/vote`, { value: -1 });
      }
      expect(await counts(c!)).toEqual({ score: 0, upvotes: 3, downvotes: 3 });
      // The office's guests still change or take back their own votes; taking one back frees a share.
      expect((await office[0]!.json('POST', `/api/comments/${c}/vote`, { value: -1 })).json()).toMatchObject({
        score: -2,
        myVote: -1,
      });
      expect((await office[1]!.json('POST', `/api/comments/${c}/vote`, { value: 0 })).json()).toMatchObject({
        myVote: 0,
      });
      const newcomer = await formSession(t.app, `/articles/${slug}`, { ip: '203.0.113.50' });
      expect((await newcomer.json('POST', `/api/comments/${c}/vote`, { value: 1 })).statusCode).toBe(200);
      // An account on that address votes as itself, outside the guests' share.
      const user = await makeUser(t.deps.db.kysely);
      const member = await formSession(t.app, '/login', { ip: '203.0.113.50' });
      await member.post('/login', { email: user.email, password: user.password });
      await member.get(`/articles/${slug}`);
      // Office: one down (changed), one taken back, one up, the newcomer up; the /64: three down; the member up.
      expect((await member.json('POST', `/api/comments/${c}/vote`, { value: 1 })).json()).toMatchObject({
        score: -1,
        upvotes: 3,
        downvotes: 4,
      });
      await setDiscussionSettings(t.deps.db.kysely, { voteLimit: 1000, postLimit: 100 });
    });

    it('refuses a vote on one’s own comment', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const posted = await postAsGuest(s, slug, { body: 'Mine' });
      const id = Number(/comment-(\d+)$/.exec(posted.headers.location as string)![1]);
      const res = await s.json('POST', `/api/comments/${id}/vote`, { value: 1 });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'VOTE_OWN_COMMENT', status: 403 });
      expect((await counts(id)).score).toBe(0);
    });

    it('refuses a vote on a comment that is not shown, and a malformed vote', async () => {
      const [held] = await makeThreads(t.deps.db.kysely, articleId, 1);
      await t.deps.db.kysely.updateTable('comments').set({ status: 'pending' }).where('id', '=', held!).execute();
      const s = await formSession(t.app, `/articles/${slug}`);
      expect((await s.json('POST', `/api/comments/${held}/vote`, { value: 1 })).statusCode).toBe(404);
      expect((await s.json('POST', `/api/comments/${target}/vote`, { value: 2 })).statusCode).toBe(400);
      expect((await s.post('/comments/vote', { vote: 'drop table' })).statusCode).toBe(400);
    });

    it('hides down votes and refuses them when the publisher switches them off', async () => {
      await setDiscussionSettings(t.deps.db.kysely, { downvotes: false, voteLimit: 1000 });
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toContain('vote-up');
      expect(page).not.toContain('vote-down');
      const s = await formSession(t.app, `/articles/${slug}`, { ip: '198.51.100.3' });
      const res = await s.json('POST', `/api/comments/${target}/vote`, { value: -1 });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VOTE_DOWN_DISABLED', status: 400 });
      expect((await s.json('POST', `/api/comments/${target}/vote`, { value: 1 })).statusCode).toBe(200);
      await setDiscussionSettings(t.deps.db.kysely, { voteLimit: 1000 });
      expect((await t.app.inject(`/articles/${slug}`)).body).toContain('vote-down');
    });

    it('answers 429 with a clear message when one address votes too fast', async () => {
      await setDiscussionSettings(t.deps.db.kysely, { voteLimit: 5 });
      const s = await formSession(t.app, `/articles/${slug}`);
      const [c] = await makeThreads(t.deps.db.kysely, articleId, 1);
      let last = await s.json('POST', `/api/comments/${c}/vote`, { value: 1 });
      for (let i = 0; i < 10 && last.statusCode !== 429; i++)
        last = await s.json('POST', `/api/comments/${c}/vote`, { value: i % 2 ? 1 : 0 });
      expect(last.statusCode).toBe(429);
      expect(last.json()).toMatchObject({ code: 'VOTE_RATE_LIMITED', status: 429 });
      // The wait is the message's point: it names the seconds left.
      expect(last.json().title).toMatch(/^You are voting too quickly\. Please wait \d+ seconds and try again\.$/);
      expect(last.headers['retry-after']).toBeDefined();
      const form = await s.post('/comments/vote', { vote: `${c}:up` });
      expect(form.statusCode).toBe(429);
      expect(form.body).toContain('You are voting too quickly.');
    });
  });
}
