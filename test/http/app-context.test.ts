/** State lives in the context: two apps built in one process share neither their moderation policy nor a cache. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { postAsGuest, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import { makeArticle } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`two app contexts in one process on ${dialect}`, () => {
    let holding: TestApp;
    let real: TestApp;
    let slug = '';
    let articleId = 0;
    const statusOf = async (email: string) =>
      (
        await real.deps.db.kysely
          .selectFrom('comments')
          .select('status')
          .where('article_id', '=', articleId)
          .where('author_email', '=', email)
          .executeTakeFirstOrThrow()
      ).status;

    beforeAll(async () => {
      holding = await createTestApp(dialect, { phases: [() => ({ action: 'hold', reason: 'held by this context' })] });
      real = await createTestApp(dialect, { testDb: holding.testDb });
      const db = real.deps.db.kysely;
      ({ slug, id: articleId } = await makeArticle(db));
      await setDiscussionSettings(db, { postLimit: 100 });
      await setModerationSettings(db, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await real.close();
      await holding.close();
    });

    it('moderates each comment with the policy of the app that received it', async () => {
      await postAsGuest(await formSession(holding.app, `/articles/${slug}`), slug, { email: 'held@example.test' });
      await postAsGuest(await formSession(real.app, `/articles/${slug}`), slug, { email: 'shown@example.test' });
      expect(await statusOf('held@example.test')).toBe('pending');
      expect(await statusOf('shown@example.test')).toBe('approved');
    });

    it('keeps a cache per app: a page one app renders is not in the other’s cache', async () => {
      expect(real.deps.caches).not.toBe(holding.deps.caches);
      real.deps.caches.discussionPages.clear();
      holding.deps.caches.discussionPages.clear();
      expect((await real.app.inject(`/articles/${slug}`)).statusCode).toBe(200);
      expect(real.deps.caches.discussionPages.size).toBeGreaterThan(0);
      expect(holding.deps.caches.discussionPages.size).toBe(0);
    });
  });
}
