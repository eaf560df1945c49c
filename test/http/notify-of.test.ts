import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { postAsGuest, useModerationSettings } from '../helpers/discussion.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`"Notify of" under the comment form on ${dialect}`, () => {
    let t: TestApp;
    let article: { id: number; slug: string };
    /** Puts back the moderation settings a test changed. */
    let restore: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      t = await createTestApp(dialect);
      article = await makeArticle(t.deps.db.kysely, { headline: 'Notify me' });
    });
    afterAll(async () => {
      await t.close();
    });
    afterEach(async () => {
      await restore?.();
      restore = undefined;
    });

    it('offers the "Notify of" choice on the comment form', async () => {
      const page = await t.app.inject(`/articles/${article.slug}`);
      expect(page.body).toContain('Notify of');
      expect(page.body).toContain('new replies to my comments');
      expect(page.body).toContain('new follow-up comments');
    });

    it('queues a confirmation mail with the comment, and tells the confirmed subscriber of an approved reply', async () => {
      // The real policy, set so these first comments are approved (no hold for a first comment).
      restore = await useModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
      const db = t.deps.db.kysely;
      const ann = await formSession(t.app, `/articles/${article.slug}`);
      const posted = await postAsGuest(ann, article.slug, {
        name: 'Ann',
        email: 'Ann@Example.test',
        body: 'First thoughts.',
        notify: '1',
        notifyKind: 'replies',
      });
      expect(posted.statusCode).toBe(303);
      const sub = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('email', '=', 'ann@example.test')
        .executeTakeFirstOrThrow();
      expect(sub).toMatchObject({ article_id: article.id, kind: 'replies', status: 'pending' });
      const confirmation = await db
        .selectFrom('outbox')
        .select(['to_address', 'kind'])
        .where('to_address', '=', 'ann@example.test')
        .execute();
      expect(confirmation).toEqual([{ to_address: 'ann@example.test', kind: expect.stringMatching(/confirm/) }]);

      // Nothing is sent to an address that has not confirmed: a reply now queues nothing for Ann.
      const annComment = await db
        .selectFrom('comments')
        .select('id')
        .where('author_name', '=', 'Ann')
        .executeTakeFirstOrThrow();
      const bob = await formSession(t.app, `/articles/${article.slug}`);
      await postAsGuest(bob, article.slug, {
        name: 'Bob',
        email: 'bob@example.test',
        body: 'A reply before Ann confirmed.',
        parentId: String(annComment.id),
      });
      expect(await db.selectFrom('notification_queue').selectAll().execute()).toEqual([]);

      // Ann confirms (as the link in her mail would), then Bob replies again.
      await db
        .updateTable('subscriptions')
        .set({ status: 'confirmed', confirmed_at: new Date().toISOString() })
        .where('id', '=', sub.id)
        .execute();
      await postAsGuest(bob, article.slug, {
        name: 'Bob',
        email: 'bob@example.test',
        body: 'A reply after Ann confirmed.',
        parentId: String(annComment.id),
      });
      const queued = await db
        .selectFrom('notification_queue')
        .innerJoin('comments', 'comments.id', 'notification_queue.comment_id')
        .select(['notification_queue.subscription_id', 'comments.body_html'])
        .execute();
      expect(queued).toEqual([{ subscription_id: sub.id, body_html: expect.stringContaining('after Ann confirmed') }]);
    });

    it('takes the same "Notify of" choice through the JSON API the page script uses', async () => {
      restore = await useModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
      const db = t.deps.db.kysely;
      const cy = await formSession(t.app, `/articles/${article.slug}`);
      const res = await cy.json('POST', `/api/articles/${article.slug}/comments`, {
        body: 'Posted in place.',
        name: 'Cy',
        email: 'cy@example.test',
        notify: 'all',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().message).toContain('confirmation mail');
      const sub = await db
        .selectFrom('subscriptions')
        .selectAll()
        .where('email', '=', 'cy@example.test')
        .executeTakeFirstOrThrow();
      expect(sub).toMatchObject({ article_id: article.id, kind: 'all', status: 'pending' });
      expect(
        await db.selectFrom('outbox').select('kind').where('to_address', '=', 'cy@example.test').execute(),
      ).toHaveLength(1);
      expect(
        (
          await cy.json('POST', `/api/articles/${article.slug}/comments`, {
            body: 'x',
            name: 'Cy',
            email: 'cy@example.test',
            notify: 'weekly',
          })
        ).statusCode,
      ).toBe(400);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`reporting from the discussion on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    it('links every comment to its report form', async () => {
      const restore = await useModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
      try {
        const article = await makeArticle(t.deps.db.kysely, { headline: 'Report me' });
        const s = await formSession(t.app, `/articles/${article.slug}`);
        await postAsGuest(s, article.slug, { body: 'Something reportable.' });
        const { id } = await t.deps.db.kysely
          .selectFrom('comments')
          .select('id')
          .where('article_id', '=', article.id)
          .executeTakeFirstOrThrow();
        const page = await t.app.inject(`/articles/${article.slug}`);
        expect(page.body).toContain(`href="/comments/${id}/report"`);
        const form = await t.app.inject(`/comments/${id}/report`);
        expect(form.statusCode).toBe(200);
      } finally {
        await restore();
      }
    });
  });
}
