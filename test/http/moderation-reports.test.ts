/** Readers' reports and the client IP behind bans and limits, through the real app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { insertBan } from '../../src/features/comments/moderation/ban.repo.js';
import { ipBanKey } from '../../src/features/comments/moderation/ban.service.js';
import type { LiveEvent } from '../../src/platform/event-bus.js';
import { hmac } from '../../src/lib/crypto.js';
import { createTestApp, TEST_SECRET, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { addComment, auditOf, signedIn, statusOf } from '../helpers/moderation.js';
import { DIALECTS } from '../helpers/test-db.js';
import { errorCodeOf, formSession, SAME_ORIGIN } from '../helpers/forms.js';
import { textFromStore } from '../../src/lib/message.js';
import { english } from '../../src/platform/i18n.js';

/** A browser at `ip` (optionally behind a proxy that sends X-Forwarded-For): opens the report form, then posts it. */
async function reporterAt(t: TestApp, commentId: number, ip: string, xff?: string) {
  const headers: Record<string, string> = xff ? { 'x-forwarded-for': xff } : {};
  const page = await t.app.inject({ method: 'GET', url: `/comments/${commentId}/report`, remoteAddress: ip, headers });
  expect(page.statusCode).toBe(200);
  return (form: Record<string, string>, id = commentId): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: 'POST',
      url: `/comments/${id}/report`,
      remoteAddress: ip,
      headers: { ...headers, ...SAME_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
}

const keysOf = async (t: TestApp, commentId: number) =>
  (
    await t.deps.db.kysely
      .selectFrom('reports')
      .select('reporter_key')
      .where('comment_id', '=', commentId)
      .orderBy('id')
      .execute()
  ).map((r) => r.reporter_key);

for (const dialect of DIALECTS) {
  describe(`reader reports on ${dialect}`, () => {
    let t: TestApp;
    let article: { id: number; slug: string };
    const db = () => t.deps.db.kysely;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      article = await makeArticle(db(), { headline: 'Budget hearing' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('offers a form without JavaScript, and hides comments that are spam or trash', async () => {
      const id = await addComment(db(), { articleId: article.id, status: 'approved', authorName: 'Sam Writer' });
      const page = await t.app.inject({ method: 'GET', url: `/comments/${id}/report` });
      expect(page.body).toContain('You are reporting the comment by <strong>Sam Writer</strong>');
      expect(page.body).toContain('name="reason" value="misinformation"');
      for (const status of ['spam', 'trash', 'pending'] as const) {
        const hidden = await addComment(db(), { articleId: article.id, status, authorName: 'Hidden Author' });
        const res = await t.app.inject({ method: 'GET', url: `/comments/${hidden}/report` });
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain('Hidden Author');
      }
      expect((await t.app.inject({ method: 'GET', url: '/comments/987654/report' })).statusCode).toBe(404);
    });

    it('asks for a reason, then records one report per reader', async () => {
      const id = await addComment(db(), { articleId: article.id, status: 'approved' });
      const post = await reporterAt(t, id, '198.51.100.1');
      const none = await post({ note: 'hmm' });
      expect(none.statusCode).toBe(422);
      expect(errorCodeOf(none.body)).toBe('REPORT_REASON_REQUIRED');
      expect(await keysOf(t, id)).toEqual([]);
      const sent = await post({ reason: 'spam', note: '  buy-now links  ' });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe(`/comments/${id}/report?done=sent`);
      expect((await t.app.inject({ method: 'GET', url: sent.headers.location as string })).body).toContain(
        'Your report was sent.',
      );
      const again = await post({ reason: 'abuse' });
      expect(again.headers.location).toBe(`/comments/${id}/report?done=already`);
      expect(await keysOf(t, id)).toEqual([`g:${hmac(TEST_SECRET, '198.51.100.1')}`]);
      const row = await db().selectFrom('reports').selectAll().where('comment_id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ reason: 'spam', note: 'buy-now links' });
    });

    it('holds a comment reported by three readers, as a logged system action, with a live update', async () => {
      const id = await addComment(db(), { articleId: article.id, status: 'approved', authorName: 'Loud Person' });
      const count = async () =>
        (
          await db()
            .selectFrom('articles')
            .select('comment_count')
            .where('id', '=', article.id)
            .executeTakeFirstOrThrow()
        ).comment_count;
      const before = await count();
      const events: LiveEvent[] = [];
      const off = t.deps.bus.subscribe(`article:${article.id}`, (e) => events.push(e));
      await (
        await reporterAt(t, id, '198.51.100.11')
      )({ reason: 'abuse', note: 'Insults another reader' });
      await (
        await reporterAt(t, id, '198.51.100.12')
      )({ reason: 'abuse' });
      expect(await statusOf(db(), id)).toBe('approved');
      const late = await reporterAt(t, id, '198.51.100.13'); // opens the form while the comment is still shown
      const { s: reader } = await signedIn(t.app, db(), 'reader');
      await reader.get(`/comments/${id}/report`);
      const third = await reader.json('POST', `/comments/${id}/report`, { reason: 'spam' });
      expect(third.json()).toEqual({ recorded: true, held: true });
      expect(await statusOf(db(), id)).toBe('pending');
      expect(await count()).toBe(before - 1);
      expect(await auditOf(db(), 'comment', id)).toEqual([
        {
          actor: null,
          action: 'comment.hold',
          before: { status: 'approved' },
          after: { status: 'pending', reason: 'reported by 3 readers' },
        },
      ]);
      await expect
        .poll(() => events)
        .toContainEqual(
          expect.objectContaining({
            topic: `article:${article.id}`,
            type: 'comment.update',
            data: { id, status: 'pending' },
          }),
        );
      off();
      const { s: mod } = await signedIn(t.app, db(), 'moderator');
      const queue = await mod.get('/admin/moderation?status=reported');
      expect(queue.body).toContain(`id="mod-${id}"`);
      expect(queue.body).toContain('Reported 3 times:</strong> abuse 2, spam 1');
      expect(queue.body).toContain('“Insults another reader”');
      expect(queue.body).toContain('reported by 3 readers');
      const fourth = await late({ reason: 'abuse' });
      expect(fourth.headers.location).toBe(`/comments/${id}/report?done=sent`);
      expect((await t.app.inject({ method: 'GET', url: fourth.headers.location as string })).body).toContain(
        'Your report was sent.',
      );
      expect((await t.app.inject({ method: 'GET', url: `/comments/${id}/report` })).statusCode).toBe(404);
      expect(await auditOf(db(), 'comment', id)).toHaveLength(1);
    });

    it('after a moderator approves a reported comment, counts only newer reports toward the threshold, and clears why it was held', async () => {
      const id = await addComment(db(), { articleId: article.id, status: 'approved', authorName: 'Contested View' });
      for (const ip of ['198.51.100.31', '198.51.100.32', '198.51.100.33'])
        await (
          await reporterAt(t, id, ip)
        )({ reason: 'abuse' });
      expect(await statusOf(db(), id)).toBe('pending');
      const { s: mod } = await signedIn(t.app, db(), 'moderator');
      await mod.get('/admin/moderation');
      expect((await mod.post('/admin/moderation/act', { one: `approve:${id}` })).statusCode).toBe(303);
      const approved = await db()
        .selectFrom('comments')
        .select(['status', 'moderation_reason'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(approved).toEqual({ status: 'approved', moderation_reason: null });
      // One new reader objects: the moderator's decision stands until three new readers do.
      await (
        await reporterAt(t, id, '198.51.100.34')
      )({ reason: 'abuse' });
      await (
        await reporterAt(t, id, '198.51.100.35')
      )({ reason: 'spam' });
      expect(await statusOf(db(), id)).toBe('approved');
      await (
        await reporterAt(t, id, '198.51.100.36')
      )({ reason: 'spam' });
      const held = await db()
        .selectFrom('comments')
        .select(['status', 'moderation_reason'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(held.status).toBe('pending');
      // Stored as a catalogue message, so the queue says it in the site's language of the day.
      expect(english(textFromStore(held.moderation_reason!))).toBe('reported by 3 readers');
    });

    it('lists a comment under "Reported" until a moderator decides on it, and again when a new reader reports it', async () => {
      const { s: mod } = await signedIn(t.app, db(), 'moderator');
      const listed = async (id: number) =>
        (await mod.get('/admin/moderation?status=reported')).body.includes(`id="mod-${id}"`);
      const held = await addComment(db(), {
        articleId: article.id,
        status: 'approved',
        authorName: 'Held Then Cleared',
      });
      for (const ip of ['198.51.100.41', '198.51.100.42', '198.51.100.43'])
        await (
          await reporterAt(t, held, ip)
        )({ reason: 'abuse' });
      // Reported once, below the threshold: still shown, and approving it dismisses the report.
      const shown = await addComment(db(), { articleId: article.id, status: 'approved', authorName: 'Once Reported' });
      await (
        await reporterAt(t, shown, '198.51.100.44')
      )({ reason: 'spam' });
      expect(await listed(held)).toBe(true);
      expect(await listed(shown)).toBe(true);
      await mod.post('/admin/moderation/act', { action: 'approve', ids: [String(held), String(shown)] });
      expect(await statusOf(db(), held)).toBe('approved');
      expect(await listed(held)).toBe(false);
      expect(await listed(shown)).toBe(false);
      await (
        await reporterAt(t, shown, '198.51.100.45')
      )({ reason: 'abuse' });
      expect(await listed(shown)).toBe(true);
      expect(await listed(held)).toBe(false);
    });

    it("refuses reporting one's own comment, and reports from a banned IP", async () => {
      const { s, id: userId } = await signedIn(t.app, db(), 'reader');
      const own = await addComment(db(), { articleId: article.id, status: 'approved', authorUserId: userId });
      await s.get(`/comments/${own}/report`);
      const res = await s.post(`/comments/${own}/report`, { reason: 'spam' });
      expect(res.statusCode).toBe(400);
      expect(errorCodeOf(res.body)).toBe('REPORT_OWN_COMMENT');
      // A guest is the author in the browser they wrote from (their bs_guest cookie), as for editing.
      const guest = await formSession(t.app, `/articles/${article.slug}`, { ip: '198.51.100.67' });
      await guest.post(`/articles/${article.slug}/comments`, {
        body: 'My own guest words.',
        name: 'Gus Guest',
        email: 'gus@example.test',
      });
      const { id: guestOwn } = await db()
        .selectFrom('comments')
        .select('id')
        .where('author_email', '=', 'gus@example.test')
        .executeTakeFirstOrThrow();
      await db().updateTable('comments').set({ status: 'approved' }).where('id', '=', guestOwn).execute();
      await guest.get(`/comments/${guestOwn}/report`);
      const guestRes = await guest.post(`/comments/${guestOwn}/report`, { reason: 'spam' });
      expect(guestRes.statusCode).toBe(400);
      expect(errorCodeOf(guestRes.body)).toBe('REPORT_OWN_COMMENT');
      expect(await keysOf(t, guestOwn)).toEqual([]);
      // Another browser on another address may report it.
      expect((await (await reporterAt(t, guestOwn, '198.51.100.68'))({ reason: 'spam' })).statusCode).toBe(303);
      await insertBan(db(), {
        kind: 'ip',
        value: ipBanKey(TEST_SECRET, '198.51.100.66'),
        reason: 'x',
        expiresAt: null,
        createdBy: null,
        createdAt: new Date().toISOString(),
      });
      const other = await addComment(db(), { articleId: article.id, status: 'approved' });
      const banned = await (await reporterAt(t, other, '198.51.100.66'))({ reason: 'spam' });
      expect(banned.statusCode).toBe(403);
      expect(await keysOf(t, own)).toEqual([]);
      expect(await keysOf(t, other)).toEqual([]);
    });

    it('limits reports to five a minute per client', async () => {
      const ids = await Promise.all(
        Array.from({ length: 6 }, () => addComment(db(), { articleId: article.id, status: 'approved' })),
      );
      const post = await reporterAt(t, ids[0]!, '198.51.100.77');
      const codes: number[] = [];
      for (const id of ids) codes.push((await post({ reason: 'spam' }, id)).statusCode);
      expect(codes).toEqual([303, 303, 303, 303, 303, 429]);
      expect(await keysOf(t, ids[5]!)).toEqual([]);
      expect((await (await reporterAt(t, ids[5]!, '198.51.100.78'))({ reason: 'spam' })).statusCode).toBe(303);
    });

    it('ignores X-Forwarded-For when no proxy is trusted', async () => {
      const id = await addComment(db(), { articleId: article.id, status: 'approved' });
      await (
        await reporterAt(t, id, '10.0.0.1', '198.51.100.99')
      )({ reason: 'spam' });
      expect(await keysOf(t, id)).toEqual([`g:${hmac(TEST_SECRET, '10.0.0.1')}`]);
    });
  });

  describe(`client IP behind TRUSTED_PROXIES on ${dialect}`, () => {
    let t: TestApp;
    let articleId: number;
    const db = () => t.deps.db.kysely;
    const approved = () => addComment(db(), { articleId, status: 'approved' });

    beforeAll(async () => {
      t = await createTestApp(dialect, { config: { trustedProxies: ['10.0.0.1'] } });
      articleId = (await makeArticle(db())).id;
      await insertBan(db(), {
        kind: 'ip',
        value: ipBanKey(TEST_SECRET, '203.0.113.9'),
        reason: 'x',
        expiresAt: null,
        createdBy: null,
        createdAt: new Date().toISOString(),
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it('takes the client from X-Forwarded-For only when the trusted proxy sends it', async () => {
      const viaProxy = await approved();
      await (
        await reporterAt(t, viaProxy, '10.0.0.1', '198.51.100.7')
      )({ reason: 'spam' });
      expect(await keysOf(t, viaProxy)).toEqual([`g:${hmac(TEST_SECRET, '198.51.100.7')}`]);
      const forged = await approved();
      await (
        await reporterAt(t, forged, '203.0.113.5', '198.51.100.8')
      )({ reason: 'spam' });
      expect(await keysOf(t, forged)).toEqual([`g:${hmac(TEST_SECRET, '203.0.113.5')}`]);
    });

    it('does not let a forged header dodge an IP ban, and applies the ban to the real client behind the proxy', async () => {
      const id = await approved();
      expect((await (await reporterAt(t, id, '203.0.113.9', '198.51.100.50'))({ reason: 'spam' })).statusCode).toBe(
        403,
      );
      expect((await (await reporterAt(t, id, '10.0.0.1', '203.0.113.9'))({ reason: 'spam' })).statusCode).toBe(403);
      expect((await (await reporterAt(t, id, '10.0.0.1', '198.51.100.51'))({ reason: 'spam' })).statusCode).toBe(303);
    });

    it('does not let a forged header dodge the rate limit, and limits each client behind the proxy separately', async () => {
      const ids = await Promise.all(Array.from({ length: 6 }, () => approved()));
      const forgedCodes: number[] = [];
      for (const [i, id] of ids.entries())
        forgedCodes.push(
          (await (await reporterAt(t, id, '203.0.113.40', `198.51.100.${100 + i}`))({ reason: 'spam' })).statusCode,
        );
      expect(forgedCodes).toEqual([303, 303, 303, 303, 303, 429]);
      const proxiedCodes: number[] = [];
      for (const [i, id] of ids.entries())
        proxiedCodes.push(
          (await (await reporterAt(t, id, '10.0.0.1', `198.51.100.${200 + i}`))({ reason: 'spam' })).statusCode,
        );
      expect(proxiedCodes).toEqual([303, 303, 303, 303, 303, 303]);
    });
  });
}
