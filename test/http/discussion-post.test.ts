import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { errorCodeOf, formSession } from '../helpers/forms.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { postAsGuest, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import type { Phase } from '../../src/features/comments/moderation/pipeline.js';

for (const dialect of DIALECTS) {
  describe(`posting comments on ${dialect}`, () => {
    let t: TestApp;
    let slug = '';
    let articleId = 0;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    const rows = () =>
      t.deps.db.kysely.selectFrom('comments').selectAll().where('article_id', '=', articleId).orderBy('id').execute();

    /** A second app on the same database whose moderation policy is exactly these phases. */
    const appWithPhases = (phases: Phase[]) => createTestApp(dialect, { clock, phases, testDb: t.testDb });

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      ({ slug, id: articleId } = await makeArticle(t.deps.db.kysely));
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
      // The real policy, set so these guests' comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });
    beforeEach(() => clock.advance(1000));

    it('shows the prompt, a guest form with name and e-mail and a honeypot, with no per-visitor token or cookie', async () => {
      const res = await t.app.inject(`/articles/${slug}`);
      expect(res.body).toContain('placeholder="Would love your thoughts, please comment."');
      expect(res.body).toMatch(/<input id="comment-name" type="text" name="name" required/);
      expect(res.body).toMatch(/<input id="comment-email" type="email" name="email" required/);
      expect(res.body).toContain('class="hp"');
      // The same page for every guest: a CDN may keep it (src/web/cross-origin.ts has the CSRF check).
      expect(res.body).not.toContain('name="_csrf"');
      expect(res.body).not.toContain('data-csrf=');
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('publishes a guest comment without JavaScript and lands on its anchor', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await postAsGuest(s, slug, { body: 'Night buses are **long overdue**.' });
      expect(res.statusCode).toBe(303);
      const [c] = (await rows()).slice(-1);
      expect(res.headers.location).toBe(`/articles/${slug}#comment-${c!.id}`);
      expect(c).toMatchObject({
        status: 'approved',
        author_name: 'Ann Reader',
        body_html: '<p>Night buses are <strong>long overdue</strong>.</p>',
        depth: 0,
        thread_id: c!.id,
      });
      const guestCookie = [res.headers['set-cookie']].flat().find((h) => h?.startsWith('bs_guest='));
      expect(guestCookie).toMatch(/HttpOnly/i);
      const page = await s.get(`/articles/${slug}`);
      expect(page.body).toContain(`id="comment-${c!.id}"`);
      expect(page.body).toContain('<span data-comment-count="true">1</span> comment');
      expect(page.body).toContain('id="your-comments"');
    });

    it('renders scripts, event handlers and javascript: links inert', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const evil =
        '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)" onclick="alert(4)">click</a> <b onmouseover="alert(5)">bold</b> [x](javascript:alert(6)) <iframe src="https://evil.test"></iframe>';
      expect((await postAsGuest(s, slug, { body: evil })).statusCode).toBe(303);
      const stored = (await rows()).at(-1)!.body_html;
      expect(stored).toBe(
        '<p><a rel="nofollow ugc noopener">click</a> <strong>bold</strong> [x](javascript:alert(6))</p>',
      );
      const page = await t.app.inject(`/articles/${slug}`);
      const list = page.body.slice(page.body.indexOf('class="comment-list"'));
      expect(list).not.toMatch(/<script|onerror|onclick|onmouseover|<iframe|href="javascript:/i);
      const api = await t.app.inject(`/api/articles/${slug}/comments`);
      expect(api.body).not.toMatch(/<script|onerror|onclick|href=\\"javascript:/i);
    });

    it('keeps the safe formatting: bold, italic, nofollow links, quotes and code', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      await postAsGuest(s, slug, {
        body: '*it* and <i>this</i>\n\n> quoted\n\nSee https://example.org and [docs](https://example.org/docs), `x < y`',
      });
      expect((await rows()).at(-1)!.body_html).toBe(
        '<p><em>it</em> and <em>this</em></p>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>See <a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a> and ' +
          '<a href="https://example.org/docs" rel="nofollow ugc noopener">docs</a>, <code>x &lt; y</code></p>',
      );
    });

    it('never shows the commenter’s e-mail on any page or in any API response', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const post = await s.json('POST', `/api/articles/${slug}/comments`, {
        body: 'Private address test',
        name: 'Bo',
        email: 'bo.secret@example.test',
      });
      expect(post.statusCode).toBe(201);
      const id = post.json().id as number;
      const responses = [
        post,
        await s.get(`/articles/${slug}`),
        await s.get(`/articles/${slug}?comments=all`),
        await s.get(`/articles/${slug}?thread=${id}`),
        await s.get(`/api/articles/${slug}/comments`),
        await s.get(`/api/comments/${id}`),
        await s.get(`/comments/${id}/fragment`),
        await s.get(`/comments/${id}/edit`),
        await t.app.inject('/api/openapi.json'),
      ];
      for (const r of responses) {
        expect(r.statusCode).toBeLessThan(400);
        expect(r.body).not.toContain('bo.secret');
        expect(r.body).not.toContain('ann.private');
        expect(r.body).not.toMatch(/ip_?hash|author_?email/i);
      }
    });

    it('asks a guest for a name and a valid e-mail, keeps what they typed and stores nothing', async () => {
      const before = (await rows()).length;
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await s.post(`/articles/${slug}/comments`, {
        body: 'Keep this text',
        name: ' ',
        email: 'not-an-address',
      });
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res.body)).toBe('COMMENT_INVALID');
      expect(res.body).toContain('Please give a name to show with your comment.');
      expect(res.body).toContain('Please give a valid e-mail address');
      expect(res.body).toContain('>Keep this text</textarea>');
      expect(res.body).toContain('aria-invalid="true"');
      expect((await rows()).length).toBe(before);
    });

    it('refuses an empty comment and a comment that is too long', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const empty = await postAsGuest(s, slug, { body: '  <script>x</script>  ' });
      expect(empty.statusCode).toBe(400);
      expect(errorCodeOf(empty.body)).toBe('COMMENT_EMPTY');
      const long = await postAsGuest(s, slug, { body: 'x'.repeat(5001) });
      expect(long.statusCode).toBe(400);
      expect(errorCodeOf(long.body)).toBe('COMMENT_TOO_LONG');
      expect(long.body).toContain('at most 5000 characters');
    });

    it('turns away a filled honeypot with a clear message and stores nothing', async () => {
      const before = (await rows()).length;
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await postAsGuest(s, slug, { website: 'http://spam.test' });
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res.body)).toBe('COMMENT_HONEYPOT');
      expect((await rows()).length).toBe(before);
    });

    it('refuses a cross-site post, and a post that carries neither the browser headers nor a token', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const before = (await rows()).length;
      const refusals: Record<string, string>[] = [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
      ];
      for (const headers of refusals) {
        const res = await postAsGuest(s, slug, {}, headers);
        expect(res.statusCode).toBe(403);
        expect(errorCodeOf(res.body)).toBe('CSRF_INVALID');
      }
      const res = await postAsGuest(s, slug, { _csrf: 'forged' });
      expect(res.statusCode).toBe(403);
      expect((await rows()).length).toBe(before);
      const api = await s.json(
        'POST',
        `/api/articles/${slug}/comments`,
        { body: 'x', name: 'A', email: 'a@example.test' },
        { 'x-csrf-token': '' },
      );
      expect(api.statusCode).toBe(403);
    });

    it('lets a signed-in reader comment with their account, shown as a member', async () => {
      const user = await makeUser(t.deps.db.kysely, { name: 'Maya Member' });
      const s = await formSession(t.app, '/login');
      await s.post('/login', { email: user.email, password: user.password });
      const page = await s.get(`/articles/${slug}`);
      expect(page.body).toContain('Commenting as <strong>Maya Member</strong>');
      expect(page.body).not.toContain('id="comment-email"');
      const res = await s.post(`/articles/${slug}/comments`, {
        body: 'From my account',
        name: 'Someone Else',
        email: 'x@example.test',
      });
      expect(res.statusCode).toBe(303);
      const c = (await rows()).at(-1)!;
      expect(c).toMatchObject({
        author_user_id: user.id,
        author_name: 'Maya Member',
        author_email: null,
        edit_token_hash: null,
      });
      const after = await s.get(`/articles/${slug}`);
      expect(after.body).toMatch(
        new RegExp(`id="comment-${c.id}"[^>]*>[\\s\\S]*?Maya Member</span> <span class="badge">member</span>`),
      );
    });

    it('stores the IP only as a keyed hash', async () => {
      const c = (await rows()).at(-1)!;
      expect(c.ip_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(c.ip_hash).not.toContain('127.0.0.1');
    });

    describe('with moderation verdicts', () => {
      const verdict =
        (v: ReturnType<Phase>): Phase =>
        () =>
          v;
      // Each test here runs its own app (same database) whose policy is one stub phase; `t` is that app.
      let t: TestApp;
      afterEach(async () => {
        await t.close();
      });

      it('holds a comment for review and tells its author it is awaiting moderation', async () => {
        t = await appWithPhases([verdict({ action: 'hold', reason: 'first comment' })]);
        const s = await formSession(t.app, `/articles/${slug}`);
        const before = (await t.app.inject(`/articles/${slug}`)).body;
        const res = await postAsGuest(s, slug, { body: 'Please hold me' });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe(`/articles/${slug}#your-comments`);
        const c = (await rows()).at(-1)!;
        expect(c.status).toBe('pending');
        // The rule that held it is kept for the moderation queue.
        expect(
          (
            await t.deps.db.kysely
              .selectFrom('comments')
              .select('moderation_reason')
              .where('id', '=', c.id)
              .executeTakeFirstOrThrow()
          ).moderation_reason,
        ).toBe('first comment');
        const mine = await s.get(`/articles/${slug}`);
        expect(mine.body).toMatch(/<q>Please hold me<\/q> <strong>is awaiting moderation<\/strong>/);
        expect(mine.body).not.toContain(`id="comment-${c.id}"`);
        const others = await t.app.inject(`/articles/${slug}`);
        expect(others.body).not.toContain('Please hold me');
        expect(/data-comment-count="true">(\d+)/.exec(others.body)![1]).toBe(
          /data-comment-count="true">(\d+)/.exec(before)![1],
        );
      });

      it('stores spam out of sight and answers the API as if it were held', async () => {
        t = await appWithPhases([verdict({ action: 'spam', reason: 'link farm' })]);
        const s = await formSession(t.app, `/articles/${slug}`);
        const res = await s.json('POST', `/api/articles/${slug}/comments`, {
          body: 'Buy now',
          name: 'Spammer',
          email: 's@example.test',
        });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ status: 'pending', comment: null, html: null });
        expect((await rows()).at(-1)!.status).toBe('spam');
      });

      it('refuses a rejected comment with the phase’s message and stores nothing', async () => {
        t = await appWithPhases([
          verdict({ action: 'reject', reason: 'banned', message: 'You are banned from commenting.' }),
        ]);
        const before = (await rows()).length;
        const s = await formSession(t.app, `/articles/${slug}`);
        const res = await postAsGuest(s, slug, { body: 'Let me in' });
        expect(res.statusCode).toBe(403);
        expect(errorCodeOf(res.body)).toBe('COMMENT_REJECTED');
        expect(res.body).toContain('You are banned from commenting.');
        expect(res.body).toContain('>Let me in</textarea>');
        const api = await s.json('POST', `/api/articles/${slug}/comments`, {
          body: 'Let me in',
          name: 'A',
          email: 'a@example.test',
        });
        expect(api.statusCode).toBe(403);
        expect(api.json()).toMatchObject({ code: 'COMMENT_REJECTED', status: 403 });
        expect((await rows()).length).toBe(before);
      });

      it('stores the HTML a phase rewrote and gives the phases the text and link count', async () => {
        const seen: Array<{
          text: string;
          linkCount: number;
          emailHash: string | null;
          ipHash: string | null;
          isStaff: boolean;
        }> = [];
        t = await appWithPhases([
          (input) => {
            seen.push(input);
            return { rewrite: { html: input.html.replace('darn', '****'), text: input.text.replace('darn', '****') } };
          },
        ]);
        const s = await formSession(t.app, `/articles/${slug}`);
        await postAsGuest(s, slug, {
          body: 'Oh darn, see https://a.example and https://b.example',
          email: 'Mixed.Case@Example.test',
        });
        expect((await rows()).at(-1)!.body_html).toContain('Oh ****, see');
        expect(seen[0]).toMatchObject({
          text: 'Oh darn, see https://a.example and https://b.example',
          linkCount: 2,
          isStaff: false,
        });
        expect(seen[0]!.emailHash).toMatch(/^[0-9a-f]{64}$/);
        expect(seen[0]!.ipHash).toMatch(/^[0-9a-f]{64}$/);
      });
    });

    it('refuses comments on an article whose comments are closed', async () => {
      const closed = await makeArticle(t.deps.db.kysely);
      await t.deps.db.kysely.updateTable('articles').set({ comments_open: 0 }).where('id', '=', closed.id).execute();
      const page = await t.app.inject(`/articles/${closed.slug}`);
      expect(page.body).toContain('Comments are closed on this article.');
      expect(page.body).not.toContain('id="comment-form"');
      const s = await formSession(t.app, `/articles/${slug}`);
      const res = await postAsGuest(s, closed.slug);
      expect(res.statusCode).toBe(403);
      expect(errorCodeOf(res.body)).toBe('COMMENTS_CLOSED');
    });

    it('answers a reader who posts too quickly with 429 and a clear message, across pages and the API', async () => {
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 3, postWindowSeconds: 60 });
      clock.advance(120_000);
      const s = await formSession(t.app, `/articles/${slug}`);
      for (let i = 0; i < 3; i++) expect((await postAsGuest(s, slug, { body: `Quick ${i}` })).statusCode).toBe(303);
      const fourth = await postAsGuest(s, slug, { body: 'One too many' });
      expect(fourth.statusCode).toBe(429);
      expect(errorCodeOf(fourth.body)).toBe('COMMENT_RATE_LIMITED');
      expect(fourth.body).toContain(
        'You are posting too quickly: at most 3 comments every minute. Please wait a little and try again.',
      );
      expect(fourth.body).toContain('>One too many</textarea>');
      expect(fourth.headers['retry-after']).toBe('60');
      const api = await s.json('POST', `/api/articles/${slug}/comments`, {
        body: 'Again',
        name: 'A',
        email: 'a@example.test',
      });
      expect(api.statusCode).toBe(429);
      expect(api.json()).toMatchObject({ code: 'COMMENT_RATE_LIMITED', status: 429 });
      expect(api.headers['retry-after']).toBe('60');
      // A longer window is the longest wait: the header says so, on the form page and in the API.
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 3, postWindowSeconds: 300 });
      expect((await postAsGuest(s, slug, { body: 'Still too many' })).headers['retry-after']).toBe('300');
      expect(
        (await s.json('POST', `/api/articles/${slug}/comments`, { body: 'Again', name: 'A', email: 'a@example.test' }))
          .headers['retry-after'],
      ).toBe('300');
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 3, postWindowSeconds: 60 });
      clock.advance(61_000);
      expect((await postAsGuest(s, slug, { body: 'Patient now' })).statusCode).toBe(303);
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
    });
  });
}
