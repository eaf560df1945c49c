import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { REVISIONS_KEPT } from '../../src/features/articles/article.service.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, multipart, photoJpeg, signedIn, type Staff } from '../helpers/editorial.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`revision history and autosave on ${dialect}`, () => {
    let t: TestApp;
    let editor: Staff;
    let author: Staff;
    let otherAuthor: Staff;
    const clock = fixedClock('2026-06-14T09:00:00Z');

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeStaff(t, 'editor', 'Erin Editor');
      author = await makeStaff(t, 'author', 'Avery Author');
      otherAuthor = await makeStaff(t, 'author', 'Olly Other');
    });
    afterAll(async () => {
      await t.close();
    });

    const form = (byline: number, over: Record<string, string> = {}) => ({
      headline: 'Night buses return',
      slug: '',
      excerpt: 'Three routes from May.',
      dateline: 'RIVERTON',
      body: 'The night buses return in May.\n\nThree routes run.',
      section: '',
      tags: '',
      bylines: [String(byline)],
      lead_image: '',
      ...over,
    });
    const db = () => t.deps.db.kysely;
    const revisionOf = async (id: number) =>
      (await db().selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow()).revision;
    const revisionsOf = (id: number) =>
      db().selectFrom('article_revisions').selectAll().where('article_id', '=', id).orderBy('id').execute();

    async function create(s: FormSession, byline: number, over: Record<string, string> = {}) {
      await s.get('/admin/articles/new');
      const res = await s.post('/admin/articles', form(byline, over));
      expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
      return Number(/\/admin\/articles\/(\d+)\/edit/.exec(res.headers.location as string)![1]);
    }
    async function save(s: FormSession, id: number, byline: number, over: Record<string, string> = {}) {
      await s.get(`/admin/articles/${id}/edit`);
      return s.post(`/admin/articles/${id}`, form(byline, { revision: String(await revisionOf(id)), ...over }));
    }
    const autosave = (s: FormSession, id: number, body: Record<string, unknown>) =>
      s.json('POST', `/admin/articles/${id}/autosave`, {
        headline: 'Night buses return',
        excerpt: '',
        dateline: '',
        body: 'typing…',
        revision: 0,
        draft: 0,
        ...body,
      });

    it('records a revision with who and when at every save', async () => {
      const s = await signedIn(t.app, author);
      const id = await create(s, author.id);
      expect((await save(s, id, author.id, { body: 'Second text.' })).statusCode).toBe(303);
      const rows = await revisionsOf(id);
      expect(rows.map((r) => [r.kind, r.article_revision, r.body_md, r.created_by])).toEqual([
        ['save', 0, 'The night buses return in May.\n\nThree routes run.', author.id],
        ['save', 1, 'Second text.', author.id],
      ]);
      expect(rows[0]).toMatchObject({
        headline: 'Night buses return',
        dateline: 'RIVERTON',
        created_at: '2026-06-14T09:00:00.000Z',
      });
      const history = await s.get(`/admin/articles/${id}/history`);
      expect(history.statusCode).toBe(200);
      expect(history.body).toContain('Avery Author');
      expect(history.body).toContain(`/admin/articles/${id}/history/${rows[0]!.id}`);
    });

    it(`keeps only the newest ${REVISIONS_KEPT} revisions of an article`, async () => {
      const s = await signedIn(t.app, editor);
      const id = await create(s, editor.id, { headline: 'Many saves' });
      // Fill the history directly up to the bound, then save twice through the form.
      const values = Array.from({ length: REVISIONS_KEPT }, (_, i) => ({
        article_id: id,
        kind: 'save' as const,
        article_revision: 0,
        headline: `Old ${i}`,
        excerpt: '',
        dateline: null,
        body_md: `old body ${i}`,
        created_by: editor.id,
        created_at: '2026-06-01T00:00:00.000Z',
      }));
      await db().insertInto('article_revisions').values(values).execute();
      expect((await save(s, id, editor.id, { headline: 'Many saves', body: 'Newest.' })).statusCode).toBe(303);
      const rows = await revisionsOf(id);
      expect(rows).toHaveLength(REVISIONS_KEPT);
      expect(rows[rows.length - 1]!.body_md).toBe('Newest.');
      expect(rows.some((r) => r.body_md.startsWith('The night buses'))).toBe(false);
      expect(rows[0]!.body_md).toBe('old body 1');
    });

    it('shows a line and word diff with every character escaped', async () => {
      const s = await signedIn(t.app, editor);
      const id = await create(s, editor.id, {
        headline: 'Diff <b>test</b>',
        body: 'Same line.\n\nThe <script>alert(1)</script> old words here.',
      });
      await save(s, id, editor.id, {
        headline: 'Diff <b>test</b>',
        body: 'Same line.\n\nThe <img src=x onerror=alert(2)> new words here.',
      });
      const [first] = await revisionsOf(id);
      const res = await s.get(`/admin/articles/${id}/history/${first!.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert(1)');
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
      expect(res.body).toMatch(/<del class="diff-word">[^<]*old/);
      expect(res.body).toMatch(/<ins class="diff-word">[^<]*new/);
      expect(res.body).toContain('<div class="diff-line diff-same">Same line.</div>');
    });

    it('restores an earlier revision as a new one, and refuses a restore over a newer save', async () => {
      const s = await signedIn(t.app, editor);
      const id = await create(s, editor.id, { headline: 'Restore me', body: 'Version one.' });
      await save(s, id, editor.id, { headline: 'Restore me', body: 'Version two.' });
      const [v1] = await revisionsOf(id);
      const page = await s.get(`/admin/articles/${id}/history/${v1!.id}`);
      const rev = /name="revision" value="(\d+)"/.exec(page.body)![1]!;
      // Someone saves in between: the page's revision is now stale.
      await save(s, id, editor.id, { headline: 'Restore me', body: 'Version three.' });
      const stale = await s.post(`/admin/articles/${id}/history/${v1!.id}/restore`, { revision: rev });
      expect(stale.statusCode).toBe(409);
      expect(errorCodeOf(stale.body)).toBe('ARTICLE_EDIT_CONFLICT');
      expect(
        (await db().selectFrom('articles').select('body_md').where('id', '=', id).executeTakeFirstOrThrow()).body_md,
      ).toBe('Version three.');

      const res = await s.post(`/admin/articles/${id}/history/${v1!.id}/restore`, {
        revision: String(await revisionOf(id)),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/articles/${id}/edit?done=restored`);
      const row = await db()
        .selectFrom('articles')
        .select(['body_md', 'body_html'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.body_md).toBe('Version one.');
      expect(row.body_html).toContain('Version one.');
      const rows = await revisionsOf(id);
      expect(rows.map((r) => [r.kind, r.body_md])).toEqual([
        ['save', 'Version one.'],
        ['save', 'Version two.'],
        ['save', 'Version three.'],
        ['restore', 'Version one.'],
      ]);
      const audit = await db().selectFrom('audit_log').select('action').where('subject_id', '=', String(id)).execute();
      expect(audit.map((a) => a.action)).toContain('article.restore');
    });

    it('refuses history and restore to another author, and a restore without CSRF', async () => {
      const owner = await signedIn(t.app, author);
      const id = await create(owner, author.id, { headline: 'Mine only' });
      const [v] = await revisionsOf(id);
      const other = await signedIn(t.app, otherAuthor);
      expect((await other.get(`/admin/articles/${id}/history`)).statusCode).toBe(403);
      expect((await other.get(`/admin/articles/${id}/history/${v!.id}`)).statusCode).toBe(403);
      const refused = await other.post(`/admin/articles/${id}/history/${v!.id}/restore`, { revision: '0' });
      expect(refused.statusCode).toBe(403);
      const forged = await owner.post(
        `/admin/articles/${id}/history/${v!.id}/restore`,
        { revision: '0' },
        { origin: 'https://evil.example' },
      );
      expect(forged.statusCode).toBe(403);
      expect(errorCodeOf(forged.body)).toBe('CSRF_INVALID');
      expect(await revisionsOf(id)).toHaveLength(1);
    });

    it('autosaves a draft as pending text, and the writer comes back to it', async () => {
      const s = await signedIn(t.app, author);
      const id = await create(s, author.id, { headline: 'Autosave me', body: 'Saved text.' });
      const first = await autosave(s, id, { headline: 'Autosave me', body: 'Typed <b>text</b>, not saved.' });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json()).toEqual({ draft: 1, savedAt: '2026-06-14T09:00:00.000Z' });
      const second = await autosave(s, id, { headline: 'Autosave me', body: 'Typed more.', draft: 1 });
      expect(second.json()).toMatchObject({ draft: 2 });
      // Coalesced: one pending row; the article itself is untouched.
      const rows = await revisionsOf(id);
      expect(rows.filter((r) => r.kind === 'autosave')).toHaveLength(1);
      const article = await db()
        .selectFrom('articles')
        .select(['body_md', 'revision'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(article).toEqual({ body_md: 'Saved text.', revision: 0 });

      const edit = await s.get(`/admin/articles/${id}/edit`);
      expect(edit.body).toContain('Typed more.</textarea>');
      expect(edit.body).toContain('data-draft="2"');
      expect(edit.body).toContain('Discard the autosaved text');
      // Saving makes it the article's text and ends the pending autosave.
      expect(
        (
          await s.post(
            `/admin/articles/${id}`,
            form(author.id, { headline: 'Autosave me', body: 'Typed more.', revision: '0' }),
          )
        ).statusCode,
      ).toBe(303);
      expect((await revisionsOf(id)).filter((r) => r.kind === 'autosave')).toHaveLength(0);
    });

    it('never overwrites a newer save or another tab’s autosave', async () => {
      const s = await signedIn(t.app, author);
      const id = await create(s, author.id, { headline: 'Two tabs' });
      expect((await autosave(s, id, { body: 'Tab A' })).statusCode).toBe(200);
      const tabB = await autosave(s, id, { body: 'Tab B', draft: 0 });
      expect(tabB.statusCode).toBe(409);
      expect(tabB.json()).toMatchObject({ code: 'ARTICLE_AUTOSAVE_CONFLICT' });
      expect((await revisionsOf(id)).find((r) => r.kind === 'autosave')!.body_md).toBe('Tab A');

      expect((await save(s, id, author.id, { headline: 'Two tabs', body: 'Saved in tab C.' })).statusCode).toBe(303);
      const late = await autosave(s, id, { body: 'Tab A again', revision: 0, draft: 1 });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ code: 'ARTICLE_EDIT_CONFLICT' });
      expect(
        (await db().selectFrom('articles').select('body_md').where('id', '=', id).executeTakeFirstOrThrow()).body_md,
      ).toBe('Saved in tab C.');
    });

    it('keeps a published article’s public page unchanged until the editor saves', async () => {
      const s = await signedIn(t.app, editor);
      const id = await create(s, editor.id, { headline: 'Live story', body: 'Public words.' });
      await s.get(`/admin/articles/${id}/edit`);
      const pub = await s.post(
        `/admin/articles/${id}`,
        form(editor.id, { headline: 'Live story', body: 'Public words.', revision: '0', intent: 'publish' }),
      );
      expect(pub.statusCode).toBe(303);
      const { slug } = await db().selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
      const rev = await revisionOf(id);
      const res = await autosave(s, id, { headline: 'Live story', body: 'Secret unpublished edit.', revision: rev });
      expect(res.statusCode).toBe(200);
      const page = await t.app.inject(`/articles/${slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Public words.');
      expect(page.body).not.toContain('Secret unpublished edit.');
      const preview = await s.get(`/admin/articles/${id}/preview`);
      expect(preview.body).not.toContain('Secret unpublished edit.');
      expect((await s.get(`/admin/articles/${id}/edit`)).body).toContain('Secret unpublished edit.');
    });

    it('refuses autosave to a reader, another author, and a cross-site request', async () => {
      const owner = await signedIn(t.app, author);
      const id = await create(owner, author.id, { headline: 'Guarded' });
      const other = await signedIn(t.app, otherAuthor);
      const refused = await autosave(other, id, { body: 'not mine' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'ARTICLE_EDIT_FORBIDDEN' });
      const anonymous = await t.app.inject({
        method: 'POST',
        url: `/admin/articles/${id}/autosave`,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'sec-fetch-site': 'same-origin' },
        payload: JSON.stringify({ headline: 'x', excerpt: '', dateline: '', body: 'x', revision: 0, draft: 0 }),
      });
      expect(anonymous.statusCode).toBe(401);
      const cross = await owner.json(
        'POST',
        `/admin/articles/${id}/autosave`,
        { headline: 'x', excerpt: '', dateline: '', body: 'forged', revision: 0, draft: 0 },
        { 'sec-fetch-site': 'cross-site' },
      );
      expect(cross.statusCode).toBe(403);
      expect(cross.json()).toMatchObject({ code: 'CSRF_INVALID' });
      expect((await revisionsOf(id)).filter((r) => r.kind === 'autosave')).toEqual([]);
    });
    it('renders the live preview with the site’s renderer, escaped and sanitized, for staff only', async () => {
      const s = await signedIn(t.app, author, '/admin/articles/new');
      const res = await s.json('POST', '/admin/articles/preview/live', {
        body: '**Bold** words.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>',
        headline: '<i>Buses</i> at night',
        excerpt: 'Three night routes from May.',
      });
      expect(res.statusCode, res.body).toBe(200);
      const { html, card } = res.json() as { html: string; card: string };
      // The search result and social card: the title escaped, the excerpt as the description.
      expect(card).toContain('&lt;i>Buses&lt;/i> at night');
      expect(card).toContain('Three night routes from May.');
      expect(card).not.toContain('<i>Buses');
      expect(html).toContain('<strong>Bold</strong>');
      expect(html).not.toContain('<script');
      expect(html).not.toContain('onerror');
      const guest = await t.app.inject({
        method: 'POST',
        url: '/admin/articles/preview/live',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'sec-fetch-site': 'same-origin' },
        payload: JSON.stringify({ body: 'x' }),
      });
      expect(guest.statusCode).toBe(401);
    });

    it('answers an upload from the editor’s script with the snippet to insert, and requires alt text', async () => {
      const s = await signedIn(t.app, author, '/admin/articles/new');
      const send = (fields: Record<string, string>) => {
        const { payload, contentType } = multipart(fields, {
          name: 'pasted.jpg',
          type: 'image/jpeg',
          data: jpeg,
        });
        return t.app.inject({
          method: 'POST',
          url: '/admin/images',
          payload,
          headers: {
            'content-type': contentType,
            accept: 'application/json',
            cookie: s.cookieHeader(),
            'sec-fetch-site': 'same-origin',
          },
        });
      };
      const jpeg = await photoJpeg(400, 300, 1);
      const missing = await send({ alt: '' });
      expect(missing.statusCode).toBe(400);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      const ok = await send({ alt: 'A bus [at] night' });
      expect(ok.statusCode, ok.body).toBe(201);
      const { id, snippet } = ok.json() as { id: number; snippet: string };
      expect(snippet).toBe(`![A bus  at  night](image:${id})`);
    });
  });
}
