import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImportJob } from '../../src/features/importers/import-jobs.service.js';
import { buildTar, buildZip, type ArchiveEntry } from '../helpers/archives.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeUser } from '../helpers/factories.js';
import { errorCodeOf, formSession, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';
import { buildWxr } from '../helpers/wxr-builder.js';

interface FilePart {
  field: string;
  filename: string;
  content: Buffer | string;
}

/** A multipart body as a browser sends the WordPress form: fields, then the export, then the media archive. */
function multipart(fields: Record<string, string>, files: FilePart[]) {
  const boundary = '----broadsheet-media-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A WordPress export of one post whose body shows an upload and whose featured image is that attachment. */
function exportWith(site: string, slug: string, postId: number): string {
  const url = `${site}/wp-content/uploads/2025/05/${slug}.jpg`;
  return buildWxr({
    site,
    items: [
      {
        id: postId,
        title: `Story ${slug}`,
        name: slug,
        content: `<p>Before.</p>\n\n<img src="${site}/wp-content/uploads/2025/05/${slug}-1024x768.jpg" alt="Roof">\n\n<p>After.</p>`,
        meta: { _thumbnail_id: String(postId + 1) },
      },
      {
        id: postId + 1,
        title: `${slug} photo`,
        name: `${slug}-photo`,
        type: 'attachment',
        parent: postId,
        attachmentUrl: url,
        meta: { _wp_attachment_image_alt: `${slug} photo` },
      },
    ],
  });
}

let jpeg: Buffer;
let outside: string;

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 30, g: 90, b: 120 } } })
    .jpeg()
    .toBuffer();
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'media-outside-'));
});
afterAll(() => {
  fs.rmSync(outside, { recursive: true, force: true });
});

