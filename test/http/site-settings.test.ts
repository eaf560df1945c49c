/**
 * Site settings from the admin (/admin/site): only the publisher sees and saves them, the accent colour is held
 * to WCAG AA, and a save shows on every page, feed and footer at once, in this process and (PostgreSQL) another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

const SAVED = {
  name: 'The Riverside Ledger',
  tagline: 'News from both banks & the bridge',
  accent: '#8A1C1C',
  footer_text: 'Owned by <b>its</b> readers since 1911.',
  appeal: 'Keep the Ledger on the river: give what you can.',
};

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe(`site settings on ${dialect}`, () => {
    let t: TestApp;
    let publisher: Staff;
    let article: { id: number; slug: string };
    const sessions: Record<string, FormSession> = {};

    beforeAll(async () => {
      t = await createTestApp(dialect, { config: { siteName: 'Env Gazette' } });
      publisher = await makeStaff(t, 'publisher');
      for (const role of ['editor', 'moderator', 'author'] as const)
        sessions[role] = await signedIn(t.app, await makeStaff(t, role), '/');
      sessions.reader = await signedIn(t.app, await makeUser(t.deps.db.kysely, { role: 'reader' }), '/');
      sessions.publisher = await signedIn(t.app, publisher, '/admin/site');
      article = await makeArticle(t.deps.db.kysely, {
        status: 'published',
        headline: 'Bridge reopens',
        authorIds: [publisher.id],
      });
    });
    afterAll(async () => {
      await t.close();
    });

    const stored = () =>
      t.deps.db.kysely.selectFrom('settings').select('value').where('key', '=', 'site.identity').executeTakeFirst();
    const audits = () =>
      t.deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_id', '=', 'site.identity')
        .orderBy('id')
        .execute();

    it('uses the environment’s name until the publisher saves one', async () => {
      const home = await t.app.inject('/');
      expect(titleOf(home.body)).toContain('Env Gazette');
      expect(home.body).toContain('Env Gazette is funded by its readers.');
      expect(home.body).not.toContain('href="/site.css');
      const form = await sessions.publisher!.get('/admin/site');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('value="Env Gazette"');
    });

    it('opens the page and the form to the publisher only', async () => {
      const guest = await t.app.inject('/admin/site');
      expect(guest.statusCode).toBe(303);
      expect(guest.headers.location).toMatch(/^\/login\?next=/);
      for (const role of ['reader', 'author', 'editor', 'moderator']) {
        expect((await sessions[role]!.get('/admin/site')).statusCode, role).toBe(403);
        expect((await sessions[role]!.post('/admin/site', SAVED)).statusCode, role).toBe(403);
      }
      const anonymous = await formSession(t.app, '/');
      expect((await anonymous.post('/admin/site', SAVED)).statusCode).toBe(401);
      expect(await stored()).toBeUndefined();
      expect(await audits()).toEqual([]);
    });

    it('refuses a form without its CSRF token', async () => {
      const res = await sessions.publisher!.post('/admin/site', { ...SAVED, _csrf: 'forged' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('data-error-code="CSRF_INVALID"');
      expect(await stored()).toBeUndefined();
    });

    it('refuses an accent colour that fails AA contrast, with its ratios, and changes nothing', async () => {
      const s = sessions.publisher!;
      await s.get('/admin/site');
      const pale = await s.post('/admin/site', { ...SAVED, accent: '#ffcc00' });
      expect(pale.statusCode).toBe(400);
      expect(pale.body).toContain('data-error-code="SITE_ACCENT_INVALID"');
      // #ffcc00 on the paper (#fffdf8) and under white text.
      expect(pale.body).toContain('1.48:1 against the page background and 1.51:1 with white text');
      expect(pale.body).toContain('value="The Riverside Ledger"'); // what was typed stays on the form
      expect(pale.body).toContain('aria-invalid="true"');
      // Just under 4.5:1 both ways still fails (never rounded up to a pass).
      const grey = await s.post('/admin/site', { ...SAVED, accent: '#777777' });
      expect(grey.statusCode).toBe(400);
      expect(grey.body).toMatch(/4\.4\d:1/);
      const notColour = await s.post('/admin/site', { ...SAVED, accent: 'red; } body { display:none' });
      expect(notColour.statusCode).toBe(400);
      expect(await stored()).toBeUndefined();
      expect(await audits()).toEqual([]);
      expect(titleOf((await t.app.inject('/')).body)).toContain('Env Gazette');
    });

    it('shows the saved name, tagline, footer and appeal everywhere at once, escaped, and audits the change', async () => {
      const s = sessions.publisher!;
      await s.get('/admin/site');
      const saved = await s.post('/admin/site', SAVED);
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/admin/site?done=saved');

      const home = await t.app.inject('/');
      expect(titleOf(home.body)).toContain('The Riverside Ledger');
      expect(home.body).toContain('<p class="site-tagline">News from both banks &amp; the bridge</p>');
      expect(home.body).toContain('Owned by &lt;b>its&lt;/b> readers since 1911.');
      expect(home.body).not.toContain('<b>its</b>');
      expect(home.body).not.toContain('Env Gazette');
      const css = /href="(\/site\.css\?v=\d+)"/.exec(home.body)?.[1];
      expect(css).toBe('/site.css?v=1');

      const page = await t.app.inject(`/articles/${article.slug}`);
      expect(titleOf(page.body)).toMatch(/Bridge reopens.*The Riverside Ledger/);
      expect(page.body).toContain('Keep the Ledger on the river: give what you can.');
      expect(page.body).toContain('Support The Riverside Ledger');

      const rss = await t.app.inject('/feed.xml');
      expect(rss.body).toContain('<title>The Riverside Ledger</title>');

      const sheet = await t.app.inject(css!);
      expect(sheet.statusCode).toBe(200);
      expect(sheet.headers['content-type']).toMatch(/^text\/css/);
      expect(sheet.body).toContain('--accent: #8a1c1c;');
      expect(sheet.headers['cache-control']).toContain('immutable');

      const [entry, ...more] = await audits();
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ actor_user_id: publisher.id, action: 'settings.update', subject_type: 'setting' });
      expect(JSON.parse(entry!.before!)).toMatchObject({ name: 'Env Gazette', version: 0 });
      expect(JSON.parse(entry!.after!)).toMatchObject({ name: 'The Riverside Ledger', accent: '#8a1c1c', version: 1 });

      const again = await s.get('/admin/site?done=saved');
      expect(again.body).toContain('role="status"');
      expect(again.body).toContain('value="#8a1c1c"');
    });

    it('serves pages from its cache, with no query for the settings per request', async () => {
      await t.app.inject('/');
      const before = t.deps.caches.site.value;
      expect(before?.name).toBe('The Riverside Ledger');
      // Written behind the app's back: the cache is what pages show until a save is announced.
      await t.deps.db.kysely
        .updateTable('settings')
        .set({ value: JSON.stringify({ ...before, name: 'Behind the back' }) })
        .where('key', '=', 'site.identity')
        .execute();
      expect(titleOf((await t.app.inject('/')).body)).toContain('The Riverside Ledger');
      await t.deps.db.kysely
        .updateTable('settings')
        .set({ value: JSON.stringify(before) })
        .where('key', '=', 'site.identity')
        .execute();
    });

    if (dialect === 'postgres') {
      it('reaches a second process on the same database without a restart', async () => {
        const other = await createTestApp(dialect, { testDb: t.testDb, config: { siteName: 'Env Gazette' } });
        try {
          expect(titleOf((await other.app.inject('/')).body)).toContain('The Riverside Ledger');
          const s = sessions.publisher!;
          await s.get('/admin/site');
          expect((await s.post('/admin/site', { ...SAVED, name: 'The Two-Process Times' })).statusCode).toBe(303);
          // NOTIFY arrives asynchronously: the other process shows the name as soon as it hears it.
          const deadline = Date.now() + 5_000;
          let title = '';
          while (Date.now() < deadline) {
            title = titleOf((await other.app.inject('/')).body);
            if (title.includes('The Two-Process Times')) break;
            await new Promise((r) => setTimeout(r, 50));
          }
          expect(title).toContain('The Two-Process Times');
          expect((await other.app.inject('/feed.xml')).body).toContain('<title>The Two-Process Times</title>');
        } finally {
          await other.close();
        }
      });
    }
  });
}
