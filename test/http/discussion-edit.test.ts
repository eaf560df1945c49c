import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { errorCodeOf, formSession, type FormSession } from '../helpers/forms.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { postAsGuest, setDiscussionSettings, setModerationSettings } from '../helpers/discussion.js';
import type { Phase } from '../../src/features/comments/moderation/pipeline.js';

for (const dialect of DIALECTS) {
  describe(`editing and deleting one's own comment on ${dialect}`, () => {
    let t: TestApp;
    let slug = '';
    const clock = fixedClock('2026-06-14T12:00:00Z');
    const row = (id: number) =>
      t.deps.db.kysely.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const post = async (s: FormSession, fields: Record<string, string> = {}) => {
      clock.advance(1000);
      const res = await postAsGuest(s, slug, fields);
      return Number(/comment-(\d+)$/.exec(res.headers.location as string)![1]);
    };

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      ({ slug } = await makeArticle(t.deps.db.kysely));
      await setDiscussionSettings(t.deps.db.kysely, { postLimit: 100 });
      // The real moderation policy, set so these comments are approved: no hold for a first comment.
      await setModerationSettings(t.deps.db.kysely, { newCommenterApprovals: 0 });
    });
    afterAll(async () => {
      await t.close();
    });

    it('keeps only a hash of the guest’s edit token and offers the author an edit link', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const id = await post(s, { body: 'Frist!' });
      const c = await row(id);
      expect(c.edit_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(c.edit_token_hash).not.toBe(s.cookies.get('bs_guest'));
      const page = (await s.get(`/articles/${slug}`)).body;
      expect(page).toContain(`data-own="${id}"`);
      expect(page).toContain(`<a href="/comments/${id}/edit">edit or delete it</a> for 15 more minutes`);
      const stranger = (await t.app.inject(`/articles/${slug}`)).body;
      expect(stranger).not.toMatch(/data-own="\d/);
      expect(stranger).not.toContain('id="your-comments"');
    });

    it('lets a guest fix their comment within the edit window, with their text in the form', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const id = await post(s, { body: 'Teh **buses** are late' });
      const form = await s.get(`/comments/${id}/edit`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('>Teh **buses** are late</textarea>');
      clock.advance(10 * 60_000);
      const res = await s.post(`/comments/${id}/edit`, { body: 'The **buses** are late' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/comments/${id}`);
      const c = await row(id);
      expect(c.body_html).toBe('<p>The <strong>buses</strong> are late</p>');
      expect(c.edited_at).toBe(clock.now().toISOString());
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toMatch(
        new RegExp(
          `id="comment-${id}"[\\s\\S]*?<span class="edited">\\(edited\\)</span>[\\s\\S]*?The <strong>buses</strong>`,
        ),
      );
    });

    it('closes the edit window after 15 minutes', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const id = await post(s, { body: 'Soon frozen' });
      clock.advance(15 * 60_000 + 1000);
      const res = await s.post(`/comments/${id}/edit`, { body: 'Too late' });
      expect(res.statusCode).toBe(403);
      expect(errorCodeOf(res.body)).toBe('COMMENT_EDIT_CLOSED');
      expect((await s.post(`/comments/${id}/delete`, {})).statusCode).toBe(403);
      expect((await row(id)).body_html).toBe('<p>Soon frozen</p>');
    });

    it('refuses edits and deletes from anyone but the author', async () => {
      const author = await formSession(t.app, `/articles/${slug}`);
      const id = await post(author, { body: 'Only mine' });
      const other = await formSession(t.app, `/articles/${slug}`);
      await other.post('/comments/vote', { vote: `${id}:up` }); // gives the other reader a guest cookie
      expect((await other.post(`/comments/${id}/edit`, { body: 'Hijacked' })).statusCode).toBe(403);
      expect((await other.post(`/comments/${id}/delete`, {})).statusCode).toBe(403);
      const noCookie = await formSession(t.app, `/articles/${slug}`);
      const res = await noCookie.post(`/comments/${id}/edit`, { body: 'Hijacked' });
      expect(res.statusCode).toBe(403);
      expect((await row(id)).body_html).toBe('<p>Only mine</p>');
    });

    it('lets a guest delete their comment, which leaves the page and the count', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const id = await post(s, { body: 'Regret this' });
      const before = Number(/data-comment-count="true">(\d+)/.exec((await t.app.inject(`/articles/${slug}`)).body)![1]);
      const res = await s.post(`/comments/${id}/delete`, {});
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/articles/${slug}#comments`);
      expect((await row(id)).status).toBe('trash');
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).not.toContain(`id="comment-${id}"`);
      expect(Number(/data-comment-count="true">(\d+)/.exec(page)![1])).toBe(before - 1);
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'comment.delete_own')
        .execute();
      expect(audit.map((a) => a.subject_id)).toContain(String(id));
      // The audit log names the guest author as who acted, not "System".
      const pub = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      const staff = await formSession(t.app, '/login');
      await staff.post('/login', { email: pub.email, password: pub.password });
      const log = (await staff.get(`/admin/audit?subject=comment&id=${id}`)).body;
      expect(log).toContain('<td>Guest (the author)</td><td><code>comment.delete_own</code>');
    });

    it('keeps a comment others have answered', async () => {
      const s = await formSession(t.app, `/articles/${slug}`);
      const id = await post(s, { body: 'Answered' });
      const other = await formSession(t.app, `/articles/${slug}`);
      await post(other, { body: 'An answer', parentId: String(id) });
      const res = await s.post(`/comments/${id}/delete`, {});
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('Others have replied to this comment, so it stays up. You can still edit it.');
      expect((await row(id)).status).toBe('approved');
    });

    it('lets an account edit its comment from any browser it signs in with', async () => {
      const user = await makeUser(t.deps.db.kysely);
      const first = await formSession(t.app, '/login');
      await first.post('/login', { email: user.email, password: user.password });
      await first.get(`/articles/${slug}`);
      const id = await post(first, { body: 'From the laptop' });
      const second = await formSession(t.app, '/login');
      await second.post('/login', { email: user.email, password: user.password });
      await second.get(`/comments/${id}/edit`);
      expect((await second.post(`/comments/${id}/edit`, { body: 'From the phone' })).statusCode).toBe(303);
      expect((await row(id)).body_html).toBe('<p>From the phone</p>');
    });

    it('moderates an edit again and never lets an edit lift a held comment', async () => {
      // This reader writes through an app of its own on the same database, whose policy is one stub phase
      // the test sets (passing everything at first).
      let phase: Phase = () => null;
      const stubbed = await createTestApp(dialect, { clock, testDb: t.testDb, phases: [(i, ctx) => phase(i, ctx)] });
      const s = await formSession(stubbed.app, `/articles/${slug}`);
      const id = await post(s, { body: 'Fine at first' });
      phase = (input) => (input.text.includes('casino') ? { action: 'hold', reason: 'spam words' } : null);
      try {
        expect((await s.post(`/comments/${id}/edit`, { body: 'Now with casino links' })).headers.location).toBe(
          `/articles/${slug}#your-comments`,
        );
        expect((await row(id)).status).toBe('pending');
        const reason = async () =>
          (
            await t.deps.db.kysely
              .selectFrom('comments')
              .select('moderation_reason')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).moderation_reason;
        // The queue says which rule held the edited text, and keeps saying it while the comment stays held.
        expect(await reason()).toBe('spam words');
        expect((await t.app.inject(`/articles/${slug}`)).body).not.toContain(`id="comment-${id}"`);
        await s.post(`/comments/${id}/edit`, { body: 'Clean again' });
        expect((await row(id)).status).toBe('pending');
        expect(await reason()).toBe('spam words');
        phase = () => ({ action: 'reject', reason: 'x', message: 'That edit is not allowed.' });
        const refused = await s.post(`/comments/${id}/edit`, { body: 'Anything' });
        expect(refused.statusCode).toBe(403);
        expect(errorCodeOf(refused.body)).toBe('COMMENT_REJECTED');
        expect(refused.body).toContain('That edit is not allowed.');
        expect(refused.body).toContain('>Anything</textarea>');
        expect((await row(id)).body_html).toBe('<p>Clean again</p>');
      } finally {
        await stubbed.close();
      }
    });
  });
}