for (const dialect of DIALECTS) {
  describe(`the media archive of a WordPress import on ${dialect}`, { timeout: 60_000 }, () => {
    let t: TestApp;
    let s: FormSession;
    let clients = 0;

    const upload = async (xml: string, media?: { filename: string; content: Buffer }) => {
      await s.get('/admin/import');
      const files: FilePart[] = [{ field: 'file', filename: 'export.xml', content: xml }];
      if (media) files.push({ field: 'media', ...media });
      const { payload, contentType } = multipart({ _csrf: s.csrf!, format: 'wxr' }, files);
      return t.app.inject({
        method: 'POST',
        url: '/admin/import',
        payload,
        // Each upload from its own address: the route's rate limit (10 per 10 minutes) is not what is tested.
        remoteAddress: `10.9.0.${++clients}`,
        headers: { 'content-type': contentType, cookie: s.cookieHeader() },
      });
    };
    const importedFrom = async (res: Awaited<ReturnType<typeof upload>>) => {
      expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
      const id = Number(/\/admin\/import\/jobs\/(\d+)$/.exec(String(res.headers.location))![1]);
      await waitForImportJob(t.deps, id);
      return t.deps.db.kysely.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    };
    const article = (slug: string) =>
      t.deps.db.kysely.selectFrom('articles').selectAll().where('slug', '=', slug).executeTakeFirst();
    const importsDir = () => path.join(t.deps.config.dataDir, 'imports');
    const jobCount = async () => (await t.deps.db.kysely.selectFrom('import_jobs').select('id').execute()).length;

    beforeAll(async () => {
      t = await createTestApp(dialect, { config: { importMediaMaxBytes: 1024 * 1024 } });
      const publisher = await makeUser(t.deps.db.kysely, { role: 'publisher' });
      s = await formSession(t.app, '/login');
      await s.post('/login', { email: publisher.email, password: publisher.password });
    });
    afterAll(async () => {
      await t.close();
    });

    it('offers the media field on the WordPress form', async () => {
      const page = await s.get('/admin/import');
      expect(page.body).toContain('name="media"');
      expect(page.body).toContain('up to 1 MB');
    });

    it('attaches the images of an uploaded zip of wp-content/uploads to the imported article', async () => {
      const zip = buildZip([
        { name: 'wp-content/', type: 'directory' },
        { name: 'wp-content/uploads/2025/05/', type: 'directory' },
        { name: 'wp-content/uploads/2025/05/zipped.jpg', data: jpeg },
      ]);
      const job = await importedFrom(
        await upload(exportWith('https://zip.example', 'zipped', 10), { filename: 'uploads.zip', content: zip }),
      );
      expect(job.status, job.error ?? '').toBe('done');
      expect(JSON.parse(job.options)).toMatchObject({ mediaArchive: 'uploads.zip', mediaFiles: 1 });
      const a = (await article('zipped'))!;
      expect(a.lead_image_id).not.toBeNull();
      expect(a.body_html).toContain(`<figure data-image-id="${a.lead_image_id}"></figure>`);
      const image = await t.deps.db.kysely
        .selectFrom('images')
        .selectAll()
        .where('id', '=', a.lead_image_id!)
        .executeTakeFirstOrThrow();
      expect(image).toMatchObject({ alt: 'zipped photo', width: 320, status: 'ready' });
      const page = await t.app.inject('/articles/zipped');
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(/src="\/media\/[^"]+"/);
      // The unpacked folder went with the job.
      expect(fs.readdirSync(importsDir())).toEqual([]);
    });

    it('does the same with a tar.gz of the uploads folder', async () => {
      const tgz = await buildTar(
        [
          { name: 'uploads/2025/05/', type: 'directory' },
          { name: 'uploads/2025/05/tarred.jpg', data: jpeg },
        ],
        true,
      );
      const job = await importedFrom(
        await upload(exportWith('https://tar.example', 'tarred', 20), { filename: 'uploads.tar.gz', content: tgz }),
      );
      expect(job.status, job.error ?? '').toBe('done');
      const a = (await article('tarred'))!;
      expect(a.lead_image_id).not.toBeNull();
      expect(a.body_html).toContain(`<figure data-image-id="${a.lead_image_id}"></figure>`);
      expect(fs.readdirSync(importsDir())).toEqual([]);
    });

    const hostile: Array<[string, (dir: string) => ArchiveEntry[], RegExp]> = [
      ['a ../ entry', () => [{ name: '2025/../../../evil.txt', data: 'x' }], /points outside the folder/],
      ['an absolute path', (dir) => [{ name: path.join(dir, 'absolute.txt'), data: 'x' }], /is an absolute path/],
      [
        'a symbolic link',
        (dir) => [
          { name: '2025/escape', type: 'symlink', linkname: dir },
          { name: '2025/escape/through-link.txt', data: 'x' },
        ],
        /is a symbolic link/,
      ],
    ];
    for (const [what, entries, message] of hostile) {
      for (const kind of ['zip', 'tar'] as const) {
        it(`refuses a ${kind} with ${what}, writes nothing outside and imports nothing`, async () => {
          const list = entries(outside);
          const content = kind === 'zip' ? buildZip(list) : await buildTar(list);
          const before = await jobCount();
          const slug = `hostile-${kind}-${what.replace(/\W+/g, '-')}`;
          const res = await upload(exportWith('https://hostile.example', slug, 40), {
            filename: `uploads.${kind}`,
            content,
          });
          expect(res.statusCode).toBe(422);
          expect(errorCodeOf(res.body)).toBe('MEDIA_ARCHIVE_UNSAFE');
          expect(res.body).toMatch(message);
          expect(await jobCount()).toBe(before);
          expect(await article(slug)).toBeUndefined();
          expect(fs.readdirSync(outside)).toEqual([]);
          expect(fs.existsSync(path.join(t.deps.config.dataDir, 'evil.txt'))).toBe(false);
          expect(fs.readdirSync(importsDir())).toEqual([]);
        });
      }
    }

    it('refuses an archive over IMPORT_MEDIA_MAX_MB with a clear message and imports nothing', async () => {
      const big = await buildTar([{ name: '2025/05/huge.bin', data: Buffer.alloc(1200 * 1024, 7) }]);
      const before = await jobCount();
      const res = await upload(exportWith('https://big.example', 'too-big', 60), {
        filename: 'uploads.tar',
        content: big,
      });
      expect(res.statusCode).toBe(413);
      expect(errorCodeOf(res.body)).toBe('MEDIA_ARCHIVE_TOO_LARGE');
      expect(res.body).toContain('larger than 1 MB');
      expect(await jobCount()).toBe(before);
      expect(await article('too-big')).toBeUndefined();
      expect(fs.readdirSync(importsDir())).toEqual([]);
    });

    it('refuses a small archive that unpacks to more than the limit', async () => {
      const zeros = Buffer.alloc(800 * 1024);
      for (const [name, content] of [
        ['bomb.zip', buildZip(['a', 'b'].map((n) => ({ name: `${n}.bin`, data: zeros, deflate: true })))],
        [
          'bomb.tar.gz',
          await buildTar(
            [
              { name: 'a.bin', data: zeros },
              { name: 'b.bin', data: zeros },
            ],
            true,
          ),
        ],
      ] as const) {
        expect(content.length).toBeLessThan(20 * 1024);
        const res = await upload(exportWith('https://bomb.example', 'bomb', 70), { filename: name, content });
        expect(res.statusCode).toBe(413);
        expect(errorCodeOf(res.body)).toBe('MEDIA_ARCHIVE_TOO_LARGE');
        expect(await article('bomb')).toBeUndefined();
        expect(fs.readdirSync(importsDir())).toEqual([]);
      }
    });

    it('refuses a file that is not an archive', async () => {
      const res = await upload(exportWith('https://nozip.example', 'not-zip', 80), {
        filename: 'uploads.zip',
        content: Buffer.from('just text, not an archive'),
      });
      expect(res.statusCode).toBe(415);
      expect(errorCodeOf(res.body)).toBe('MEDIA_ARCHIVE_UNREADABLE');
      expect(await article('not-zip')).toBeUndefined();
    });
  });
}
