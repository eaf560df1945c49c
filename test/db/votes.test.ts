import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castVote } from '../../src/features/comments/vote.service.js';
import { submitComment } from '../../src/features/comments/comment-write.service.js';
import type { Deps } from '../../src/deps.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';
import { makeArticle } from '../helpers/factories.js';
import { setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import { createTestDeps } from '../helpers/build-test-app.js';

for (const dialect of DIALECTS) {
  describe(`votes on ${dialect}`, () => {
    let tdb: TestDb;
    let deps: Deps;
    let commentId = 0;
    const now = new Date('2026-06-14T12:00:00Z');
    beforeAll(async () => {
      tdb = await createTestDb(dialect);
      deps = await createTestDeps(tdb, { siteUrl: 'http://127.0.0.1', siteName: 'Test', secretKey: 'x'.repeat(32) });
      // The real policy, set so Ann's first comment is approved: these tests are about votes, not holding.
      await setModerationSettings(deps.db.kysely, { newCommenterApprovals: 0 });
      const a = await makeArticle(deps.db.kysely);
      ({ id: commentId } = await submitComment(
        deps,
        {
          articleId: a.id,
          parentId: null,
          source: 'Vote on me',
          ipHash: 'ip-author',
          author: { kind: 'guest', name: 'Ann', email: 'ann@example.test', editTokenHash: 'tok' },
        },
        now,
      ));
    });
    afterAll(async () => {
      await tdb.drop();
    });

    it('keeps the exact score under 100 concurrent votes', async () => {
      const votes = Array.from({ length: 100 }, (_, i) =>
        castVote(
          deps,
          {
            commentId,
            voterKey: `g:voter-${i}`,
            owner: { editTokenHash: `other-${i}` },
            value: i % 4 === 0 ? -1 : 1,
            ipHash: `ip-${i}`,
            networkHash: `net-${i}`,
          },
          now,
        ),
      );
      await Promise.all(votes);
      const row = await deps.db.kysely
        .selectFrom('comments')
        .select(['score', 'upvotes', 'downvotes'])
        .where('id', '=', commentId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ score: 75 - 25, upvotes: 75, downvotes: 25 });
      // The same voters change their minds concurrently: every down becomes up, half the ups are taken back.
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          castVote(
            deps,
            {
              commentId,
              voterKey: `g:voter-${i}`,
              owner: { editTokenHash: `other-${i}` },
              value: i % 4 === 0 ? 1 : i % 2 === 0 ? 0 : 1,
              ipHash: `ip-${i}`,
              networkHash: `net-${i}`,
            },
            now,
          ),
        ),
      );
      const after = await deps.db.kysely
        .selectFrom('comments')
        .select(['score', 'upvotes', 'downvotes'])
        .where('id', '=', commentId)
        .executeTakeFirstOrThrow();
      const count = await deps.db.kysely
        .selectFrom('votes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('comment_id', '=', commentId)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ score: 75, upvotes: 75, downvotes: 0 });
      expect(Number(count.n)).toBe(75);
    });

    it('takes exactly the network’s share of 30 cookie-less guest votes arriving at once from one network', async () => {
      await setDiscussionSettings(deps.db.kysely, { guestVotesPerNetwork: 5 });
      const { id } = await submitComment(
        deps,
        {
          articleId: (await makeArticle(deps.db.kysely)).id,
          parentId: null,
          source: 'Vote for me, all of you',
          ipHash: 'ip-author',
          author: { kind: 'guest', name: 'C', email: 'c@example.test', editTokenHash: 'tok-c' },
        },
        now,
      );
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          castVote(
            deps,
            {
              commentId: id,
              voterKey: `g:dropped-${i}`,
              owner: { editTokenHash: `dropped-${i}` },
              value: 1,
              ipHash: `ip-${i}`,
              networkHash: 'one-network',
            },
            now,
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      const row = await deps.db.kysely
        .selectFrom('comments')
        .select('upvotes')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.upvotes).toBe(5);
      await setDiscussionSettings(deps.db.kysely, {});
    });

    it('counts one vote when the same voter sends it many times at once', async () => {
      const { id } = await submitComment(
        deps,
        {
          articleId: (await makeArticle(deps.db.kysely)).id,
          parentId: null,
          source: 'Race me',
          ipHash: 'ip',
          author: { kind: 'guest', name: 'B', email: 'b@example.test', editTokenHash: 'tok-b' },
        },
        now,
      );
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          castVote(
            deps,
            {
              commentId: id,
              voterKey: 'g:same',
              owner: { editTokenHash: 'someone' },
              value: 1,
              ipHash: 'ip',
              networkHash: 'net',
            },
            now,
          ),
        ),
      );
      expect(results.every((r) => r.myVote === 1)).toBe(true);
      const row = await deps.db.kysely
        .selectFrom('comments')
        .select(['score', 'upvotes'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ score: 1, upvotes: 1 });
    });

    it('bumps the discussion version with every counted vote so cached pages refresh', async () => {
      const art = await makeArticle(deps.db.kysely);
      const { id } = await submitComment(
        deps,
        {
          articleId: art.id,
          parentId: null,
          source: 'Versioned',
          ipHash: 'ip',
          author: { kind: 'guest', name: 'C', email: 'c@example.test', editTokenHash: 'tok-c' },
        },
        now,
      );
      const version = async () =>
        (
          await deps.db.kysely
            .selectFrom('articles')
            .select('comments_version')
            .where('id', '=', art.id)
            .executeTakeFirstOrThrow()
        ).comments_version;
      const v0 = await version();
      await castVote(
        deps,
        { commentId: id, voterKey: 'g:v', owner: { editTokenHash: 'v' }, value: 1, ipHash: 'ip', networkHash: 'net' },
        now,
      );
      expect(await version()).toBe(v0 + 1);
      await castVote(
        deps,
        { commentId: id, voterKey: 'g:v', owner: { editTokenHash: 'v' }, value: 1, ipHash: 'ip', networkHash: 'net' },
        now,
      );
      expect(await version()).toBe(v0 + 1);
    });

    it('keeps the posting limit under 20 concurrent posts from one address', async () => {
      await setDiscussionSettings(deps.db.kysely, { postLimit: 5, postWindowSeconds: 60 });
      const a = await makeArticle(deps.db.kysely);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          submitComment(
            deps,
            {
              articleId: a.id,
              parentId: null,
              source: `Flood ${i}`,
              ipHash: 'ip-flood',
              author: { kind: 'guest', name: 'Flo', email: `flo${i}@example.test`, editTokenHash: `t${i}` },
            },
            now,
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
      expect(
        results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code),
      ).toEqual(Array(15).fill('COMMENT_RATE_LIMITED'));
      const stored = await deps.db.kysely.selectFrom('comments').select('id').where('article_id', '=', a.id).execute();
      expect(stored).toHaveLength(5);
    });
  });
}
