/**
 * The Supporter badge in the discussion, end to end: gifts confirmed and refunded by signed webhooks,
 * opt-in at checkout, from the receipt link and signed in at /supporter, and the cached article page
 * following every change without a restart.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import type { TestApp } from '../helpers/build-test-app.js';
import { postAsGuest, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { signedIn } from '../helpers/editorial.js';
import { fakeId } from '../helpers/fake-stripe.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { createFundingApp } from '../helpers/funding.js';
import { chargeRefunded, checkoutCompleted, deliver } from '../helpers/stripe-events.js';
import { DIALECTS } from '../helpers/test-db.js';

/** The header of one comment on a page (name, badges, time), or '' when the comment is not there. */
const headerOf = (page: string, commentId: number): string =>
  new RegExp(`id="comment-${commentId}"[^>]*>[\\s\\S]*?</header>`).exec(page)?.[0] ?? '';
const SUPPORTER = '<span class="badge badge-supporter">Supporter</span>';

for (const dialect of DIALECTS) {
  describe(`the Supporter badge on comments on ${dialect}`, () => {
    let t: TestApp;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    let n = 0;
    let users = 0;

    beforeAll(async () => {
      t = await createFundingApp(dialect, { clock });
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 1000 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });
    beforeEach(() => {
      clock.advance(60_000);
      n++;
    });

    /** A reader with an account, signed in, and one comment of theirs on a fresh article. */
    const accountCommenter = async () => {
      users++;
      const { slug, id: articleId } = await makeArticle(t.deps.db.kysely);
      const user = await makeUser(t.deps.db.kysely, { email: `reader${users}@example.net`, name: `Reader ${users}` });
      const s = await signedIn(t.app, user, `/articles/${slug}`);
      const commentId = await postAs(s, slug, 'From my account.');
      return { s, slug, articleId, user: { ...user, name: `Reader ${users}` }, commentId };
    };
    const postAs = async (s: FormSession, slug: string, body: string): Promise<number> => {
      await s.get(`/articles/${slug}`);
      const res = await s.post(`/articles/${slug}/comments`, { body });
      expect(res.statusCode).toBe(303);
      return Number(/#comment-(\d+)$/.exec(String(res.headers.location))![1]);
    };
    /** A one-off gift confirmed by a signed webhook; returns its payment intent (for refunds). */
    const give = async (email: string, badge: boolean, amount = 1_000) => {
      const paymentIntentId = fakeId('pi');
      const res = await deliver(
        t.app,
        checkoutCompleted({
          at: '2026-06-10T10:00:00Z',
          amount,
          currency: 'USD',
          email,
          donor: { badge },
          paymentIntentId,
        }),
      );
      expect(res.json()).toMatchObject({ outcome: 'applied' });
      return paymentIntentId;
    };
    const refund = async (paymentIntentId: string, refunded: number, amount = 1_000) =>
      expect(
        (
          await deliver(
            t.app,
            chargeRefunded({ at: '2026-06-12T10:00:00Z', amount, refunded, currency: 'USD', paymentIntentId }),
          )
        ).statusCode,
      ).toBe(200);
    const page = async (slug: string) => (await t.app.inject(`/articles/${slug}`)).body;
    const apiComment = async (slug: string, id: number) => {
      const list = (await t.app.inject(`/api/articles/${slug}/comments`)).json() as {
        threads: Array<{
          comment: { id: number; isSupporter: boolean };
          replies: Array<{ id: number; isSupporter: boolean }>;
        }>;
      };
      return list.threads.flatMap((th) => [th.comment, ...th.replies]).find((c) => c.id === id);
    };
    const version = async (articleId: number) =>
      (
        await t.deps.db.kysely
          .selectFrom('articles')
          .select('comments_version')
          .where('id', '=', articleId)
          .executeTakeFirstOrThrow()
      ).comments_version;
    /** The receipt's signed /supporter link for an address. */
    const receiptLink = async (email: string) => {
      const mail = await t.deps.db.kysely
        .selectFrom('outbox')
        .select('text_body')
        .where('to_address', '=', email)
        .where('kind', '=', 'receipt')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const link = /\/supporter\?t=[^\s]+/.exec(mail.text_body)![0];
      return { link, token: decodeURIComponent(link.split('t=')[1]!) };
    };

    it('shows the badge on a signed-in donor’s comments, on the article page and in the API, once a confirmed gift opted in', async () => {
      const { slug, commentId, user } = await accountCommenter();
      const other = await accountCommenter();
      const otherId = await postAs(other.s, slug, 'I did not give (yet).');
      expect(headerOf(await page(slug), commentId)).not.toContain('badge-supporter');
      // Stripe hands back the address as the donor typed it; the account's is stored lower-cased.
      await give(user.email.toUpperCase(), true);
      const html = await page(slug);
      expect(headerOf(html, commentId)).toContain(`${user.name}</span> <span class="badge">member</span> ${SUPPORTER}`);
      expect(headerOf(html, otherId)).toContain('class="badge">member</span>');
      expect(headerOf(html, otherId)).not.toContain('badge-supporter');
      expect(html).not.toContain(user.email);
      expect(await apiComment(slug, commentId)).toMatchObject({ isSupporter: true });
      expect(await apiComment(slug, otherId)).toMatchObject({ isSupporter: false });
      const one = await t.app.inject(`/api/comments/${commentId}`);
      expect(one.json()).toMatchObject({ id: commentId, isSupporter: true });
      expect(one.body).not.toContain('@');
    });

    it('shows no badge when the donor did not opt in', async () => {
      const { slug, commentId, user } = await accountCommenter();
      await give(user.email, false);
      expect(headerOf(await page(slug), commentId)).not.toContain('badge-supporter');
      expect(await apiComment(slug, commentId)).toMatchObject({ isSupporter: false });
    });

    it('never shows the badge on a guest comment made with a supporter’s e-mail', async () => {
      const { slug, commentId, user } = await accountCommenter();
      await give(user.email, true);
      const guest = await formSession(t.app, `/articles/${slug}`);
      const res = await postAsGuest(guest, slug, {
        name: user.name,
        email: user.email,
        body: 'Typed someone else’s address.',
      });
      const guestId = Number(/#comment-(\d+)$/.exec(String(res.headers.location))![1]);
      const html = await page(slug);
      expect(headerOf(html, commentId)).toContain(SUPPORTER);
      expect(headerOf(html, guestId)).not.toBe('');
      expect(headerOf(html, guestId)).not.toContain('badge-supporter');
      expect(await apiComment(slug, guestId)).toMatchObject({ isSupporter: false });
    });

    it('keeps the badge through a partial refund and takes it away with a full refund, changing the cached page', async () => {
      const { slug, articleId, commentId, user } = await accountCommenter();
      const pi = await give(user.email, true);
      expect(headerOf(await page(slug), commentId)).toContain(SUPPORTER);
      await refund(pi, 400);
      expect(headerOf(await page(slug), commentId)).toContain(SUPPORTER);
      const before = await version(articleId);
      await refund(pi, 1_000);
      expect(await version(articleId)).toBeGreaterThan(before);
      expect(headerOf(await page(slug), commentId)).not.toContain('badge-supporter');
      expect(await apiComment(slug, commentId)).toMatchObject({ isSupporter: false });
    });

    it('takes the badge away when the reader hides it from the receipt link', async () => {
      const { slug, commentId, user } = await accountCommenter();
      await give(user.email, true);
      expect(headerOf(await page(slug), commentId)).toContain(SUPPORTER);
      const { link, token } = await receiptLink(user.email);
      const s = await formSession(t.app, link);
      expect((await s.post('/supporter', { t: token, show: 'no' })).statusCode).toBe(303);
      expect(headerOf(await page(slug), commentId)).not.toContain('badge-supporter');
    });

    it('shows the badge right after the reader opts in from the receipt link, without a restart', async () => {
      const { slug, articleId, commentId, user } = await accountCommenter();
      await give(user.email, false);
      expect(headerOf(await page(slug), commentId)).not.toContain('badge-supporter');
      const before = await version(articleId);
      const { link, token } = await receiptLink(user.email);
      const s = await formSession(t.app, link);
      const res = await s.post('/supporter', { t: token, show: 'yes' });
      expect(res.headers.location).toBe(`/supporter?t=${encodeURIComponent(token)}&saved=1`);
      expect(await version(articleId)).toBe(before + 1);
      expect(headerOf(await page(slug), commentId)).toContain(SUPPORTER);
    });

    it('marks a comment posted through the API with the badge in its JSON and its HTML', async () => {
      const { s, slug, user } = await accountCommenter();
      await give(user.email, true);
      await s.get(`/articles/${slug}`);
      const res = await s.json('POST', `/api/articles/${slug}/comments`, { body: 'Posted in place.' });
      expect(res.statusCode).toBe(201);
      expect(res.json().comment).toMatchObject({ isSupporter: true });
      expect(res.json().html).toContain(SUPPORTER);
    });

    it('leaves cached discussions alone when a supporter gives again', async () => {
      const { articleId, user } = await accountCommenter();
      await give(user.email, true);
      const before = await version(articleId);
      await give(user.email, false);
      expect(await version(articleId)).toBe(before);
    });

    it('lets a signed-in reader see and flip their own badge at /supporter, without the receipt link', async () => {
      const { s, slug, commentId, user } = await accountCommenter();
      let res = await s.get('/supporter');
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.body).toContain(`For your account (<strong>r•••@example.net</strong>)`);
      expect(res.body).toContain('The badge appears once a gift from this address is confirmed.');
      expect(res.body).not.toContain(user.email);
      expect(res.body).not.toContain('name="t"');
      await give(user.email, false);
      expect((await s.get('/supporter')).body).toMatch(/the badge is\s+currently <strong>hidden<\/strong>/);
      // Without the form's token nothing changes.
      expect((await s.post('/supporter', { show: 'yes', _csrf: 'forged' })).statusCode).toBe(403);
      expect(headerOf(await page(slug), commentId)).not.toContain('badge-supporter');
      res = await s.post('/supporter', { show: 'yes' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/supporter?saved=1');
      res = await s.get('/supporter?saved=1');
      expect(res.body).toContain('Saved.');
      expect(res.body).toMatch(/the badge is\s+currently <strong>shown<\/strong>/);
      expect(res.body).toContain('Hide the badge');
      expect(headerOf(await page(slug), commentId)).toContain(SUPPORTER);
      await s.post('/supporter', { show: 'no' });
      expect(headerOf(await page(slug), commentId)).not.toContain('badge-supporter');
    });

    it('lets a receipt link manage the address it names, even for a reader signed in as someone else', async () => {
      const donor = `donor${n}@example.net`;
      await give(donor, false);
      const { token } = await receiptLink(donor);
      const { s, user } = await accountCommenter();
      const res = await s.get(`/supporter?t=${encodeURIComponent(token)}`);
      expect(res.body).toContain('For <strong>d•••@example.net</strong>');
      expect(res.body).toContain(`name="t" value="${token}"`);
      await s.post('/supporter', { t: token, show: 'yes' });
      const optedIn = await t.deps.db.kysely
        .selectFrom('supporters')
        .select('email')
        .where('email', 'in', [donor, user.email])
        .execute();
      expect(optedIn).toEqual([{ email: donor }]);
    });

    it('asks a guest without a receipt link to sign in, and refuses a change without one', async () => {
      const s = await formSession(t.app, '/supporter');
      const res = await s.get('/supporter');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/login?next=%2Fsupporter"');
      expect(res.body).not.toContain('name="show"');
      const before = await t.deps.db.kysely
        .selectFrom('supporters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // A guest's form passes the CSRF check on its Sec-Fetch-Site (src/web/cross-origin.ts): the refusal is the route's.
      const post = await s.post('/supporter', { show: 'yes' });
      expect(post.statusCode, post.body).toBe(401);
      expect(post.body).toContain('Please sign in, or use the link in your receipt');
      const after = await t.deps.db.kysely
        .selectFrom('supporters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect((await s.post('/supporter', { show: 'maybe' })).statusCode).toBe(400);
    });
  });
}
