/** The moderation queue through the real app: roles, filters, single and bulk actions, audit, live events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../src/platform/event-bus.js';
import { hmac } from '../../src/lib/crypto.js';
import { createTestApp, TEST_SECRET, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle } from '../helpers/factories.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { addComment, auditOf, signedIn, statusOf } from '../helpers/moderation.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`moderation queue on ${dialect}`, () => {
    let t: TestApp;
    let mod: { s: FormSession; id: number };
    let article: { id: number; slug: string };
    const db = () => t.deps.db.kysely;
    const article1 = () =>
      db()
        .selectFrom('articles')
        .select(['comment_count', 'comments_version'])
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await createTestApp(dialect);
      article = await makeArticle(db(), { headline: 'Council votes on the bridge' });
      mod = await signedIn(t.app, db(), 'moderator', 'Mona Moderator');
    });
    afterAll(async () => {
      await t.close();
    });

    it('admits moderators and the publisher only', async () => {
      const guest = await t.app.inject({ method: 'GET', url: '/admin/moderation' });
      expect(guest.statusCode).toBe(303);
      expect(guest.headers.location).toBe('/login?next=%2Fadmin%2Fmoderation');
      for (const role of ['reader', 'author', 'editor'] as const) {
        const { s } = await signedIn(t.app, db(), role);
        expect((await s.get('/admin/moderation')).statusCode).toBe(403);
      }
      const { s: pub } = await signedIn(t.app, db(), 'publisher');
      expect((await pub.get('/admin/moderation')).statusCode).toBe(200);
      expect((await mod.s.get('/admin/moderation')).statusCode).toBe(200);
    });

    it('shows a held comment with its article, author, reason and fingerprints, never the e-mail or IP', async () => {
      const id = await addComment(db(), {
        articleId: article.id,
        authorName: 'Pat Guest',
        authorEmail: 'pat.private@example.test',
        ip: '198.51.100.23',
        text: 'Hold me',
        reason: 'new commenter (0 of 1 approved)',
      });
      const res = await mod.s.get('/admin/moderation');
      expect(res.body).toContain(`id="mod-${id}"`);
      expect(res.body).toContain('Council votes on the bridge');
      expect(res.body).toContain('Pat Guest');
      expect(res.body).toContain('new commenter (0 of 1 approved)');
      expect(res.body).toContain(`IP #${hmac(TEST_SECRET, '198.51.100.23').slice(0, 8)}`);
      expect(res.body).toContain(`e-mail #${hmac(TEST_SECRET, 'pat.private@example.test').slice(0, 8)}`);
      expect(res.body).not.toContain('pat.private');
      expect(res.body).not.toContain('198.51.100.23');
      expect(res.body).not.toContain(hmac(TEST_SECRET, '198.51.100.23'));
    });

    it('approves one comment: status, recount, new discussion version, audit with before/after, live event', async () => {
      const id = await addComment(db(), { articleId: article.id });
      const before = await article1();
      const events: LiveEvent[] = [];
      const off = t.deps.bus.subscribe(`article:${article.id}`, (e) => events.push(e));
      const page = await mod.s.get('/admin/moderation');
      expect(page.statusCode).toBe(200);
      const res = await mod.s.post('/admin/moderation/act', {
        one: `approve:${id}`,
        return: '/admin/moderation?status=pending',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/moderation?done=approve&n=1');
      expect(await statusOf(db(), id)).toBe('approved');
      const after = await article1();
      expect(after.comment_count).toBe(before.comment_count + 1);
      expect(after.comments_version).toBeGreaterThan(before.comments_version);
      expect(await auditOf(db(), 'comment', id)).toEqual([
        { actor: mod.id, action: 'comment.approve', before: { status: 'pending' }, after: { status: 'approved' } },
      ]);
      await expect
        .poll(() => events)
        .toContainEqual(expect.objectContaining({ topic: `article:${article.id}`, type: 'comment.new', data: { id } }));
      off();
      const notice = await mod.s.get(res.headers.location as string);
      expect(notice.body).toContain('1 comment approved.');
    });

    it('marks several comments as spam in one bulk action, auditing each', async () => {
      const ids = [
        await addComment(db(), { articleId: article.id }),
        await addComment(db(), { articleId: article.id }),
        await addComment(db(), { articleId: article.id, status: 'spam' }),
      ];
      await mod.s.get('/admin/moderation');
      const res = await mod.s.post('/admin/moderation/act', { action: 'spam', ids: ids.map(String) });
      expect(res.headers.location).toBe('/admin/moderation?done=spam&n=2');
      for (const id of ids) expect(await statusOf(db(), id)).toBe('spam');
      expect((await auditOf(db(), 'comment', ids[0]!))[0]).toMatchObject({
        action: 'comment.spam',
        before: { status: 'pending' },
        after: { status: 'spam' },
      });
      expect(await auditOf(db(), 'comment', ids[2]!)).toEqual([]);
    });

    it('trashes and restores (back to pending), recounting the approved comments', async () => {
      const id = await addComment(db(), { articleId: article.id, status: 'approved' });
      const count = (await article1()).comment_count;
      await mod.s.get('/admin/moderation');
      await mod.s.post('/admin/moderation/act', { one: `trash:${id}` });
      expect(await statusOf(db(), id)).toBe('trash');
      expect((await article1()).comment_count).toBe(count - 1);
      await mod.s.post('/admin/moderation/act', { one: `restore:${id}` });
      expect(await statusOf(db(), id)).toBe('pending');
      expect((await auditOf(db(), 'comment', id)).map((a) => a.action)).toEqual(['comment.trash', 'comment.restore']);
    });

    it('answers JSON to the queue script', async () => {
      const id = await addComment(db(), { articleId: article.id });
      await mod.s.get('/admin/moderation');
      const res = await mod.s.json('POST', '/admin/moderation/act', { action: 'approve', ids: [id, 999999] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ action: 'approve', changed: [{ id, status: 'approved' }], unchanged: [999999] });
    });

    it('refuses a forged CSRF token and an empty selection, changing nothing', async () => {
      const id = await addComment(db(), { articleId: article.id });
      await mod.s.get('/admin/moderation');
      const forged = await mod.s.post('/admin/moderation/act', { one: `approve:${id}`, _csrf: 'forged' });
      expect(forged.statusCode).toBe(403);
      const empty = await mod.s.post('/admin/moderation/act', { action: 'approve' });
      expect(empty.statusCode).toBe(400);
      expect(errorCodeOf(empty.body)).toBe('MODERATION_SELECTION_EMPTY');
      const bad = await mod.s.post('/admin/moderation/act', { one: `delete:${id}` });
      expect(bad.statusCode).toBe(400);
      expect(await statusOf(db(), id)).toBe('pending');
      const { s: reader } = await signedIn(t.app, db(), 'reader');
      await reader.get('/');
      expect((await reader.post('/admin/moderation/act', { one: `approve:${id}` })).statusCode).toBe(403);
      expect(await statusOf(db(), id)).toBe('pending');
    });

    it('filters by status, article and commenter, and pages with a cursor', async () => {
      const other = await makeArticle(db(), { headline: 'Library hours extended' });
      const mine = await addComment(db(), {
        articleId: other.id,
        authorName: 'Zelda Zed',
        authorEmail: 'zelda@example.test',
      });
      const second = await addComment(db(), {
        articleId: other.id,
        authorName: 'Zelda Z.',
        authorEmail: 'zelda@example.test',
        status: 'approved',
      });
      const byArticle = await mod.s.get(`/admin/moderation?article=${other.id}`);
      expect(byArticle.body).toContain(`id="mod-${mine}"`);
      expect(byArticle.body).not.toContain('Council votes on the bridge</a>');
      const byName = await mod.s.get('/admin/moderation?commenter=zelda');
      expect(byName.body).toContain(`id="mod-${mine}"`);
      expect(byName.body).not.toContain(`id="mod-${second}"`);
      // `_` and `%` in the filter are characters of the name, not LIKE wildcards.
      const underscore = await addComment(db(), { articleId: other.id, authorName: 'Wild_Card Fan' });
      const lookalike = await addComment(db(), { articleId: other.id, authorName: 'WildXCard Fan' });
      const percent = await addComment(db(), { articleId: other.id, authorName: '100% Wildcard' });
      const byUnderscore = await mod.s.get('/admin/moderation?commenter=wild_card');
      expect(byUnderscore.body).toContain(`id="mod-${underscore}"`);
      expect(byUnderscore.body).not.toContain(`id="mod-${lookalike}"`);
      const byPercent = (await mod.s.get('/admin/moderation?commenter=0%25%20Wild')).body;
      expect(byPercent).toContain(`id="mod-${percent}"`);
      expect(byPercent.match(/class="mod-item"/g)).toHaveLength(1);
      expect((await mod.s.get('/admin/moderation?commenter=%25')).body.match(/class="mod-item"/g)).toHaveLength(1);
      await db().deleteFrom('comments').where('id', 'in', [underscore, lookalike, percent]).execute();
      // An account number beyond 32 bits names nobody (and never reaches PostgreSQL's integer).
      const huge = await mod.s.get('/admin/moderation?commenter=%239999999999');
      expect(huge.statusCode).toBe(200);
      expect(huge.body).not.toContain('class="mod-item"');
      const { id: acct } = await signedIn(t.app, db(), 'reader', 'Acct Holder');
      const byAccount = await addComment(db(), { articleId: other.id, authorUserId: acct, authorName: 'Acct Holder' });
      const accountPage = await mod.s.get(`/admin/moderation?commenter=%23${acct}`);
      expect(accountPage.body.match(/class="mod-item"/g)).toHaveLength(1);
      expect(accountPage.body).toContain(`id="mod-${byAccount}"`);
      await db().deleteFrom('comments').where('id', '=', byAccount).execute();
      const sameAs = await mod.s.get(`/admin/moderation?status=all&sameAs=${mine}`);
      expect(sameAs.body).toContain(`id="mod-${second}"`);
      expect(sameAs.body).toContain('Showing comments by Zelda Zed');
      for (let i = 0; i < 51; i++) await addComment(db(), { articleId: other.id, authorName: `Bulk ${i}` });
      const first = await mod.s.get(`/admin/moderation?article=${other.id}`);
      expect(first.body.match(/class="mod-item"/g)).toHaveLength(50);
      const next = /href="(\/admin\/moderation\?article=\d+&amp;before=\d+)"/
        .exec(first.body)![1]!
        .replace(/&amp;/g, '&');
      const page2 = await mod.s.get(next);
      expect(page2.body.match(/class="mod-item"/g)).toHaveLength(2);
      expect(page2.body).toContain(`id="mod-${mine}"`);
      expect((await mod.s.get('/admin/moderation?status=bogus')).statusCode).toBe(400);
    });
  });
}
