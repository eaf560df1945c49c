import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { fieldError, makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeUser } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`staff invitations, roles and password resets on ${dialect}`, () => {
    let t: TestApp;
    let publisher: Staff;
    let s: FormSession;
    const clock = fixedClock('2026-06-14T09:00:00Z');

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      publisher = await makeStaff(t, 'publisher', 'Pat Publisher');
      s = await signedIn(t.app, publisher, '/admin/staff');
    });
    afterAll(async () => {
      await t.close();
    });

    const mailsTo = (to: string) =>
      t.deps.db.kysely
        .selectFrom('outbox')
        .select(['kind', 'subject', 'text_body'])
        .where('to_address', '=', to)
        .orderBy('id')
        .execute();
    const linkIn = (text: string) => new URL(/https?:\/\/\S+\/password\/reset\?token=\S+/.exec(text)![0]);
    const roleOf = async (id: number) =>
      (await t.deps.db.kysely.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;
    const auditOf = (action: string, id: number) =>
      t.deps.db.kysely
        .selectFrom('audit_log')
        .select(['actor_user_id', 'before', 'after'])
        .where('action', '=', action)
        .where('subject_id', '=', String(id))
        .execute();

    async function choosePassword(link: URL, password: string, confirm = password) {
      const visitor = await formSession(t.app, `${link.pathname}${link.search}`);
      return {
        visitor,
        res: await visitor.post('/password/reset', { token: link.searchParams.get('token')!, password, confirm }),
      };
    }

    it('invites a new colleague by mail with a link that sets their password once', async () => {
      await s.get('/admin/staff');
      const res = await s.post('/admin/staff/invite', {
        email: 'New.Reporter@Example.test',
        name: 'Nia Reporter',
        role: 'author',
      });
      expect(res.headers.location).toBe('/admin/staff?done=invited');
      const user = await t.deps.db.kysely
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'new.reporter@example.test')
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ role: 'author', password_hash: null, slug: 'nia-reporter' });
      expect(await auditOf('staff.invite', user.id)).toHaveLength(1);
      const [mail] = await mailsTo('new.reporter@example.test');
      expect(mail).toMatchObject({ kind: 'invite', subject: 'You are invited to join The Broadsheet' });
      const link = linkIn(mail!.text_body);

      const welcome = await t.app.inject(`${link.pathname}${link.search}`);
      expect(welcome.body).toContain('Welcome! Choose your password');
      expect(welcome.headers['cache-control']).toMatch(/\bno-store\b/);
      const mismatch = await choosePassword(link, 'a long enough password', 'another long password');
      expect(mismatch.res.statusCode).toBe(400);
      expect(fieldError(mismatch.res.body, 'confirm')).toBe('The two passwords are not the same.');
      const short = await choosePassword(link, 'short');
      expect(fieldError(short.res.body, 'password')).toContain('at least 10 characters');

      const { visitor, res: done } = await choosePassword(link, 'tram bridge harbour lantern');
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/admin');
      expect((await visitor.get('/admin/articles')).statusCode).toBe(200);
      expect(await auditOf('account.invite_accept', user.id)).toHaveLength(1);

      // A second tab still showing the form cannot use the spent link.
      const again = await mismatch.visitor.post('/password/reset', {
        token: link.searchParams.get('token')!,
        password: 'somebody else password',
        confirm: 'somebody else password',
      });
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('expired or has already been used');
      expect((await t.app.inject(`${link.pathname}${link.search}`)).statusCode).toBe(410);
    });

    it('lets invitation links expire after seven days and refuses tampered ones', async () => {
      await s.get('/admin/staff');
      await s.post('/admin/staff/invite', { email: 'late@example.test', name: 'Lee Late', role: 'editor' });
      const link = linkIn((await mailsTo('late@example.test'))[0]!.text_body);
      const token = link.searchParams.get('token')!;
      const forged = token.replace(/^invite\.(\d+)/, (_m, id) => `invite.${Number(id) - 1}`);
      expect((await t.app.inject(`/password/reset?token=${forged}`)).statusCode).toBe(410);
      clock.advance(8 * 86400_000);
      try {
        expect((await t.app.inject(`${link.pathname}${link.search}`)).statusCode).toBe(410);
      } finally {
        clock.advance(-8 * 86400_000);
      }
    });

    it('refuses a bad invitation with messages on the form and invites nobody', async () => {
      await s.get('/admin/staff');
      const before = (await t.deps.db.kysely.selectFrom('users').select('id').execute()).length;
      const res = await s.post('/admin/staff/invite', { email: 'not-an-address', name: '', role: 'overlord' });
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'email')).toContain('e-mail address');
      expect(fieldError(res.body, 'name')).toBeDefined();
      expect(fieldError(res.body, 'role')).toBe('Choose a role.');
      expect(res.body).toContain('value="not-an-address"');
      const dup = await s.post('/admin/staff/invite', { email: publisher.email, name: 'Again', role: 'author' });
      expect(dup.statusCode).toBe(409);
      expect((await t.deps.db.kysely.selectFrom('users').select('id').execute()).length).toBe(before);
    });

    it('gives an existing reader a staff role by invitation and tells them by mail', async () => {
      const reader = await makeUser(t.deps.db.kysely, {
        role: 'reader',
        name: 'Rae Reader',
        email: 'rae@example.test',
      });
      await s.get('/admin/staff');
      const res = await s.post('/admin/staff/invite', {
        email: 'rae@example.test',
        name: 'Ignored',
        role: 'moderator',
      });
      expect(res.headers.location).toBe('/admin/staff?done=promoted');
      expect(await roleOf(reader.id)).toBe('moderator');
      expect((await mailsTo('rae@example.test')).map((m) => m.kind)).toEqual(['staff_role']);
      const [entry] = await auditOf('staff.role', reader.id);
      expect(entry).toMatchObject({
        actor_user_id: publisher.id,
        before: '{"role":"reader"}',
        after: '{"role":"moderator"}',
      });
    });

    it('records every role change in the audit log, and protects the publisher’s own role and the last publisher', async () => {
      const editor = await makeStaff(t, 'editor');
      await s.get('/admin/staff');
      expect((await s.post(`/admin/staff/${editor.id}/role`, { role: 'author' })).statusCode).toBe(303);
      expect((await s.post(`/admin/staff/${editor.id}/role`, { role: 'publisher' })).statusCode).toBe(303);
      expect(
        (await auditOf('staff.role', editor.id)).map((a) => [JSON.parse(a.before!).role, JSON.parse(a.after!).role]),
      ).toEqual([
        ['editor', 'author'],
        ['author', 'publisher'],
      ]);
      const own = await s.post(`/admin/staff/${publisher.id}/role`, { role: 'reader' });
      expect(own.statusCode).toBe(409);
      expect(own.body).toContain('You cannot change your own role');
      expect(await roleOf(publisher.id)).toBe('publisher');
      // With two publishers, one may step the other down; the last one stays.
      const other = await signedIn(t.app, editor, '/admin/staff');
      expect((await other.post(`/admin/staff/${publisher.id}/role`, { role: 'editor' })).statusCode).toBe(303);
      expect((await s.get('/admin/staff')).statusCode).toBe(403);
      const last = await other.post(`/admin/staff/${editor.id}/role`, { role: 'editor' });
      expect(last.statusCode).toBe(409);
      expect((await other.post(`/admin/staff/${publisher.id}/role`, { role: 'publisher' })).statusCode).toBe(303);
      await s.get('/admin/staff');
    });

    it('disables an account and ends its sessions at once', async () => {
      const author = await makeStaff(t, 'author');
      const theirs = await signedIn(t.app, author, '/admin/articles');
      await s.get('/admin/staff');
      expect((await s.post(`/admin/staff/${author.id}/disable`, {})).statusCode).toBe(303);
      expect((await theirs.get('/admin/articles')).statusCode).toBe(303);
      expect(await auditOf('staff.disable', author.id)).toHaveLength(1);
    });

    it('sends a reset link without revealing who has an account, at most once per five minutes', async () => {
      const reader = await makeUser(t.deps.db.kysely, {
        role: 'reader',
        email: 'forgetful@example.test',
        password: 'the old password 1',
      });
      const oldSession = await signedIn(
        t.app,
        { email: 'forgetful@example.test', password: 'the old password 1' },
        '/',
      );
      const visitor = await formSession(t.app, '/password/forgot');
      const unknown = await visitor.post('/password/forgot', { email: 'nobody@example.test' });
      const known = await visitor.post('/password/forgot', { email: 'Forgetful@example.test' });
      expect(unknown.headers.location).toBe('/password/forgot?sent=1');
      expect(known.headers.location).toBe(unknown.headers.location);
      expect(await mailsTo('nobody@example.test')).toEqual([]);
      await visitor.post('/password/forgot', { email: 'forgetful@example.test' });
      expect(await mailsTo('forgetful@example.test')).toHaveLength(1);

      const link = linkIn((await mailsTo('forgetful@example.test'))[0]!.text_body);
      const { visitor: back, res } = await choosePassword(link, 'a brand new passphrase');
      expect(res.headers.location).toBe('/');
      expect((await oldSession.get('/')).body).not.toContain('Sign out');
      expect((await back.get('/')).body).toContain('Sign out');
      const login = await formSession(t.app, '/login');
      expect(
        (await login.post('/login', { email: 'forgetful@example.test', password: 'a brand new passphrase' }))
          .statusCode,
      ).toBe(303);
      expect(await auditOf('account.password_reset', reader.id)).toHaveLength(1);

      clock.advance(6 * 60_000);
      await visitor.post('/password/forgot', { email: 'forgetful@example.test' });
      expect(await mailsTo('forgetful@example.test')).toHaveLength(2);
    });

    it('rate limits the reset form', async () => {
      const visitor = await formSession(t.app, '/password/forgot');
      const codes: number[] = [];
      for (let i = 0; i < 7; i++)
        codes.push((await visitor.post('/password/forgot', { email: `x${i}@example.test` })).statusCode);
      expect(codes).toContain(429);
    });
  });
}
