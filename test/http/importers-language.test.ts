/**
 * The importers, the API tokens page and the APIs' problem documents in the site's language: with the site in
 * French or Arabic, the import page, an import's report (its counts through plural messages), a refused upload's
 * message, /admin/tokens with its form errors, and the Admin and Content APIs' problem documents (title and detail
 * translated, the stable `code` unchanged).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImportJob } from '../../src/features/importers/import-jobs.service.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, signedIn, type Staff } from '../helpers/editorial.js';
import type { FormSession } from '../helpers/forms.js';
import { WXR_FIXTURE } from '../helpers/importing.js';
import { setSiteLocale } from '../helpers/locale.js';
import { DIALECTS } from '../helpers/test-db.js';

/** A multipart body with the fields first (as a browser sends the form) and the file last. */
function multipart(fields: Record<string, string>, file: { filename: string; content: Buffer | string }) {
  const boundary = '----broadsheet-language-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: text/xml\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

for (const dialect of DIALECTS) {
  describe(`importers, API tokens and the APIs' errors in French and Arabic on ${dialect}`, () => {
    let t: TestApp;
    let owner: Staff;
    let s: FormSession;

    const upload = async (fields: Record<string, string>, file: { filename: string; content: Buffer | string }) => {
      await s.get('/admin/import');
      const { payload, contentType } = multipart({ _csrf: s.csrf!, ...fields }, file);
      return t.app.inject({
        method: 'POST',
        url: '/admin/import',
        payload,
        headers: { 'content-type': contentType, cookie: s.cookieHeader() },
      });
    };

    beforeAll(async () => {
      t = await createTestApp(dialect);
      owner = await makeStaff(t, 'publisher', 'Pat Publisher');
      s = await signedIn(t.app, owner, '/admin/import');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('shows the import page in French and in Arabic', async () => {
      await setSiteLocale(t, owner, 'fr');
      const fr = await s.get('/admin/import');
      expect(fr.statusCode).toBe(200);
      expect(fr.body).toContain('<title>Import et export');
      expect(fr.body).toContain('Importer depuis WordPress');
      expect(fr.body).toContain('<code>npm run cli -- restore site.json</code>');
      expect(fr.body).toContain('Aucun import pour l’instant.');
      expect(fr.body).not.toContain('Import from WordPress');

      await setSiteLocale(t, owner, 'ar');
      const ar = await s.get('/admin/import');
      expect(ar.body).toContain('<html lang="ar" dir="rtl">');
      expect(ar.body).toContain('الاستيراد من WordPress');
      expect(ar.body).toContain('استعادة نسخة احتياطية');
      expect(ar.body).not.toContain('Restore a backup');
    });

    it('says why an upload was refused in the site’s language, with the same code', async () => {
      await setSiteLocale(t, owner, 'ar');
      const zip = { filename: 'export.zip', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) };
      const ar = await upload({ format: 'wxr' }, zip);
      expect(ar.statusCode).toBe(415);
      expect(ar.body).toContain('data-error-code="IMPORT_NOT_XML"');
      expect(ar.body).toContain('هذا الملف ليس ملف تصدير XML.');
      expect(ar.body).not.toContain('That file is not an XML export');

      await setSiteLocale(t, owner, 'fr');
      const fr = await upload({ format: 'wxr' }, zip);
      expect(fr.body).toContain('data-error-code="IMPORT_NOT_XML"');
      expect(fr.body).toContain('Ce fichier n’est pas un export XML.');
    });

    it('reports an import with its counts through plural messages, in French then in Arabic', async () => {
      await setSiteLocale(t, owner, 'fr');
      const res = await upload({ format: 'wxr' }, { filename: 'gazette.xml', content: fs.readFileSync(WXR_FIXTURE) });
      expect(res.statusCode).toBe(303);
      const id = Number(/\/admin\/import\/jobs\/(\d+)$/.exec(String(res.headers.location))![1]);
      await waitForImportJob(t.deps, id);

      const fr = await s.get(`/admin/import/jobs/${id}`);
      expect(fr.body).toContain('<title>Import de gazette.xml');
      expect(fr.body).toContain('Terminé');
      // One comment skipped, ten created: "ignoré" agrees with one, "créés" with ten.
      expect(fr.body).toContain('commentaires : 10 créés, 0 mis à jour, 1 ignoré');
      expect(fr.body).toContain('Bilan');
      expect(fr.body).not.toContain('comments: 10 created');
      const progress = await s.get(`/admin/import/jobs/${id}/progress`);
      expect(JSON.parse(progress.body)).toMatchObject({ active: false, label: 'Terminé', percent: 100 });

      // The report is the job's tally said at reading time: the same job in Arabic.
      await setSiteLocale(t, owner, 'ar');
      const ar = await s.get(`/admin/import/jobs/${id}`);
      expect(ar.body).toContain('اكتمل');
      expect(text(ar.body)).toContain('التعليقات: أُنشئ 10، لم يُحدَّث شيء، تُخطّي واحد');
      expect(ar.body).toContain('العودة إلى الاستيراد والتصدير');
      expect(ar.body).not.toContain('Back to import and export');
      // A note of the import, by its catalogue message.
      expect(ar.body).not.toMatch(/<li>[a-z][a-z ]+: \d/);
      const list = await s.get('/admin/import');
      expect(list.body).toContain(`href="/admin/import/jobs/${id}"`);
      expect(list.body).toContain('اكتمل');
    });

    it('shows the API tokens page and its form errors in Arabic and French', async () => {
      await setSiteLocale(t, owner, 'ar');
      const admin = await signedIn(t.app, owner, '/admin/tokens');
      const page = await admin.get('/admin/tokens');
      expect(page.body).toContain('<h1>رموز API</h1>');
      expect(page.body).toContain('إصدار رمز');
      expect(page.body).toContain('خلال 7 أيام');
      expect(page.body).toContain('لا يوجد رمز بعد.');
      const refused = await admin.post('/admin/tokens', { name: 'Sync', expires: '30' });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('اختر صلاحية واحدة على الأقل.');
      expect(refused.body).not.toContain('Choose at least one scope.');

      await setSiteLocale(t, owner, 'fr');
      await admin.get('/admin/tokens');
      const issued = await admin.post('/admin/tokens', { name: 'Synchro', scopes: ['read_drafts'], expires: '30' });
      expect(issued.statusCode).toBe(200);
      expect(issued.body).toContain('Jeton « Synchro » émis');
      expect(issued.body).toContain('Actif');
      expect(issued.body).toContain('par Pat Publisher');
    });

    it('translates the APIs’ problem documents’ title and detail, and keeps their code', async () => {
      await setSiteLocale(t, owner, 'ar');
      const missing = await t.app.inject({ url: '/api/v1/admin/articles' });
      expect(missing.statusCode).toBe(401);
      expect(missing.json()).toMatchObject({
        code: 'API_TOKEN_MISSING',
        title: 'أرسِل رمز API: Authorization: Bearer <token>.',
        detail: 'أرسِل رمز API: Authorization: Bearer <token>.',
      });
      const bogus = await t.app.inject({
        url: '/api/v1/admin/articles',
        headers: { authorization: `Bearer bs_${'x'.repeat(43)}` },
      });
      expect(bogus.json()).toMatchObject({ code: 'API_TOKEN_INVALID', detail: 'رمز API هذا غير صالح.' });

      await setSiteLocale(t, owner, 'fr');
      const admin = await signedIn(t.app, owner, '/admin/tokens');
      await admin.get('/admin/tokens');
      const res = await admin.post('/admin/tokens', { name: 'Lecture', scopes: ['read_drafts'], expires: '' });
      const secret = /value="(bs_[A-Za-z0-9_-]{43})"/.exec(res.body)![1]!;
      const scope = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/articles',
        headers: { authorization: `Bearer ${secret}` },
        payload: { headline: 'x' },
      });
      expect(scope.statusCode).toBe(403);
      expect(scope.json()).toMatchObject({
        code: 'API_SCOPE_MISSING',
        title: 'Ce jeton d’API n’a pas la portée « publish ».',
        detail: 'Ce jeton d’API n’a pas la portée « publish ».',
      });
      const article = await t.app.inject({
        url: '/api/v1/admin/articles/999999',
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(article.json()).toMatchObject({
        code: 'ARTICLE_NOT_FOUND',
        detail: 'Nous n’avons pas trouvé cet article.',
      });

      // The Content API too.
      const gone = await t.app.inject({ url: '/api/v1/articles/no-such-article' });
      expect(gone.json()).toMatchObject({ code: 'ARTICLE_NOT_FOUND', title: 'Nous n’avons pas trouvé cet article.' });
      const cursor = await t.app.inject({ url: '/api/v1/tags?cursor=Zm9v_' });
      expect(cursor.json()).toMatchObject({
        code: 'PAGE_LINK_INVALID',
        detail: 'Ce curseur n’est pas valide. Reprenez depuis la première page.',
      });
      await setSiteLocale(t, owner, 'en');
      expect((await t.app.inject({ url: '/api/v1/admin/articles' })).json()).toMatchObject({
        code: 'API_TOKEN_MISSING',
        detail: 'Send an API token: Authorization: Bearer <token>.',
      });
    });
  });
}
