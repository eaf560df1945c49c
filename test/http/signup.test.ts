import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { SESSION_COOKIE } from '../../src/features/accounts/account.service.js';
import { forgetUnconfirmedSignups } from '../../src/features/accounts/signup.service.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { fieldError, signedIn } from '../helpers/editorial.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';
import { useModerationSettings } from '../helpers/discussion.js';

for (const dialect of DIALECTS) {
  describe(`readers' own accounts on ${dialect}`, () => {
    let t: TestApp;
    let articlePath: string;
    const clock = fixedClock('2026-06-14T09:00:00Z');

    beforeAll(async () => {
      // Behind a trusted proxy, so each sign-up below can come from its own address (the form allows 5 per address per 15 minutes).
      t = await createTestApp(dialect, { clock, config: { trustedProxies: ['127.0.0.1'] } });
      const article = await makeArticle(t.deps.db.kysely, { headline: 'Harbour plans' });
      articlePath = `/articles/${article.slug}`;
    });
    afterAll(async () => {
      await t.close();
    });

    const db = () => t.deps.db.kysely;
    const mailsTo = (to: string) =>
      db()
        .selectFrom('outbox')
        .select(['kind', 'subject', 'text_body'])
        .where('to_address', '=', to)
        .orderBy('id')
        .execute();
    const userBy = (email: string) =>
      db().selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    const linkIn = (text: string) => new URL(/https?:\/\/\S+\/password\/reset\?token=\S+/.exec(text)![0]);
    const later = () => clock.advance(10 * 60_000);

    let visitors = 0;
    async function signUp(
      form: Record<string, string>,
      ip = `203.0.113.${++visitors}`,
    ): Promise<{ s: FormSession; res: Awaited<ReturnType<FormSession['post']>> }> {
      const s = await formSession(t.app, `/signup?next=${encodeURIComponent(articlePath)}`);
      return { s, res: await s.post('/signup', { next: articlePath, ...form }, { 'x-forwarded-for': ip }) };
    }

    it('offers sign-in and sign-up to guests at the comment form, coming back to the form', async () => {
      const page = await t.app.inject(articlePath);
      const next = encodeURIComponent(`${articlePath}#comment-form`);
      expect(page.body).toContain(`href="/login?next=${next}"`);
      expect(page.body).toContain(`href="/signup?next=${next}"`);
      const signup = await t.app.inject(`/signup?next=${next}`);
      expect(signup.statusCode).toBe(200);
      expect(signup.body).toContain('Create an account');
      expect(signup.body).toContain(`value="${articlePath}#comment-form"`);
    });

    it('creates an account only when the mailed link is used, then signs the reader in and returns them', async () => {
      const { res } = await signUp({ name: '  Ada   Reader ', email: 'Ada@Example.test' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/signup?sent=1&next=${encodeURIComponent(articlePath)}`);
      const user = await userBy('ada@example.test');
      expect(user).toMatchObject({ display_name: 'Ada Reader', role: 'reader', password_hash: null, slug: null });

      // Before the link is used there is no way in.
      const early = await formSession(t.app, '/login');
      expect((await early.post('/login', { email: 'ada@example.test', password: '' })).statusCode).toBe(401);

      const [mail, ...more] = await mailsTo('ada@example.test');
      expect(more).toHaveLength(0);
      expect(mail).toMatchObject({ kind: 'signup', subject: 'Confirm your The Broadsheet account' });
      const link = linkIn(mail!.text_body);
      expect(link.searchParams.get('next')).toBe(articlePath);

      const visitor = await formSession(t.app, `${link.pathname}${link.search}`);
      const done = await visitor.post('/password/reset', {
        token: link.searchParams.get('token')!,
        password: 'lantern harbour tram',
        confirm: 'lantern harbour tram',
        next: articlePath,
      });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(articlePath);
      expect(visitor.cookies.has(SESSION_COOKIE)).toBe(true);

      const article = await visitor.get(articlePath);
      expect(article.body).toContain('Commenting as <strong>Ada Reader</strong>');
      expect(article.body).not.toContain('href="/signup?');
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', String(user!.id))
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['account.signup', 'account.signup_confirm']);
    });

    it('answers the same for an address that has an account, and mails its owner at most once in a while', async () => {
      await makeUser(db(), { role: 'reader', email: 'known@example.test', name: 'Kim Known' });
      later();
      const first = await signUp({ name: 'Someone Else', email: 'known@example.test' });
      expect(first.res.headers.location).toBe(`/signup?sent=1&next=${encodeURIComponent(articlePath)}`);
      const again = await signUp({ name: 'Someone Else', email: 'known@example.test' });
      expect(again.res.headers.location).toBe(first.res.headers.location);
      const mails = await mailsTo('known@example.test');
      expect(mails.map((m) => m.kind)).toEqual(['signup_existing']);
      expect(mails[0]!.text_body).toContain('/password/reset?token=reset.');
      expect((await userBy('known@example.test'))!.display_name).toBe('Kim Known');
      expect(
        await db().selectFrom('users').select('id').where('email', '=', 'known@example.test').execute(),
      ).toHaveLength(1);

      // A pending sign-up asked for again gets a fresh link, once the interval has passed.
      await signUp({ name: 'Pending Person', email: 'pending@example.test' });
      await signUp({ name: 'Pending Person', email: 'pending@example.test' });
      expect((await mailsTo('pending@example.test')).map((m) => m.kind)).toEqual(['signup']);
      later();
      await signUp({ name: 'Pending Person', email: 'pending@example.test' });
      expect((await mailsTo('pending@example.test')).map((m) => m.kind)).toEqual(['signup', 'signup']);
    });

    it('makes at most 3 new accounts a day for one inbox, however its address is tagged', async () => {
      later();
      const spellings = [
        'tagged+1@example.test',
        'Tagged+2@example.test',
        'tagged+3@example.test',
        'tagged+4@example.test',
        'tagged@example.test',
      ];
      for (const email of spellings) {
        const { res } = await signUp({ name: 'Tagged Reader', email });
        // The same answer every time: the form never says that a limit was reached.
        expect(res.headers.location).toBe(`/signup?sent=1&next=${encodeURIComponent(articlePath)}`);
      }
      const made = await db()
        .selectFrom('users')
        .select('email')
        .where('email', 'like', 'tagged%@example.test')
        .orderBy('id')
        .execute();
      expect(made.map((u) => u.email)).toEqual([
        'tagged+1@example.test',
        'tagged+2@example.test',
        'tagged+3@example.test',
      ]);
      expect(
        await db().selectFrom('outbox').select('id').where('to_address', 'like', 'tagged%@example.test').execute(),
      ).toHaveLength(3);
      // Another inbox is not affected, and the next day the allowance is back.
      await signUp({ name: 'Other Reader', email: 'other+1@example.test' });
      expect(await userBy('other+1@example.test')).toBeDefined();
      clock.advance(86400_000 + 1000);
      await signUp({ name: 'Tagged Reader', email: 'tagged@example.test' });
      expect(await userBy('tagged@example.test')).toBeDefined();
    });

    it('refuses bad input on the form, and creates nothing for bots or forged requests', async () => {
      const before = (await db().selectFrom('users').select('id').execute()).length;
      const { res } = await signUp({ name: '', email: 'not-an-address' });
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'name')).toContain('Enter the name');
      expect(fieldError(res.body, 'email')).toContain('e-mail address');
      expect(res.body).toContain('value="not-an-address"');

      const bot = await signUp({ name: 'Spam Bot', email: 'bot@example.test', website: 'http://spam.example' });
      expect(bot.res.statusCode).toBe(303);
      expect(await mailsTo('bot@example.test')).toHaveLength(0);

      const forged = await t.app.inject({
        method: 'POST',
        url: '/signup',
        payload: 'name=Eve&email=eve%40example.test',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(forged.statusCode).toBe(403);
      expect((await db().selectFrom('users').select('id').execute()).length).toBe(before);

      // An open redirect through `next` is not possible.
      const offsite = await signUp({ name: 'Nia Next', email: 'nia@example.test', next: '//evil.example/' });
      expect(offsite.res.headers.location).toBe('/signup?sent=1&next=%2F');
      expect(linkIn((await mailsTo('nia@example.test'))[0]!.text_body).searchParams.get('next')).toBe('/');

      // One address may try five times per quarter hour.
      const codes = [];
      for (let i = 0; i < 6; i++)
        codes.push((await signUp({ name: 'Flood', email: `flood${i}@example.test` }, '198.51.100.7')).res.statusCode);
      expect(codes).toEqual([303, 303, 303, 303, 303, 429]);
      expect(await mailsTo('flood5@example.test')).toHaveLength(0);
    });

    it('lets a signed-in reader rename themselves and change their password, ending other sessions', async () => {
      expect((await t.app.inject('/account')).headers.location).toBe('/login?next=%2Faccount');
      const reader = await makeUser(db(), {
        role: 'reader',
        email: 'rita@example.test',
        name: 'Rita Reader',
        password: 'first password here',
      });
      const here = await signedIn(t.app, reader, '/account');
      const elsewhere = await signedIn(t.app, reader, '/account');
      const page = await here.get('/account');
      expect(page.body).toContain('Your account');
      expect(page.body).toContain('rita@example.test');
      expect(page.body).toContain('href="/account/subscriptions"');

      const bad = await here.post('/account/name', { name: ' ' });
      expect(bad.statusCode).toBe(400);
      expect(fieldError(bad.body, 'name')).toContain('up to 80 characters');
      expect((await here.post('/account/name', { name: 'Rita R.' })).headers.location).toBe('/account?saved=name');
      expect((await userBy('rita@example.test'))!.display_name).toBe('Rita R.');
      expect((await here.get('/')).body).toContain('Rita R.');

      const wrong = await here.post('/account/password', {
        current: 'not it at all',
        password: 'second password here',
        confirm: 'second password here',
      });
      expect(wrong.statusCode).toBe(400);
      expect(fieldError(wrong.body, 'current')).toBe('Check your current password.');
      const ok = await here.post('/account/password', {
        current: 'first password here',
        password: 'second password here',
        confirm: 'second password here',
      });
      expect(ok.headers.location).toBe('/account?saved=password');
      expect((await here.get('/account')).statusCode).toBe(200);
      expect((await elsewhere.get('/account')).headers.location).toBe('/login?next=%2Faccount');
      const actions = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', String(reader.id))
        .orderBy('id')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(['account.rename', 'account.password_change']);
    });

    it('forgets sign-ups whose link was never used after a week, and nothing else', async () => {
      await signUp({ name: 'Never Confirmed', email: 'never@example.test' });
      const invited = await makeUser(db(), { role: 'author', email: 'invited@example.test' });
      await db().updateTable('users').set({ password_hash: null }).where('id', '=', invited.id).execute();
      expect(await forgetUnconfirmedSignups(db(), clock.now())).toBe(0);
      const inAWeek = new Date(clock.now().getTime() + 7 * 86400_000 + 1000);
      expect(await forgetUnconfirmedSignups(db(), inAWeek)).toBeGreaterThanOrEqual(1);
      expect(await userBy('never@example.test')).toBeUndefined();
      expect(await userBy('invited@example.test')).toBeDefined();
      expect(await userBy('ada@example.test')).toBeDefined();
    });

    it('deletes a reader’s account on request: comments stay as “Former reader” or go, subscriptions go', async () => {
      // The real policy, set so Dora's and Gus's first comments are approved (no hold for a first comment).
      const restore = await useModerationSettings(db(), { newCommenterApprovals: 0 });
      try {
        const article = await makeArticle(db(), { headline: 'Tram depot' });
        const reader = await makeUser(db(), {
          role: 'reader',
          email: 'dora@example.test',
          name: 'Dora Departing',
          password: 'dora password here',
        });
        const s = await signedIn(t.app, reader, `/articles/${article.slug}`);
        await s.post(`/articles/${article.slug}/comments`, { body: 'Answered comment.' });
        await s.post(`/articles/${article.slug}/comments`, { body: 'Lonely comment.' });
        const [answered, lonely] = await db()
          .selectFrom('comments')
          .select(['id', 'body_html'])
          .where('author_user_id', '=', reader.id)
          .orderBy('id')
          .execute();
        const guest = await formSession(t.app, `/articles/${article.slug}`);
        await guest.post(`/articles/${article.slug}/comments`, {
          body: 'A reply.',
          name: 'Gus Guest',
          email: 'gus@example.test',
          parentId: String(answered!.id),
        });
        await db()
          .insertInto('subscriptions')
          .values({
            article_id: article.id,
            email: 'dora@example.test',
            user_id: reader.id,
            kind: 'all',
            status: 'confirmed',
            token_hash: 'x'.repeat(64),
            created_at: '2026-06-14T09:00:00Z',
          })
          .execute();
        expect((await t.app.inject(`/articles/${article.slug}`)).body).toContain('Dora Departing');

        await s.get('/account');
        const wrong = await s.post('/account/delete', { delete_password: 'not my password', remove_comments: '1' });
        expect(wrong.statusCode).toBe(400);
        expect(fieldError(wrong.body, 'delete_password')).toBe('Check your password.');
        expect(await userBy('dora@example.test')).toBeDefined();

        const done = await s.post('/account/delete', { delete_password: 'dora password here', remove_comments: '1' });
        expect(done.headers.location).toBe('/account/deleted');
        expect(s.cookies.has(SESSION_COOKIE)).toBe(false);
        expect(await userBy('dora@example.test')).toBeUndefined();
        expect(
          await db().selectFrom('subscriptions').select('id').where('email', '=', 'dora@example.test').execute(),
        ).toHaveLength(0);
        const after = await db()
          .selectFrom('comments')
          .select(['id', 'status', 'author_name', 'author_email', 'author_user_id'])
          .where('id', 'in', [answered!.id, lonely!.id])
          .orderBy('id')
          .execute();
        expect(after).toEqual([
          {
            id: answered!.id,
            status: 'approved',
            author_name: 'Former reader',
            author_email: null,
            author_user_id: null,
          },
          { id: lonely!.id, status: 'trash', author_name: 'Former reader', author_email: null, author_user_id: null },
        ]);
        const page = (await t.app.inject(`/articles/${article.slug}`)).body;
        expect(page).not.toContain('Dora Departing');
        expect(page).toContain('Former reader');
        expect(page).toContain('Answered comment.');
        expect(page).not.toContain('Lonely comment.');
        expect((await t.app.inject('/account/deleted')).body).toContain('Your account is deleted');

        // Staff accounts are closed by the publisher, not deleted by their owner.
        const editor = await makeUser(db(), {
          role: 'editor',
          email: 'ed@example.test',
          password: 'editor password here',
        });
        const es = await signedIn(t.app, editor, '/account');
        expect((await es.get('/account')).body).not.toContain('Delete your account');
        const refused = await es.post('/account/delete', { delete_password: 'editor password here' });
        expect(refused.statusCode).toBe(409);
        expect(await userBy('ed@example.test')).toBeDefined();
      } finally {
        await restore();
      }
    });
  });
}
