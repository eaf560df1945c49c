import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderateComments } from '../../src/features/comments/moderation/moderation.service.js';
import { insertComment } from '../../src/features/comments/comment.write.repo.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { DIALECTS, createTestDb, type TestDb } from '../helpers/test-db.js';
import type { Deps } from '../../src/deps.js';
import { createTestDeps } from '../helpers/build-test-app.js';

// The real reactions of the app: an approval queues the subscribers' notifications.
const TEST_CONFIG = { siteUrl: 'http://127.0.0.1', siteName: 'Test', secretKey: 'x'.repeat(40) };

for (const dialect of DIALECTS) {
  describe(`moderator approval and "Notify of" on ${dialect}`, () => {
    let t: TestDb;
    let deps: Deps;
    beforeAll(async () => {
      t = await createTestDb(dialect);
      deps = await createTestDeps(t, TEST_CONFIG);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('tells confirmed subscribers of a held comment only once a moderator approves it', async () => {
      const db = t.db.kysely;
      const moderator = await makeUser(db, { role: 'moderator' });
      const article = await makeArticle(db);
      const now = new Date();
      const { id: subId } = await db
        .insertInto('subscriptions')
        .values({
          article_id: article.id,
          email: 'reader@example.test',
          user_id: null,
          kind: 'all',
          status: 'confirmed',
          token_hash: `hash-${dialect}`,
          created_at: now.toISOString(),
          confirmed_at: now.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const commentId = await insertComment(db, {
        articleId: article.id,
        parentId: null,
        threadId: null,
        depth: 0,
        replyToName: null,
        authorUserId: null,
        authorName: 'Held Guest',
        authorEmail: 'guest@example.test',
        ipHash: null,
        bodyHtml: '<p>First!</p>',
        status: 'pending',
        editTokenHash: null,
        createdAt: now.toISOString(),
      });
      const queued = () => db.selectFrom('notification_queue').select(['subscription_id', 'comment_id']).execute();
      expect(await queued()).toEqual([]);

      await moderateComments(deps, { actorId: moderator.id, action: 'approve', ids: [commentId], now });
      expect(await queued()).toEqual([{ subscription_id: subId, comment_id: commentId }]);

      // Trash and approve again: the subscriber is not told twice about the same comment.
      await moderateComments(deps, { actorId: moderator.id, action: 'trash', ids: [commentId], now });
      await moderateComments(deps, { actorId: moderator.id, action: 'approve', ids: [commentId], now });
      expect((await queued()).length).toBeLessThanOrEqual(1);
    });
  });
}
