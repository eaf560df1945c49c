import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendDueDigests } from '../../src/features/subscriptions/notify.service.js';
import { requestSubscription } from '../../src/features/subscriptions/subscription.service.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { errorCodeOf, formSession } from '../helpers/forms.js';
import { linkIn, startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { approvedComment, askToSubscribe, confirmFromMail, deliver, pathOf } from '../helpers/subscriptions.js';
import { DIALECTS } from '../helpers/test-db.js';

const subs = (t: TestApp, email: string) =>
  t.deps.db.kysely.selectFrom('subscriptions').selectAll().where('email', '=', email).execute();

for (const dialect of DIALECTS) {
  describe(`subscribing with double opt-in on ${dialect}`, () => {
    let smtp: TestSmtp;
    let t: TestApp;
    let second: TestApp;
    const clock = fixedClock('2026-11-25T10:00:00.000Z');
    let article: { id: number; slug: string };

    beforeAll(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { clock, config: { smtpUrl: smtp.url } });
      // A second app instance on the same database: limits kept in memory would not see its requests.
      second = await createTestApp(dialect, { clock, testDb: t.testDb, config: { smtpUrl: smtp.url } });
      article = await makeArticle(t.deps.db.kysely, { headline: 'Council votes on the harbour' });
    });
    afterEach(() => {
      clock.advance(2 * 86400_000);
    });
    afterAll(async () => {
      await second.close();
      await t.close();
      await smtp.close();
    });

    it('mails a confirmation link that confirms only when the reader presses the button', async () => {
      const email = 'ada@example.test';
      const res = await askToSubscribe(t, { articleId: article.id, email, kind: 'all' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/subscriptions/sent?article=${article.id}`);
      expect((await t.app.inject(res.headers.location as string)).body).toContain('Check your inbox');

      const [mail] = await deliver(t, smtp, email);
      expect(mail).toBeDefined();
      expect(mail!.subject).toBe('Please confirm: new follow-up comments on “Council votes on the harbour”');
      expect(mail!.html).toContain('Confirm the subscription');
      expect(mail!.html).not.toMatch(/<img|https?:\/\/(?!127\.0\.0\.1)/);
      expect((await subs(t, email))[0]!.status).toBe('pending');

      const { page, res: confirmed, session } = await confirmFromMail(t, mail!);
      // Opening the link (as a mail scanner would) changes nothing.
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Yes, subscribe me');
      expect(confirmed.statusCode).toBe(303);
      expect(confirmed.headers.location).toMatch(/^\/subscriptions\/manage\?token=.+&done=confirmed$/);
      const row = (await subs(t, email))[0]!;
      expect(row.status).toBe('confirmed');
      expect(row.confirmed_at).toBe(clock.now().toISOString());
      const manage = await session.get(confirmed.headers.location as string);
      expect(manage.body).toContain('your subscription is confirmed');
      expect(manage.body).toContain('Council votes on the harbour');
      expect(manage.body).not.toContain(email);

      // The link is single-use.
      const again = await t.app.inject(
        pathOf(linkIn(mail!.text, `${t.deps.config.siteUrl}/subscriptions/confirm?token=`)),
      );
      expect(again.statusCode).toBe(410);
    });

    it('sends nothing but the confirmation to an address that has not confirmed', async () => {
      const email = 'not-yet@example.test';
      await askToSubscribe(t, { articleId: article.id, email, kind: 'all' });
      await approvedComment(t, { articleId: article.id, name: 'Someone', email: 'someone@example.test' });
      clock.advance(3600_000);
      await sendDueDigests(t.deps);
      const mails = await deliver(t, smtp, email);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Please confirm/)]);
    });

    it('answers every request the same and sends nothing new within the hour', async () => {
      const email = 'twice@example.test';
      const first = await askToSubscribe(t, { articleId: article.id, email, kind: 'all' });
      clock.advance(10 * 60_000);
      const again = await askToSubscribe(t, { articleId: article.id, email, kind: 'replies' });
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.headers.location).toBe(first.headers.location);
      const mails = await deliver(t, smtp, email);
      expect(mails).toHaveLength(1);
      // The pending link confirms what was asked last.
      await confirmFromMail(t, mails[0]!);
      expect((await subs(t, email))[0]).toMatchObject({ status: 'confirmed', kind: 'replies' });
    });

    it('limits confirmation mails to 3 a day per address, across app instances, without telling', async () => {
      const email = 'target@example.test';
      const articles = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => makeArticle(t.deps.db.kysely, { headline: `Limit ${i}` })),
      );
      const answers = [];
      for (const [i, a] of articles.entries()) {
        // Alternate instances and sessions (fresh IP limits are per process; the address limit is in the database).
        answers.push(await askToSubscribe(i % 2 === 0 ? t : second, { articleId: a.id, email, kind: 'all' }));
      }
      expect(answers.map((r) => r.statusCode)).toEqual([303, 303, 303, 303, 303]);
      expect(await deliver(t, smtp, email)).toHaveLength(3);
      // A new day, a new allowance.
      clock.advance(86400_000 + 1000);
      await askToSubscribe(t, { articleId: articles[4]!.id, email, kind: 'all' });
      expect(await deliver(t, smtp, email)).toHaveLength(1);
    });

    it('counts +tag and Gmail dot spellings of one inbox against the same daily allowance', async () => {
      const articles = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => makeArticle(t.deps.db.kysely, { headline: `Inbox ${i}` })),
      );
      const spellings = [
        'Flood.Target@gmail.com',
        'floodtarget+a@gmail.com',
        'f.l.o.o.d.target+b@googlemail.com',
        'floodtarget+c@gmail.com',
        'flood.target+d@gmail.com',
      ];
      for (const [i, a] of articles.entries()) {
        expect(
          (await askToSubscribe(i % 2 === 0 ? t : second, { articleId: a.id, email: spellings[i]!, kind: 'all' }))
            .statusCode,
        ).toBe(303);
      }
      const sent = await t.deps.db.kysely
        .selectFrom('outbox')
        .select('to_address')
        .where('kind', '=', 'subscription_confirm')
        .where('to_address', 'like', '%mail.com')
        .orderBy('id')
        .execute();
      expect(sent).toHaveLength(3);
      // Mail still goes to the address as typed, and another inbox at the provider is untouched.
      expect(sent.map((m) => m.to_address)).toEqual(spellings.slice(0, 3).map((s) => s.toLowerCase()));
      expect(
        (await askToSubscribe(t, { articleId: articles[0]!.id, email: 'flood.target2@gmail.com', kind: 'all' }))
          .statusCode,
      ).toBe(303);
      expect(
        await t.deps.db.kysely
          .selectFrom('outbox')
          .select('id')
          .where('to_address', '=', 'flood.target2@gmail.com')
          .execute(),
      ).toHaveLength(1);
      await deliver(t, smtp);
    });

    it('counts every address of one IPv6 /64 against one network allowance', async () => {
      const a = await makeArticle(t.deps.db.kysely, { headline: 'IPv6 rotation' });
      const statuses = [];
      for (let i = 0; i < 22; i++) {
        // A new address for every request, all in 2001:db8:77:1::/64 (and one spelled in capitals, in full).
        const ip =
          i === 21
            ? '2001:DB8:77:1:0:0:0:FFFF'
            : `2001:db8:77:1:${((i * 7919) % 65536).toString(16)}::${(i + 1).toString(16)}`;
        statuses.push(
          (
            await askToSubscribe(i % 2 === 0 ? t : second, {
              articleId: a.id,
              email: `rot${i}@example.test`,
              kind: 'all',
              ip,
            })
          ).statusCode,
        );
      }
      expect(statuses.every((s) => s === 303)).toBe(true);
      const mailed = await t.deps.db.kysely
        .selectFrom('outbox')
        .select('to_address')
        .where('to_address', 'like', 'rot%@example.test')
        .execute();
      expect(mailed).toHaveLength(20);
      // The next /64 has its own allowance.
      await askToSubscribe(t, {
        articleId: a.id,
        email: 'rot-other@example.test',
        kind: 'all',
        ip: '2001:db8:77:2::1',
      });
      expect(
        await t.deps.db.kysely
          .selectFrom('outbox')
          .select('id')
          .where('to_address', '=', 'rot-other@example.test')
          .execute(),
      ).toHaveLength(1);
      await deliver(t, smtp);
    });

    it('limits confirmation mails caused from one IP across addresses', async () => {
      const a = await makeArticle(t.deps.db.kysely, { headline: 'IP limit' });
      const site = t.deps.config;
      const outcomes = [];
      for (let i = 0; i < 22; i++) {
        outcomes.push(
          await t.deps.db.kysely.transaction().execute((trx) =>
            requestSubscription(
              trx,
              {
                articleId: a.id,
                email: `spray${i}@example.test`,
                kind: 'all',
                userId: null,
                ipHash: 'same-ip',
                networkHash: 'same-net',
              },
              site,
              clock.now(),
            ),
          ),
        );
      }
      expect(outcomes.filter((o) => o === 'mailed')).toHaveLength(20);
      expect(outcomes.slice(20)).toEqual(['limited', 'limited']);
      await deliver(t, smtp);
    });

    it('refuses a malformed address with a clear message and stores nothing', async () => {
      const res = await askToSubscribe(second, { articleId: article.id, email: 'not an address', kind: 'all' });
      expect(res.statusCode).toBe(422);
      expect(errorCodeOf(res.body)).toBe('SUBSCRIBE_EMAIL_INVALID');
      expect(res.body).toContain('value="not an address"');
      expect(await subs(t, 'not an address')).toHaveLength(0);
    });

    it('refuses a request without a valid CSRF token', async () => {
      const s = await formSession(second.app);
      const res = await s.post('/subscriptions', {
        articleId: String(article.id),
        email: 'csrf@example.test',
        kind: 'all',
        _csrf: 'forged',
      });
      expect(res.statusCode).toBe(403);
      expect(await subs(t, 'csrf@example.test')).toHaveLength(0);
    });

    it('refuses subscriptions to closed or unpublished articles', async () => {
      const closed = await makeArticle(t.deps.db.kysely, { headline: 'Closed' });
      await t.deps.db.kysely.updateTable('articles').set({ comments_open: 0 }).where('id', '=', closed.id).execute();
      expect(
        (await askToSubscribe(second, { articleId: closed.id, email: 'c@example.test', kind: 'all' })).statusCode,
      ).toBe(422);
      const draft = await makeArticle(t.deps.db.kysely, { status: 'draft' });
      const s = await formSession(second.app, `/subscriptions/new?article=${article.id}`);
      expect(
        (await s.post('/subscriptions', { articleId: String(draft.id), email: 'd@example.test', kind: 'all' }))
          .statusCode,
      ).toBe(404);
    });

    it('expires confirmation links after 7 days', async () => {
      const email = 'slow@example.test';
      await askToSubscribe(second, { articleId: article.id, email, kind: 'all' });
      const [mail] = await deliver(t, smtp, email);
      clock.advance(7 * 86400_000 + 1000);
      const link = linkIn(mail!.text, `${t.deps.config.siteUrl}/subscriptions/confirm?token=`);
      const res = await t.app.inject(pathOf(link));
      expect(res.statusCode).toBe(410);
      expect(errorCodeOf(res.body)).toBe('CONFIRM_LINK_EXPIRED');
    });

    it('writes to a signed-in reader at the account address, still after confirmation', async () => {
      const reader = await makeUser(t.deps.db.kysely, { email: 'member@example.test', name: 'Member' });
      const s = await formSession(t.app, '/login');
      await s.post('/login', { email: reader.email, password: reader.password });
      const form = await s.get(`/subscriptions/new?article=${article.id}`);
      expect(form.body).not.toContain('name="email"');
      const res = await s.post('/subscriptions', { articleId: String(article.id), kind: 'replies' });
      expect(res.statusCode).toBe(303);
      const [mail] = await deliver(t, smtp, 'member@example.test');
      expect(mail).toBeDefined();
      expect((await subs(t, 'member@example.test'))[0]).toMatchObject({ status: 'pending', user_id: reader.id });
      await confirmFromMail(t, mail!);
      const list = await s.get('/account/subscriptions');
      expect(list.body).toContain('Council votes on the harbour');
      expect(list.body).toContain('new replies to your comments');
    });

    it('rate limits subscription requests per IP with 429', async () => {
      const s = await formSession(t.app);
      let last = 0;
      for (let i = 0; i < 12; i++) {
        await s.get(`/subscriptions/new?article=${article.id}`);
        last = (
          await s.post('/subscriptions', {
            articleId: String(article.id),
            email: `burst${i}@example.test`,
            kind: 'all',
          })
        ).statusCode;
      }
      expect(last).toBe(429);
      await deliver(t, smtp);
    });
  });
}
