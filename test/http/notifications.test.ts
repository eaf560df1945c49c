import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertComment } from '../../src/features/comments/comment.write.repo.js';
import { sendDueDigests } from '../../src/features/subscriptions/notify.service.js';
import { announceApproval } from '../../src/features/comments/comment-approval.js';
import { unsubscribeToken } from '../../src/features/subscriptions/subscription-links.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { linkIn, startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp.js';
import {
  approvedComment,
  askToSubscribe,
  confirmFromMail,
  deliver,
  pathOf,
  subscribeConfirmed,
} from '../helpers/subscriptions.js';
import { DIALECTS } from '../helpers/test-db.js';

const WINDOW_MS = 15 * 60_000;

for (const dialect of DIALECTS) {
  describe(`comment notifications on ${dialect}`, () => {
    let smtp: TestSmtp;
    let t: TestApp;
    const clock = fixedClock('2026-11-25T10:00:00.000Z');

    beforeAll(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { clock, config: { smtpUrl: smtp.url } });
    });
    // Every test starts after every window and daily allowance has passed.
    afterEach(() => {
      clock.advance(2 * 86400_000);
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    /** Runs the digest job and the outbox worker, and returns what arrived. */
    async function notify(to?: string): Promise<ReceivedMail[]> {
      await sendDueDigests(t.deps);
      return deliver(t, smtp, to);
    }

    it('sends exactly one notification for a reply, with one-click unsubscribe headers', async () => {
      const article = await makeArticle(t.deps.db.kysely, { headline: 'Bridge closes for repairs' });
      const email = 'grace@example.test';
      await subscribeConfirmed(t, smtp, { articleId: article.id, email, kind: 'replies' });
      const mine = await approvedComment(t, {
        articleId: article.id,
        name: 'Grace',
        email: 'Grace@Example.test',
        text: 'Who pays for it?',
      });
      expect(await notify(email)).toHaveLength(0);

      await approvedComment(t, {
        articleId: article.id,
        parentId: mine,
        name: 'Linus T.',
        email: 'linus@example.test',
        text: 'The county &amp; the state, <b>mostly</b>.',
      });
      const mails = await notify(email);
      expect(mails).toHaveLength(1);
      const m = mails[0]!;
      expect(m.subject).toBe('New reply to your comment on “Bridge closes for repairs”');
      expect(m.text).toContain('Linus T. replied to you');
      expect(m.text).toContain('The county & the state, mostly.');
      expect(m.text).not.toContain('linus@example.test');
      expect(m.html).not.toContain('linus@example.test');
      expect(m.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/127\.0\.0\.1:3000\/unsubscribe\?token=[^>]+>$/);
      expect(m.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(m.text).toContain(`/articles/${article.slug}#comment-`);
      expect(m.html).not.toMatch(/<img/);

      // Nothing more goes out for it, however often the jobs run.
      clock.advance(WINDOW_MS * 4);
      expect(await notify(email)).toHaveLength(0);
    });

    it('never notifies the author of the comment, and replies-only subscribers only of replies to them', async () => {
      const article = await makeArticle(t.deps.db.kysely);
      const member = await makeUser(t.deps.db.kysely, { email: 'member-a@example.test' });
      await subscribeConfirmed(t, smtp, { articleId: article.id, email: 'all@example.test', kind: 'all' });
      await subscribeConfirmed(t, smtp, { articleId: article.id, email: 'replies@example.test', kind: 'replies' });
      await t.deps.db.kysely
        .updateTable('subscriptions')
        .set({ user_id: member.id })
        .where('email', '=', 'replies@example.test')
        .execute();
      // The 'all' subscriber writes: not told of their own comment. The replies subscriber is not answered.
      const own = await approvedComment(t, { articleId: article.id, name: 'All', email: 'ALL@example.test' });
      expect(await notify()).toHaveLength(0);
      // A reply to the 'all' subscriber, written by the replies subscriber's account under another address.
      await approvedComment(t, {
        articleId: article.id,
        parentId: own,
        name: 'Member',
        email: 'other-address@example.test',
        userId: member.id,
      });
      const mails = await notify();
      expect(mails.map((m) => m.to[0])).toEqual(['all@example.test']);
      expect(mails[0]!.subject).toMatch(/^New reply to your comment/);
    });

    it('notifies once for a comment approved twice, and not at all for one held for review until a moderator approves it', async () => {
      const article = await makeArticle(t.deps.db.kysely);
      const email = 'twice-approved@example.test';
      await subscribeConfirmed(t, smtp, { articleId: article.id, email, kind: 'all' });
      const now = clock.now();
      // Held for review: stored pending, and the discussion does not call onCommentApproved.
      const held = await t.deps.db.kysely.transaction().execute((trx) =>
        insertComment(trx, {
          articleId: article.id,
          parentId: null,
          threadId: null,
          depth: 0,
          replyToName: null,
          authorUserId: null,
          authorName: 'Held',
          authorEmail: null,
          ipHash: null,
          bodyHtml: '<p>Held text</p>',
          status: 'pending',
          editTokenHash: null,
          createdAt: now.toISOString(),
        }),
      );
      expect(await notify(email)).toHaveLength(0);
      // A moderator approves it (twice, by a double click): one notification.
      for (let i = 0; i < 2; i++) {
        await t.deps.db.kysely.transaction().execute(async (trx) => {
          await trx.updateTable('comments').set({ status: 'approved' }).where('id', '=', held).execute();
          await announceApproval(trx, t.deps.hooks.comments, {
            commentId: held,
            articleId: article.id,
            parentId: null,
            authorEmail: null,
            authorUserId: null,
            now: now,
          });
        });
      }
      const mails = await notify(email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('Held text');
      // Reported, held and approved again after the digest went out: nothing new to tell anyone.
      clock.advance(3600_000);
      await t.deps.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('comments').set({ status: 'approved' }).where('id', '=', held).execute();
        await announceApproval(trx, t.deps.hooks.comments, {
          commentId: held,
          articleId: article.id,
          parentId: null,
          authorEmail: null,
          authorUserId: null,
          now: clock.now(),
        });
      });
      expect(await notify(email)).toHaveLength(0);
    });

    it('collects what arrives within the window into one digest per subscriber and article', async () => {
      const article = await makeArticle(t.deps.db.kysely, { headline: 'Budget night' });
      const email = 'digest@example.test';
      await subscribeConfirmed(t, smtp, { articleId: article.id, email, kind: 'all' });
      await approvedComment(t, { articleId: article.id, name: 'First' });
      expect(await notify(email)).toHaveLength(1);

      clock.advance(60_000);
      await approvedComment(t, { articleId: article.id, name: 'Second' });
      const removed = await approvedComment(t, { articleId: article.id, name: 'Removed' });
      await approvedComment(t, { articleId: article.id, name: 'Third' });
      // A moderator removes one before the digest leaves.
      await t.deps.db.kysely.updateTable('comments').set({ status: 'trash' }).where('id', '=', removed).execute();
      expect(await notify(email)).toHaveLength(0);

      clock.advance(WINDOW_MS);
      const [digest, ...rest] = await notify(email);
      expect(rest).toHaveLength(0);
      expect(digest!.subject).toBe('2 new comments on “Budget night”');
      expect(digest!.text).toContain('Second');
      expect(digest!.text).toContain('Third');
      expect(digest!.text).not.toContain('Removed');
    });

    it('sends one digest even when two app instances run the job at once', async () => {
      const other = await createTestApp(dialect, { clock, testDb: t.testDb, config: { smtpUrl: smtp.url } });
      try {
        const article = await makeArticle(t.deps.db.kysely);
        const emails = ['p1@example.test', 'p2@example.test', 'p3@example.test'];
        for (const email of emails) await subscribeConfirmed(t, smtp, { articleId: article.id, email, kind: 'all' });
        await approvedComment(t, { articleId: article.id, name: 'Racer' });
        const [a, b] = await Promise.all([sendDueDigests(t.deps), sendDueDigests(other.deps)]);
        expect(a + b).toBe(3);
        const mails = await deliver(t, smtp);
        expect(mails.map((m) => m.to[0]).sort()).toEqual(emails);
      } finally {
        await other.close();
      }
    });

    it('unsubscribes from the page in one click, without signing in', async () => {
      const article = await makeArticle(t.deps.db.kysely, { headline: 'Page unsubscribe' });
      const email = 'page@example.test';
      await subscribeConfirmed(t, smtp, { articleId: article.id, email, kind: 'all' });
      await approvedComment(t, { articleId: article.id, name: 'Writer' });
      const [mail] = await notify(email);
      const link = linkIn(mail!.text, `${t.deps.config.siteUrl}/unsubscribe?token=`);
      const page = await t.app.inject(pathOf(link));
      expect(page.statusCode).toBe(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('Stop e-mailing me new follow-up comments on');
      // Opening the page changes nothing; the button does.
      expect(
        (
          await t.deps.db.kysely
            .selectFrom('subscriptions')
            .select('status')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('confirmed');
      const res = await t.app.inject({ method: 'POST', url: pathOf(link) });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('You are unsubscribed');
      expect(
        (
          await t.deps.db.kysely
            .selectFrom('subscriptions')
            .select('status')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('unsubscribed');

      clock.advance(WINDOW_MS);
      await approvedComment(t, { articleId: article.id, name: 'Writer' });
      expect(await notify(email)).toHaveLength(0);
      expect((await t.app.inject(pathOf(link))).body).toContain('You are not subscribed to comments on');
    });

    it('accepts the RFC 8058 one-click POST, urlencoded or multipart, with no cookies or CSRF token', async () => {
      const article = await makeArticle(t.deps.db.kysely);
      for (const [email, contentType, payload] of [
        ['oneclick1@example.test', 'application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click'],
        [
          'oneclick2@example.test',
          'multipart/form-data; boundary=XyZ',
          '--XyZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XyZ--\r\n',
        ],
      ] as const) {
        await subscribeConfirmed(t, smtp, { articleId: article.id, email, kind: 'all' });
        await approvedComment(t, { articleId: article.id, name: 'Writer' });
        const [mail] = await notify(email);
        const url = /^<(.+)>$/.exec(mail!.headers.get('list-unsubscribe')!)![1]!;
        const res = await t.app.inject({
          method: 'POST',
          url: pathOf(url),
          headers: { 'content-type': contentType },
          payload,
        });
        expect(res.statusCode).toBe(200);
        // A client retrying the POST is fine.
        expect(
          (await t.app.inject({ method: 'POST', url: pathOf(url), headers: { 'content-type': contentType }, payload }))
            .statusCode,
        ).toBe(200);
        expect(
          (
            await t.deps.db.kysely
              .selectFrom('subscriptions')
              .select('status')
              .where('email', '=', email)
              .executeTakeFirstOrThrow()
          ).status,
        ).toBe('unsubscribed');
        clock.advance(WINDOW_MS);
      }
    });

    it('refuses forged unsubscribe tokens', async () => {
      const article = await makeArticle(t.deps.db.kysely);
      await subscribeConfirmed(t, smtp, { articleId: article.id, email: 'victim@example.test', kind: 'all' });
      const id = (
        await t.deps.db.kysely
          .selectFrom('subscriptions')
          .select('id')
          .where('email', '=', 'victim@example.test')
          .executeTakeFirstOrThrow()
      ).id;
      for (const token of [`${id}.${'0'.repeat(32)}`, `${id}`, 'junk']) {
        expect(
          (
            await t.app.inject({
              method: 'POST',
              url: `/unsubscribe?token=${token}`,
              payload: 'List-Unsubscribe=One-Click',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            })
          ).statusCode,
        ).toBe(404);
      }
      expect(
        (
          await t.deps.db.kysely
            .selectFrom('subscriptions')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status,
      ).toBe('confirmed');
      // A genuine link whose subscription has been forgotten meanwhile still succeeds: there is nothing left to stop.
      const gone = `/unsubscribe?token=${unsubscribeToken(t.deps.config.secretKey, 999_999)}`;
      expect((await t.app.inject(gone)).body).toContain('You are not subscribed to these comments any more');
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: gone,
            payload: 'List-Unsubscribe=One-Click',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        ).statusCode,
      ).toBe(200);
    });

    it('makes an address that unsubscribed confirm again before it gets anything', async () => {
      const article = await makeArticle(t.deps.db.kysely);
      const email = 'comeback@example.test';
      await subscribeConfirmed(t, smtp, { articleId: article.id, email, kind: 'all' });
      await approvedComment(t, { articleId: article.id, name: 'W' });
      const [mail] = await notify(email);
      await t.app.inject({
        method: 'POST',
        url: pathOf(linkIn(mail!.text, `${t.deps.config.siteUrl}/unsubscribe?token=`)),
      });

      clock.advance(2 * 3600_000);
      await askToSubscribe(t, { articleId: article.id, email, kind: 'all' });
      await approvedComment(t, { articleId: article.id, name: 'W2' });
      const mails = await notify(email);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Please confirm/)]);
      await confirmFromMail(t, mails[0]!);
      clock.advance(WINDOW_MS);
      await approvedComment(t, { articleId: article.id, name: 'W3' });
      expect((await notify(email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^New comment on/)]);
    });

    it('lists every subscription of the address behind the manage link and changes or stops them', async () => {
      const a1 = await makeArticle(t.deps.db.kysely, { headline: 'First story' });
      const a2 = await makeArticle(t.deps.db.kysely, { headline: 'Second story' });
      const email = 'manager@example.test';
      await subscribeConfirmed(t, smtp, { articleId: a1.id, email, kind: 'all' });
      await subscribeConfirmed(t, smtp, { articleId: a2.id, email, kind: 'all' });
      await subscribeConfirmed(t, smtp, { articleId: a2.id, email: 'someone-else@example.test', kind: 'all' });
      await approvedComment(t, { articleId: a1.id, name: 'W' });
      const [mail] = await notify(email);
      const manage = pathOf(linkIn(mail!.text, `${t.deps.config.siteUrl}/subscriptions/manage?token=`));
      const s = await formSession(t.app);
      const page = await s.get(manage);
      expect(page.body).toContain('First story');
      expect(page.body).toContain('Second story');
      expect(page.body.match(/class="subscription-item"/g)).toHaveLength(2);

      const id2 = (
        await t.deps.db.kysely
          .selectFrom('subscriptions')
          .select('id')
          .where('email', '=', email)
          .where('article_id', '=', a2.id)
          .executeTakeFirstOrThrow()
      ).id;
      const token = new URL(`http://x${manage}`).searchParams.get('token')!;
      const res = await s.post('/subscriptions/manage', { token, subscriptionId: String(id2), action: 'replies' });
      expect(res.statusCode).toBe(303);
      expect(
        (
          await t.deps.db.kysely
            .selectFrom('subscriptions')
            .select('kind')
            .where('id', '=', id2)
            .executeTakeFirstOrThrow()
        ).kind,
      ).toBe('replies');
      await s.post('/subscriptions/manage', { token, subscriptionId: String(id2), action: 'remove' });
      expect((await s.get(manage)).body.match(/class="subscription-item"/g)).toHaveLength(1);

      // The link cannot reach another address's subscription.
      const foreign = (
        await t.deps.db.kysely
          .selectFrom('subscriptions')
          .select('id')
          .where('email', '=', 'someone-else@example.test')
          .executeTakeFirstOrThrow()
      ).id;
      expect(
        (await s.post('/subscriptions/manage', { token, subscriptionId: String(foreign), action: 'remove' }))
          .statusCode,
      ).toBe(404);

      // It expires; a fresh one is sent on request, to known addresses only, with the same answer for all.
      clock.advance(31 * 86400_000);
      const expired = await s.get(manage);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('expired');
      for (const who of [email, 'stranger@example.test']) {
        const r = await s.post('/subscriptions/manage/link', { email: who });
        expect(r.statusCode).toBe(303);
        expect(r.headers.location).toBe('/subscriptions/manage/link?sent=1');
      }
      const links = await deliver(t, smtp);
      expect(links.map((m) => m.to[0])).toEqual([email]);
      expect(
        (await s.get(pathOf(linkIn(links[0]!.text, `${t.deps.config.siteUrl}/subscriptions/manage?token=`))))
          .statusCode,
      ).toBe(200);
    });
  });
}
