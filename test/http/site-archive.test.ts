/**
 * A real backup: `export` writes every table a newsroom would miss, `restore` loads it into an empty site, and
 * exporting that site again gives the same document, on each database and from SQLite to PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTables, OMITTED, readArchive, restoreArchive, type ArchiveHeader } from '../../src/db/site-archive.js';
import { exportChunks } from '../../src/features/importers/export.service.js';
import { importDisqus } from '../../src/features/importers/disqus.importer.js';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import type { DialectName } from '../../src/db/dialect.js';
import { createTestApp, fixedClock, type TestApp } from '../helpers/build-test-app.js';
import { makeUser } from '../helpers/factories.js';
import { formSession } from '../helpers/forms.js';
import { countRows, DISQUS_FIXTURE, fileInput, WXR_FIXTURE } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

interface SiteDoc extends ArchiveHeader {
  tables: Record<string, { columns: string[]; rows: unknown[][] }>;
}

const META = { siteName: 'Gazette', siteUrl: 'https://new.example', now: new Date('2026-03-20T12:00:00Z') };

async function exportText(t: TestApp, now = META.now): Promise<string> {
  let text = '';
  for await (const chunk of exportChunks(t.deps.db, { ...META, now })) text += chunk;
  return text;
}

const restoreText = (t: TestApp, text: string) =>
  restoreArchive(
    t.deps.db.kysely,
    t.deps.db.dialect,
    readArchive(() => Readable.from([text])),
  );

/** Rows of a table in the document, as objects. */
function rowsOf(doc: SiteDoc, table: string): Array<Record<string, unknown>> {
  const t = doc.tables[table]!;
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
}

async function signIn(t: TestApp, role: 'publisher' | 'editor') {
  const user = await makeUser(t.deps.db.kysely, { role });
  const s = await formSession(t.app, '/login');
  await s.post('/login', { email: user.email, password: user.password });
  return { s, user };
}

