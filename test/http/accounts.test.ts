import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeUser } from '../helpers/factories.js';
import { DIALECTS } from '../helpers/test-db.js';
import { errorCodeOf, formSession } from '../helpers/forms.js';

for (const dialect of DIALECTS) {
  describe(`signing in on ${dialect}`, () => {
    let t: TestApp;
    let editor: Awaited<ReturnType<typeof makeUser>>;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      editor = await makeUser(t.deps.db.kysely, { role: 'editor', name: 'Ed Itor' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('signs in with the right password and shows the account in the header', async () => {
      const s = await formSession(t.app, '/login');
      const res = await s.post('/login', { email: editor.email, password: editor.password, next: '/' });
      expect(res.statusCode).toBe(303);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/bs_session=.*HttpOnly.*SameSite=Lax/i);
      const home = await s.get('/');
      expect(home.body).toContain('Ed Itor');
      expect(home.body).toContain('Sign out');
      // Signing out clears the cookie with the same flags it was set with.
      const out = await s.post('/logout', {});
      expect([out.headers['set-cookie']].flat().find((c) => c?.startsWith('bs_session='))).toMatch(
        /Max-Age=0.*HttpOnly.*SameSite=Lax|HttpOnly.*Max-Age=0/i,
      );
    });

    it('refuses a wrong password with a clear message and no session', async () => {
      const s = await formSession(t.app, '/login');
      const res = await s.post('/login', { email: editor.email, password: 'wrong' });
      expect(res.statusCode).toBe(401);
      expect(errorCodeOf(res.body)).toBe('SIGN_IN_FAILED');
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('bs_session=');
    });

    it('refuses a forged CSRF token', async () => {
      const s = await formSession(t.app, '/login');
      const res = await s.post('/login', { email: editor.email, password: editor.password, _csrf: 'forged' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Reload the page');
    });

    it('never follows a sign-in redirect to another site', async () => {
      const s = await formSession(t.app, '/login');
      const res = await s.post('/login', { email: editor.email, password: editor.password, next: '//evil.example/' });
      expect(res.headers.location).toBe('/');
    });

    it('rate limits password guessing with 429', async () => {
      const s = await formSession(t.app, '/login');
      let last = 0;
      for (let i = 0; i < 12; i++)
        last = (await s.post('/login', { email: 'nobody@example.test', password: 'x' })).statusCode;
      expect(last).toBe(429);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`the admin area on ${dialect}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(dialect);
    });
    afterAll(async () => {
      await t.close();
    });

    it('sends guests to sign in and keeps readers out', async () => {
      const guest = await t.app.inject('/admin');
      expect(guest.statusCode).toBe(303);
      expect(guest.headers.location).toBe('/login?next=%2Fadmin');
      const reader = await makeUser(t.deps.db.kysely, { role: 'reader' });
      const s = await formSession(t.app, '/login');
      await s.post('/login', { email: reader.email, password: reader.password });
      expect((await s.get('/admin')).statusCode).toBe(403);
    });

    it('shows an editor the areas an editor may enter', async () => {
      const editor = await makeUser(t.deps.db.kysely, { role: 'editor' });
      const s = await formSession(t.app, '/login');
      await s.post('/login', { email: editor.email, password: editor.password });
      const res = await s.get('/admin');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/admin/articles"');
      expect(res.body).not.toContain('href="/admin/donations"');
    });
  });
}
