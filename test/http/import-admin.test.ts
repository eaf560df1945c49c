import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImportJob } from '../../src/features/importers/import-jobs.service.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { formSession, type FormSession } from '../helpers/forms.js';
import { countRows, DISQUS_FIXTURE, WXR_FIXTURE } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

/** A multipart body with the fields first (as a browser sends the form) and the file last. */
function multipart(fields: Record<string, string>, file: { filename: string; content: Buffer | string }) {
  const boundary = '----broadsheet-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: text/xml\r\n\r\n`,
    ),
  );
  parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of DIALECTS) {
  describe(`the import page on ${dialect}`, () => {
    let t: TestApp;
    let s: FormSession;

    const upload = async (
      fields: Record<string, string>,
      file: { filename: string; content: Buffer | string },
      session = s,
    ) => {
      const { payload, contentType } = multipart(fields, file);
      return t.app.inject({
        method: 'POST',
        url: '/admin/import',
        payload,
        headers: { 'content-type': contentType, cookie: session.cookieHeader() },
      });
    };
    const jobIdOf = (location: unknown) => Number(/\/admin\/import\/jobs\/(\d+)$/.exec(String(location))![1]);

    beforeAll(async () => {
      t = await createTestApp(dialect);
      const publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      s = await formSession(t.app, '/login');
      await s.post('/login', { email: publisher.email, password: publisher.password });
      await makeArticle(t.deps.db.kysely, { slug: 'night-buses-return' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows the upload forms and the export link to publishers only', async () => {
      const page = await s.get('/admin/import');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('enctype="multipart/form-data"');
      expect(page.body).toContain('href="/admin/export"');
      expect(page.body).toMatch(/<a href="\/admin\/import" aria-current="page">Import &amp; export<\/a>/);
      expect((await t.app.inject('/admin/import')).statusCode).toBe(303);
      const editor = await makeUser(t.deps.db.kysely, { role: 'editor' });
      const es = await formSession(t.app, '/login');
      await es.post('/login', { email: editor.email, password: editor.password });
      expect((await es.get('/admin/import')).statusCode).toBe(403);
      const refused = await upload(
        { _csrf: es.csrf!, format: 'wxr' },
        { filename: 'export.xml', content: fs.readFileSync(WXR_FIXTURE) },
        es,
      );
      expect(refused.statusCode).toBe(403);
    });

    it('refuses an upload without a valid CSRF token and starts nothing', async () => {
      const res = await upload(
        { _csrf: 'forged', format: 'wxr' },
        { filename: 'export.xml', content: fs.readFileSync(WXR_FIXTURE) },
      );
      expect(res.statusCode).toBe(403);
      expect(await t.deps.db.kysely.selectFrom('import_jobs').select('id').execute()).toEqual([]);
      expect(await countRows(t, 'articles')).toBe(1);
    });

    it('refuses a file that is not XML with a message on the form', async () => {
      await s.get('/admin/import');
      const res = await upload(
        { _csrf: s.csrf!, format: 'wxr' },
        { filename: 'export.zip', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) },
      );
      expect(res.statusCode).toBe(415);
      expect(res.body).toContain('data-error-code="IMPORT_NOT_XML"');
      expect(await t.deps.db.kysely.selectFrom('import_jobs').select('id').execute()).toEqual([]);
    });

    it('imports an uploaded WordPress export in the background and shows its progress and summary', async () => {
      await s.get('/admin/import');
      const res = await upload(
        { _csrf: s.csrf!, format: 'wxr' },
        { filename: 'gazette.wordpress.xml', content: fs.readFileSync(WXR_FIXTURE) },
      );
      expect(res.statusCode).toBe(303);
      const id = jobIdOf(res.headers.location);
      await waitForImportJob(t.deps, id);
      const page = await s.get(`/admin/import/jobs/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Import of gazette.wordpress.xml');
      expect(page.body).toContain('Finished');
      expect(page.body).toContain('comments: 10 created, 0 updated, 1 skipped');
      expect(page.body).toMatch(/<progress id="job-bar" max="100" value="100">/);
      const progress = await s.get(`/admin/import/jobs/${id}/progress`, { accept: 'application/json' });
      expect(JSON.parse(progress.body)).toMatchObject({ active: false, label: 'Finished', percent: 100, created: 23 });
      expect(await countRows(t, 'articles')).toBe(5);
      const audit = await t.deps.db.kysely.selectFrom('audit_log').select(['action', 'subject_id']).execute();
      expect(audit).toContainEqual({ action: 'site.import', subject_id: String(id) });
      expect(fs.readdirSync(`${t.deps.config.dataDir}/imports`)).toEqual([]);
      expect((await s.get('/admin/import')).body).toContain(`href="/admin/import/jobs/${id}"`);
    });

    it('imports a Disqus export with the chosen thread matching', async () => {
      await s.get('/admin/import');
      const res = await upload(
        { _csrf: s.csrf!, format: 'disqus', articleMap: 'by-identifier' },
        { filename: 'disqus.xml', content: fs.readFileSync(DISQUS_FIXTURE) },
      );
      const id = jobIdOf(res.headers.location);
      await waitForImportJob(t.deps, id);
      const job = await t.deps.db.kysely
        .selectFrom('import_jobs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(job.status).toBe('done');
      expect(JSON.parse(job.options)).toEqual({ articleMap: 'by-identifier' });
      const marta = await t.deps.db.kysely
        .selectFrom('comments')
        .select('id')
        .where('author_name', '=', 'Marta Kowalska')
        .execute();
      expect(marta).toHaveLength(1);
    });

    it('reports a failed import on its page', async () => {
      await s.get('/admin/import');
      const res = await upload(
        { _csrf: s.csrf!, format: 'wxr' },
        { filename: 'wrong.xml', content: fs.readFileSync(DISQUS_FIXTURE) },
      );
      const id = jobIdOf(res.headers.location);
      await waitForImportJob(t.deps, id);
      const page = await s.get(`/admin/import/jobs/${id}`);
      expect(page.body).toContain('Stopped');
      expect(page.body).toContain('does not look like a WordPress export');
    });
  });
}