/** A site with something in every kind of table: imports, money, moderation, subscriptions, passages. */
async function fillSite(t: TestApp): Promise<void> {
  const db = t.deps.db.kysely;
  await importWxr(t.deps, fileInput(WXR_FIXTURE));
  await importDisqus(t.deps, fileInput(DISQUS_FIXTURE));
  await makeUser(db, { role: 'editor' });
  await db
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
  await db
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
  await db
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
  await db
    .insertInto('supporters')
    .values({ email: 'donor@example.org', opted_in_at: '2026-03-02T00:00:00Z' })
    .execute();
  await db
    .insertInto('bans')
    .values({ kind: 'ip', value: 'hmac-of-an-address', reason: 'spam run', created_at: '2026-03-03T00:00:00Z' })
    .execute();
  const comment = await db.selectFrom('comments').select(['id']).orderBy('id').executeTakeFirstOrThrow();
  await db
    .insertInto('votes')
    .values([
      {
        comment_id: comment.id,
        voter_key: 'g:reader-one',
        value: 1,
        ip_hash: 'hmac-1',
        created_at: '2026-03-03T00:00:00Z',
      },
      { comment_id: comment.id, voter_key: 'u:1', value: -1, ip_hash: null, created_at: '2026-03-03T00:00:01Z' },
    ])
    .execute();
  await db
    .insertInto('reports')
    .values({ comment_id: comment.id, reporter_key: 'g:abc', reason: 'spam', created_at: '2026-03-03T00:00:00Z' })
    .execute();
  // Replies point at parents; a reply to a comment with a higher id must survive the restore too.
  const later = await db.selectFrom('comments').select(['id']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const reply = await db
    .selectFrom('comments')
    .select(['id'])
    .where('parent_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('comments').set({ parent_id: later.id }).where('id', '=', reply.id).execute();
}

for (const dialect of DIALECTS) {
  describe(`backing up and restoring the whole site on ${dialect}`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let text: string;
    let doc: SiteDoc;

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-03-20T12:00:00Z') });
      await fillSite(t);
      text = await exportText(t);
      doc = JSON.parse(text) as SiteDoc;
    });
    afterAll(async () => {
      await t.close();
    });

    it('is one JSON document with a header and every table but the documented few', async () => {
      expect(doc).toMatchObject({
        format: 'broadsheet-site',
        version: 2,
        exportedAt: '2026-03-20T12:00:00.000Z',
        site: { name: 'Gazette', url: 'https://new.example' },
        omitted: OMITTED,
      });
      expect(doc.schema).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}-/);
      const tables = (await describeTables(t.deps.db.kysely, dialect)).map((s) => s.name);
      expect(Object.keys(doc.tables)).toEqual(tables);
      for (const name of ['users', 'articles', 'comments', 'votes', 'bans', 'reports', 'inline_questions'])
        expect(tables).toContain(name);
      for (const name of Object.keys(OMITTED)) expect(doc.tables).not.toHaveProperty(name);
      for (const name of tables) expect(doc.tables[name]!.rows.length, name).toBe(await countRows(t, name as 'users'));
      // Parents come before children: articles after sections and images, comments after articles.
      expect(tables.indexOf('articles')).toBeGreaterThan(tables.indexOf('sections'));
      expect(tables.indexOf('comments')).toBeGreaterThan(tables.indexOf('articles'));
    });

    it('is valid against its published JSON Schema', () => {
      const schema = JSON.parse(
        fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/site-archive.schema.json'), 'utf8'),
      ) as object;
      const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
      addFormats.default(ajv);
      const validate = ajv.compile(schema);
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      for (const [name, table] of Object.entries(doc.tables))
        for (const row of table.rows) expect(row.length, name).toBe(table.columns.length);
    });

    it('keeps what the old export left out: per-voter votes, bans, reports, supporters, passwords', () => {
      expect(rowsOf(doc, 'votes').length).toBeGreaterThan(0);
      expect(rowsOf(doc, 'bans')).toEqual([expect.objectContaining({ kind: 'ip', reason: 'spam run' })]);
      expect(rowsOf(doc, 'reports')).toEqual([expect.objectContaining({ reporter_key: 'g:abc' })]);
      expect(rowsOf(doc, 'supporters')).toEqual([{ email: 'donor@example.org', opted_in_at: '2026-03-02T00:00:00Z' }]);
      expect(rowsOf(doc, 'donations')).toEqual([
        expect.objectContaining({ amount_minor: 1000, currency: 'USD', donor_email: 'donor@example.org' }),
      ]);
      expect(rowsOf(doc, 'users').some((u) => typeof u.password_hash === 'string')).toBe(true);
      expect(rowsOf(doc, 'import_refs').length).toBeGreaterThan(20);
    });

    it('is laid out one row to a line, so it is written and read a page at a time', () => {
      const lines = text.split('\n');
      expect(lines[0]).toMatch(/^\{"format":"broadsheet-site".*"tables":\{$/);
      expect(lines.filter((l) => /^,?\[/.test(l))).toHaveLength(
        Object.values(doc.tables).reduce((n, tb) => n + tb.rows.length, 0),
      );
    });

    it('restores into an empty site, which then exports the same document and serves its pages', async () => {
      const fresh = await createTestApp(dialect, { clock: fixedClock('2026-03-20T12:00:00Z') });
      try {
        const result = await restoreText(fresh, text);
        expect(result.rows).toBe(Object.values(doc.tables).reduce((n, tb) => n + tb.rows.length, 0));
        expect(await exportText(fresh)).toBe(text);

        // The pages read what was restored: comment counts, threads, the search index rebuilt from the articles.
        const article = rowsOf(doc, 'articles').find((a) => a.slug === 'harbour-budget-passes')!;
        const page = await fresh.app.inject(`/articles/${article.slug as string}`);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Anna Lindqvist');
        const search = await fresh.app.inject('/search?q=harbour');
        expect(search.body).toContain(`href="/articles/${article.slug as string}"`);

        // New rows continue above the restored ids (PostgreSQL's identity sequences are moved on).
        const section = await fresh.deps.db.kysely
          .insertInto('sections')
          .values({ slug: 'new-desk', name: 'New desk', position: 9 })
          .returning('id')
          .executeTakeFirstOrThrow();
        expect(section.id).toBeGreaterThan(Math.max(...rowsOf(doc, 'sections').map((s) => Number(s.id))));

        // A site that has content is never overwritten.
        await expect(restoreText(fresh, text)).rejects.toThrow(/not empty/);
      } finally {
        await fresh.close();
      }
    });

    it('refuses a cut-off document, another schema or another format, and changes nothing', async () => {
      const fresh = await createTestApp(dialect);
      try {
        const cut = text.slice(0, text.lastIndexOf('\n', Math.floor(text.length * 0.8)) + 1);
        await expect(restoreText(fresh, cut)).rejects.toThrow(/ends early|cut off/);
        await expect(restoreText(fresh, text.slice(0, text.length - 40))).rejects.toThrow(/line \d+/);
        expect(await countRows(fresh, 'articles')).toBe(0);
        expect(await countRows(fresh, 'users')).toBe(0);

        const broken = text.replace(/\n,\[/, '\n,[{"not":"a value"},');
        await expect(restoreText(fresh, broken)).rejects.toThrow();
        expect(await countRows(fresh, 'users')).toBe(0);

        const other = text.replace(`"schema":"${doc.schema}"`, '"schema":"2020-01-01T0000-old"');
        await expect(restoreText(fresh, other)).rejects.toThrow(/schema 2020-01-01T0000-old/);
        await expect(restoreText(fresh, JSON.stringify({ format: 'broadsheet-export', version: 1 }))).rejects.toThrow(
          /version 1 export/,
        );
        // The same JSON laid out differently (pretty-printed by some tool) is still read.
        const result = await restoreText(fresh, JSON.stringify(doc, null, 2));
        expect(result.tables).toBe(Object.keys(doc.tables).length);
        expect(await exportText(fresh)).toBe(text);
      } finally {
        await fresh.close();
      }
    });

    if (dialect === 'sqlite' && DIALECTS.includes('postgres')) {
      it('moves a site from SQLite to PostgreSQL: the same document comes back out', async () => {
        const pg = await createTestApp('postgres' as DialectName);
        try {
          await restoreText(pg, text);
          expect(await exportText(pg)).toBe(text);
          const n = await sql<{ n: number }>`SELECT count(*) AS n FROM article_search`.execute(pg.deps.db.kysely);
          expect(Number(n.rows[0]!.n)).toBeGreaterThan(0);
        } finally {
          await pg.close();
        }
      });
    }

    it('restores from the admin into a new site whose only account is the publisher doing it', async () => {
      const fresh = await createTestApp(dialect);
      try {
        const upload = (session: Awaited<ReturnType<typeof signIn>>['s'], csrf: string, content: string) => {
          const boundary = '----backup-boundary';
          const payload =
            `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="site.json"\r\n` +
            `Content-Type: application/json\r\n\r\n${content}\r\n--${boundary}--\r\n`;
          return fresh.app.inject({
            method: 'POST',
            url: '/admin/restore',
            payload,
            headers: {
              'content-type': `multipart/form-data; boundary=${boundary}`,
              cookie: session.cookieHeader(),
            },
          });
        };
        const { s } = await signIn(fresh, 'publisher');
        await s.get('/admin/import');
        expect((await upload(s, 'forged', text)).statusCode).toBe(403);
        const notJson = await upload(s, s.csrf!, '<rss/>');
        expect(notJson.statusCode).toBe(415);
        expect(notJson.body).toContain('data-error-code="RESTORE_NOT_JSON"');

        // A second account means the site is someone's: refused, nothing changed.
        const other = await makeUser(fresh.deps.db.kysely, { role: 'reader' });
        const refused = await upload(s, s.csrf!, text);
        expect(refused.statusCode).toBe(409);
        expect(refused.body).toContain('data-error-code="RESTORE_REFUSED"');
        expect(refused.body).toContain('this site is not empty (it has accounts)');
        expect(await countRows(fresh, 'articles')).toBe(0);
        await fresh.deps.db.kysely.deleteFrom('users').where('id', '=', other.id).execute();

        const res = await upload(s, s.csrf!, text);
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('Site restored');
        expect(res.body).toContain('from “Gazette”');
        expect(String(res.headers['set-cookie'])).toMatch(/bs_session=;/);
        // The publisher's session went with their account; the backup's publisher can sign in.
        expect((await s.get('/admin/import')).statusCode).toBe(303);
        const after = JSON.parse(await exportText(fresh)) as SiteDoc;
        for (const name of Object.keys(doc.tables).filter((n) => n !== 'audit_log'))
          expect(after.tables[name], name).toEqual(doc.tables[name]);
        expect(rowsOf(after, 'audit_log').at(-1)).toMatchObject({ action: 'site.restore', actor_user_id: null });
      } finally {
        await fresh.close();
      }
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
      const body = JSON.parse(res.body) as SiteDoc;
      expect(body.tables.comments!.rows.length).toBe(await countRows(t, 'comments'));
      const audit = await t.deps.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'site.export')
        .execute();
      expect(audit).toEqual([expect.objectContaining({ actor_user_id: user.id, subject_type: 'site' })]);
    });
  });
}
