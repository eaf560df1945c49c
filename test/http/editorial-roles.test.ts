/**
 * The role rules of the editorial side, walked through the real app: who may open which admin page and
 * who may change what. Every refused change is checked to have changed nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeImage } from '../../src/features/images/image.service.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, photoJpeg, signedIn, upload, type Staff } from '../helpers/editorial.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`editorial role rules on ${dialect}`, () => {
    let t: TestApp;
    let author: Staff, otherAuthor: Staff, editor: Staff, moderator: Staff, publisher: Staff;
    let reader: Awaited<ReturnType<typeof makeUser>>;
    const sessions: Record<string, FormSession> = {};

    beforeAll(async () => {
      t = await createTestApp(dialect);
      [author, otherAuthor, editor, moderator, publisher] = await Promise.all([
        makeStaff(t, 'author'),
        makeStaff(t, 'author'),
        makeStaff(t, 'editor'),
        makeStaff(t, 'moderator'),
        makeStaff(t, 'publisher'),
      ]);
      reader = await makeUser(t.deps.db.kysely, { role: 'reader' });
      for (const [name, u] of Object.entries({ author, otherAuthor, editor, moderator, publisher, reader }))
        sessions[name] = await signedIn(t.app, u, '/');
    });
    afterAll(async () => {
      await t.close();
    });

    const row = (id: number) =>
      t.deps.db.kysely
        .selectFrom('articles')
        .select(['headline', 'status', 'revision'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const form = (revision: number, over: Record<string, string | string[]> = {}) => ({
      headline: 'Changed headline',
      body: 'Changed body.',
      bylines: [String(author.id)],
      revision: String(revision),
      ...over,
    });

    it('keeps guests, readers and moderators out of the article and image admin', async () => {
      for (const url of ['/admin/articles', '/admin/articles/new', '/admin/images']) {
        const guest = await t.app.inject(url);
        expect(guest.statusCode).toBe(303);
        expect(guest.headers.location).toMatch(/^\/login\?next=/);
        expect((await sessions.reader!.get(url)).statusCode).toBe(403);
        expect((await sessions.moderator!.get(url)).statusCode).toBe(403);
        expect((await sessions.author!.get(url)).statusCode).toBe(200);
      }
    });

    it('opens staff and settings to the publisher only', async () => {
      for (const url of ['/admin/staff', '/admin/settings']) {
        for (const who of ['reader', 'author', 'editor', 'moderator'])
          expect((await sessions[who]!.get(url)).statusCode, `${who} ${url}`).toBe(403);
        expect((await sessions.publisher!.get(url)).statusCode).toBe(200);
      }
    });

    it('refuses every write from a guest or a reader', async () => {
      const guest = await formSession(t.app, '/login');
      expect((await guest.post('/admin/articles', { headline: 'Guest', bylines: ['1'] })).statusCode).toBe(401);
      const s = sessions.reader!;
      await s.get('/');
      expect((await s.post('/admin/articles', { headline: 'Reader', bylines: [String(reader.id)] })).statusCode).toBe(
        403,
      );
      expect(
        (await upload(t.app, s, { alt: 'x' }, { name: 'a.jpg', type: 'image/jpeg', data: await photoJpeg(64, 64) }))
          .statusCode,
      ).toBe(403);
      expect((await s.post('/admin/settings/cta', { cta_above: '1' })).statusCode).toBe(403);
      expect(
        await t.deps.db.kysely
          .selectFrom('articles')
          .select('id')
          .where('headline', 'in', ['Guest', 'Reader'])
          .execute(),
      ).toEqual([]);
    });

    it('shows the editor to nobody outside the newsroom, even when what they sent is invalid or too large', async () => {
      const live = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Staff-only form',
        authorIds: [author.id],
      });
      const guest = await formSession(t.app, '/login');
      const s = sessions.reader!;
      await s.get('/');
      const invalid = { headline: 'x'.repeat(1001), bylines: [String(reader.id)] };
      const huge = { headline: 'Huge', body: 'ж'.repeat(800_000), bylines: [String(reader.id)] };
      for (const [who, session, status] of [
        ['guest', guest, 401],
        ['reader', s, 403],
      ] as const) {
        for (const [what, body] of [
          ['invalid', invalid],
          ['huge', huge],
        ] as const) {
          for (const url of ['/admin/articles', `/admin/articles/${live.id}`, '/admin/articles/preview']) {
            const res = await session.post(url, body);
            expect(res.statusCode, `${who} ${what} ${url}`).toBe(status);
            expect(res.body, `${who} ${what} ${url}`).not.toContain('name="bylines"');
            expect(res.body).not.toContain(author.email);
          }
        }
      }
      const theirs = await makeArticle(t.deps.db.kysely, {
        status: 'draft',
        headline: 'Another author’s secret draft',
        authorIds: [otherAuthor.id],
      });
      await sessions.author!.get('/admin/articles');
      const res = await sessions.author!.post(`/admin/articles/${theirs.id}`, invalid);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('secret draft');
    });

    it('lists to an author their own unpublished work and everyone’s published articles, but not other authors’ drafts', async () => {
      const q = '?q=Listing%20check';
      await makeArticle(t.deps.db.kysely, {
        status: 'draft',
        headline: 'Listing check: my draft',
        authorIds: [author.id],
      });
      await makeArticle(t.deps.db.kysely, {
        status: 'draft',
        headline: 'Listing check: their draft',
        authorIds: [otherAuthor.id],
      });
      await makeArticle(t.deps.db.kysely, {
        status: 'scheduled',
        headline: 'Listing check: their scheduled piece',
        authorIds: [otherAuthor.id],
      });
      await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Listing check: their published piece',
        authorIds: [otherAuthor.id],
      });
      const mine = (await sessions.author!.get(`/admin/articles${q}`)).body;
      expect(mine).toContain('Listing check: my draft');
      expect(mine).toContain('Listing check: their published piece');
      expect(mine).not.toContain('their draft');
      expect(mine).not.toContain('their scheduled piece');
      const desk = (await sessions.editor!.get(`/admin/articles${q}`)).body;
      for (const h of ['my draft', 'their draft', 'their scheduled piece', 'their published piece'])
        expect(desk).toContain(`Listing check: ${h}`);
    });

    it('lets an author edit their own draft but not another author’s', async () => {
      const own = await makeArticle(t.deps.db.kysely, { status: 'draft', authorIds: [author.id] });
      const theirs = await makeArticle(t.deps.db.kysely, {
        status: 'draft',
        headline: 'Not yours',
        authorIds: [otherAuthor.id],
      });
      const s = sessions.author!;
      await s.get(`/admin/articles/${own.id}/edit`);
      expect((await s.post(`/admin/articles/${own.id}`, form(0))).statusCode).toBe(303);
      expect((await row(own.id)).headline).toBe('Changed headline');

      const edit = await s.get(`/admin/articles/${theirs.id}/edit`);
      expect(edit.headers.location).toBe(`/admin/articles/${theirs.id}/preview`);
      expect((await s.get(`/admin/articles/${theirs.id}/preview`)).statusCode).toBe(403);
      const res = await s.post(
        `/admin/articles/${theirs.id}`,
        form(0, { bylines: [String(author.id), String(otherAuthor.id)] }),
      );
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('You can edit only your own drafts.');
      expect((await row(theirs.id)).headline).toBe('Not yours');
      expect((await s.post(`/admin/articles/${theirs.id}/delete`, {})).statusCode).toBe(403);
      expect((await row(theirs.id)).status).toBe('draft');
    });

    it('does not let an author publish, schedule, or edit what is already published', async () => {
      const own = await makeArticle(t.deps.db.kysely, { status: 'draft', authorIds: [author.id] });
      const s = sessions.author!;
      await s.get(`/admin/articles/${own.id}/edit`);
      const publish = await s.post(`/admin/articles/${own.id}`, { ...form(0), intent: 'publish' });
      expect(publish.statusCode).toBe(403);
      const schedule = await s.post(`/admin/articles/${own.id}`, {
        ...form(0),
        intent: 'schedule',
        publish_at: '2099-01-01T10:00',
      });
      expect(schedule.statusCode).toBe(403);
      expect(await row(own.id)).toMatchObject({ status: 'draft', revision: 0 });

      const live = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Live piece',
        authorIds: [author.id],
      });
      expect((await s.post(`/admin/articles/${live.id}`, form(0))).statusCode).toBe(403);
      expect((await s.post(`/admin/articles/${live.id}/unpublish`, {})).statusCode).toBe(403);
      expect(
        (await s.post(`/admin/articles/${live.id}/corrections`, { correction: 'An author tries to correct this.' }))
          .statusCode,
      ).toBe(403);
      expect((await s.post(`/admin/articles/${live.id}/delete`, {})).statusCode).toBe(403);
      expect(await row(live.id)).toMatchObject({ headline: 'Live piece', status: 'published' });
    });

    it('keeps an article that was once published out of its author’s hands after it is unpublished', async () => {
      const was = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Once live',
        authorIds: [author.id],
      });
      await t.deps.db.kysely.updateTable('articles').set({ status: 'draft' }).where('id', '=', was.id).execute();
      const s = sessions.author!;
      await s.get('/admin/articles');
      expect((await s.post(`/admin/articles/${was.id}/delete`, {})).statusCode).toBe(403);
      expect((await s.post(`/admin/articles/${was.id}`, form(0))).statusCode).toBe(403);
      expect(await row(was.id)).toMatchObject({ headline: 'Once live', status: 'draft' });
    });

    it('lets only the publisher delete an article that carries corrections', async () => {
      const corrected = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Corrected piece',
        authorIds: [author.id],
      });
      await t.deps.db.kysely
        .insertInto('corrections')
        .values({ article_id: corrected.id, body: 'The vote was 7 to 4.', created_at: '2026-06-01T10:00:00.000Z' })
        .execute();
      const e = sessions.editor!;
      const edit = await e.get(`/admin/articles/${corrected.id}/edit`);
      expect(edit.body).not.toContain('Delete this article…');
      const asks = await e.get(`/admin/articles/${corrected.id}/delete`);
      expect(asks.statusCode).toBe(403);
      expect(asks.body).toContain('Only the publisher can delete an article with corrections');
      expect((await e.post(`/admin/articles/${corrected.id}/delete`, {})).statusCode).toBe(403);
      expect(await row(corrected.id)).toMatchObject({ status: 'published' });

      const p = sessions.publisher!;
      expect((await p.get(`/admin/articles/${corrected.id}/edit`)).body).toContain('Delete this article…');
      await p.get(`/admin/articles/${corrected.id}/delete`);
      expect((await p.post(`/admin/articles/${corrected.id}/delete`, {})).statusCode).toBe(303);
      expect(
        await t.deps.db.kysely.selectFrom('articles').select('id').where('id', '=', corrected.id).execute(),
      ).toEqual([]);
    });

    it('lets an editor delete an article without corrections, published or not', async () => {
      const live = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Uncorrected',
        authorIds: [author.id],
      });
      await sessions.editor!.get(`/admin/articles/${live.id}/delete`);
      expect((await sessions.editor!.post(`/admin/articles/${live.id}/delete`, {})).statusCode).toBe(303);
    });

    it('never lets an article out with an empty body, nor empties one that is out', async () => {
      const live = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Has a body',
        authorIds: [author.id],
      });
      const s = sessions.editor!;
      await s.get(`/admin/articles/${live.id}/edit`);
      const emptied = await s.post(`/admin/articles/${live.id}`, form(0, { body: '  ', intent: 'save' }));
      expect(emptied.statusCode).toBe(400);
      expect(
        (
          await t.deps.db.kysely
            .selectFrom('articles')
            .select('body_md')
            .where('id', '=', live.id)
            .executeTakeFirstOrThrow()
        ).body_md,
      ).not.toBe('');
      const draft = await makeArticle(t.deps.db.kysely, { status: 'draft', authorIds: [author.id] });
      await s.get(`/admin/articles/${draft.id}/edit`);
      expect(
        (
          await s.post(
            `/admin/articles/${draft.id}`,
            form(0, { body: '', intent: 'schedule', publish_at: '2099-01-01T10:00' }),
          )
        ).statusCode,
      ).toBe(400);
      expect(await row(draft.id)).toMatchObject({ status: 'draft' });
      const scheduled = await makeArticle(t.deps.db.kysely, { status: 'scheduled', authorIds: [author.id] });
      await s.get(`/admin/articles/${scheduled.id}/edit`);
      const cleared = await s.post(`/admin/articles/${scheduled.id}`, form(0, { body: '', intent: 'save' }));
      expect(cleared.statusCode).toBe(400);
      expect(cleared.body).toContain('needs a body');
      expect(await row(scheduled.id)).toMatchObject({ status: 'scheduled', revision: 0 });
    });

    it('does not let an author drop their own byline (and with it, their access)', async () => {
      const own = await makeArticle(t.deps.db.kysely, { status: 'draft', authorIds: [author.id] });
      const s = sessions.author!;
      await s.get(`/admin/articles/${own.id}/edit`);
      const res = await s.post(`/admin/articles/${own.id}`, form(0, { bylines: [String(otherAuthor.id)] }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Keep your own byline');
    });

    it('lets an author delete their own draft', async () => {
      const own = await makeArticle(t.deps.db.kysely, { status: 'draft', authorIds: [author.id] });
      await sessions.author!.get(`/admin/articles/${own.id}/delete`);
      expect((await sessions.author!.post(`/admin/articles/${own.id}/delete`, {})).statusCode).toBe(303);
    });

    it('lets an editor edit and publish anyone’s article', async () => {
      const theirs = await makeArticle(t.deps.db.kysely, { status: 'draft', authorIds: [otherAuthor.id] });
      const s = sessions.editor!;
      await s.get(`/admin/articles/${theirs.id}/edit`);
      const res = await s.post(`/admin/articles/${theirs.id}`, {
        ...form(0, { bylines: [String(otherAuthor.id)] }),
        intent: 'publish',
      });
      expect(res.statusCode).toBe(303);
      expect(await row(theirs.id)).toMatchObject({ status: 'published', headline: 'Changed headline' });
    });

    it('keeps moderators out of articles and authors out of staff changes', async () => {
      const m = sessions.moderator!;
      await m.get('/');
      expect(
        (await m.post('/admin/articles', { headline: 'Moderator piece', bylines: [String(moderator.id)] })).statusCode,
      ).toBe(403);
      const e = sessions.editor!;
      await e.get('/');
      expect(
        (await e.post('/admin/staff/invite', { email: 'new@example.test', name: 'New', role: 'editor' })).statusCode,
      ).toBe(403);
      expect((await e.post(`/admin/staff/${author.id}/role`, { role: 'publisher' })).statusCode).toBe(403);
      const roleNow = await t.deps.db.kysely
        .selectFrom('users')
        .select('role')
        .where('id', '=', author.id)
        .executeTakeFirstOrThrow();
      expect(roleNow.role).toBe('author');
    });

    it('lets an author describe only images they uploaded, and only editors delete images', async () => {
      const media = t.deps;
      const mine = await storeImage(media, {
        buffer: await photoJpeg(200, 150),
        alt: 'Mine',
        decorative: false,
        uploadedBy: author.id,
      });
      const theirs = await storeImage(media, {
        buffer: await photoJpeg(200, 150),
        alt: 'Theirs',
        decorative: false,
        uploadedBy: otherAuthor.id,
      });
      const s = sessions.author!;
      await s.get(`/admin/images/${mine}`);
      expect((await s.post(`/admin/images/${mine}`, { alt: 'Mine, described better' })).statusCode).toBe(303);
      expect((await s.post(`/admin/images/${theirs}`, { alt: 'Hijacked' })).statusCode).toBe(403);
      expect((await s.post(`/admin/images/${mine}/delete`, {})).statusCode).toBe(403);
      const alts = await t.deps.db.kysely
        .selectFrom('images')
        .select(['id', 'alt'])
        .where('id', 'in', [mine, theirs])
        .orderBy('id')
        .execute();
      expect(alts.map((a) => a.alt)).toEqual(['Mine, described better', 'Theirs']);
      await sessions.editor!.get(`/admin/images/${theirs}`);
      expect((await sessions.editor!.post(`/admin/images/${theirs}/delete`, {})).statusCode).toBe(303);
    });
  });
}
