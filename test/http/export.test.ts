import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportChunks, EXPORT_SECTIONS } from '../../src/features/importers/export.service.js';
import { importDisqus } from '../../src/features/importers/disqus.importer.js';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { makeUser } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { countRows, DISQUS_FIXTURE, fileInput, WXR_FIXTURE } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

interface ExportDoc {
  format: string;
  version: number;
  site: { name: string; url: string };
  [section: string]: unknown;
}

async function exportDoc(t: TestApp): Promise<ExportDoc> {
  let text = '';
  for await (const chunk of exportChunks(t.deps.db.kysely, {
    siteName: 'Gazette',
    siteUrl: 'https://new.example',
    now: new Date('2026-03-20T12:00:00Z'),
  }))
    text += chunk;
  return JSON.parse(text) as ExportDoc;
}

async function signIn(t: TestApp, role: 'publisher' | 'editor') {
  const user = await makeUser(t.deps.db.kysely, { role });
  const s = await formSession(t.app, '/login');
  await s.post('/login', { email: user.email, password: user.password });
  return { s, user };
}

for (const dialect of DIALECTS) {
  describe(`exporting the site as JSON on ${dialect}`, () => {
    let t: TestApp;
    let doc: ExportDoc;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-03-20T12:00:00Z') });
      await importWxr(t.deps, fileInput(WXR_FIXTURE));
      await importDisqus(t.deps, fileInput(DISQUS_FIXTURE));
      await t.deps.db.kysely
        .insertInto('campaigns')
        .values({
          month: '2026-03',
          goal_minor: 500000,
          currency: 'USD',
          ticks: '[0,250000,500000]',
          raised_minor: 1000,
          gift_count: 1,
          created_at: '2026-03-01T00:00:00Z',
          updated_at: '2026-03-01T00:00:00Z',
        })
        .execute();
      await t.deps.db.kysely
        .insertInto('donations')
        .values({
          month: '2026-03',
          donated_at: '2026-03-02T00:00:00Z',
          amount_minor: 1000,
          currency: 'USD',
          source: 'offline',
          method: 'cash',
          status: 'confirmed',
          donor_email: 'donor@example.org',
          created_at: '2026-03-02T00:00:00Z',
          updated_at: '2026-03-02T00:00:00Z',
        })
        .execute();
      await t.deps.db.kysely
        .insertInto('subscriptions')
        .values({
          article_id: null,
          email: 'sub@example.org',
          kind: 'all',
          status: 'confirmed',
          token_hash: 'h1',
          created_at: '2026-03-02T00:00:00Z',
        })
        .execute();
      doc = await exportDoc(t);
    });
    afterAll(async () => {
      await t.close();
    });

    it('is one JSON document with every section', () => {
      expect(doc).toMatchObject({
        format: 'broadsheet-export',
        version: 1,
        exportedAt: '2026-03-20T12:00:00.000Z',
        site: { name: 'Gazette', url: 'https://new.example' },
      });
      for (const s of EXPORT_SECTIONS) expect(Array.isArray(doc[s.key]), s.key).toBe(true);
    });

    it('contains what was imported: articles with bodies, bylines, tags and former slugs', async () => {
      const articles = doc.articles as Array<Record<string, unknown>>;
      expect(articles).toHaveLength(await countRows(t, 'articles'));
      const post = articles.find((a) => a.slug === 'harbour-budget-passes')!;
      expect(post).toMatchObject({
        kind: 'article',
        status: 'published',
        tags: ['budget', 'kultur', 'transport'],
        formerSlugs: ['budget-vote-tonight'],
      });
      // The source as imported (captions as figures), and the sanitized HTML pages show.
      expect(post.bodyMd).toContain('<figcaption>The harbour at 5 a.m.');
      expect(post.bodyHtml).toContain('Bürgermeisterin Zoë Müller');
      expect(post.bodyHtml).not.toContain('<script');
      expect(post.bylines).toEqual([expect.objectContaining({ name: 'Jane Doe' })]);
      expect(articles.find((a) => a.slug === 'about')).toMatchObject({ kind: 'page' });
      expect((doc.sections as Array<{ slug: string }>).map((s) => s.slug)).toEqual(['city-hall', 'kultur']);
    });

    it('contains comments with their threads, statuses, votes and e-mails, but no hashed IPs', async () => {
      const comments = doc.comments as Array<Record<string, unknown>>;
      expect(comments).toHaveLength(await countRows(t, 'comments'));
      const anna = comments.find((c) => c.authorName === 'Anna Lindqvist')!;
      expect(anna).toMatchObject({
        authorEmail: 'anna.lindqvist@example.net',
        status: 'approved',
        votes: { upvotes: 5, downvotes: 1, score: 4 },
      });
      const jane = comments.find((c) => c.authorName === 'Jane Doe')!;
      expect(jane).toMatchObject({ parentId: anna.id, threadId: anna.id, depth: 1 });
      expect(comments.find((c) => c.authorName === 'Pill Seller')).toMatchObject({ status: 'spam' });
      expect(JSON.stringify(doc)).not.toMatch(/ipHash|ip_hash/);
    });

    it('leaves out password hashes and tokens, keeps donations, campaigns and subscriptions', () => {
      const text = JSON.stringify(doc);
      expect(text).not.toMatch(/password|tokenHash|token_hash|scrypt\$/i);
      expect(doc.donations).toEqual([expect.objectContaining({ amountMinor: 1000, donorEmail: 'donor@example.org' })]);
      expect(doc.campaigns).toEqual([expect.objectContaining({ month: '2026-03', ticks: [0, 250000, 500000] })]);
      expect(doc.subscriptions).toEqual([expect.objectContaining({ email: 'sub@example.org', kind: 'all' })]);
      expect((doc.importRefs as unknown[]).length).toBeGreaterThan(20);
    });

    it('is a download for publishers only, recorded in the audit log', async () => {
      const guest = await t.app.inject('/admin/export');
      expect(guest.statusCode).toBe(303);
      const { s: editor } = await signIn(t, 'editor');
      expect((await editor.get('/admin/export')).statusCode).toBe(403);

      const { s, user } = await signIn(t, 'publisher');
      const res = await s.get('/admin/export');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="broadsheet-export-2026-03-20.json"');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const body = JSON.parse(res.body) as ExportDoc;
      expect((body.comments as unknown[]).length).toBe(await countRows(t, 'comments'));
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'site.export')
        .execute();
      expect(audit).toEqual([expect.objectContaining({ actor_user_id: user.id, subject_type: 'site' })]);
    });
  });
}
