/**
 * Issue 15: media on object storage. With MEDIA_STORAGE=s3 against a real S3-compatible server on loopback
 * (s3rver), an upload through the admin form lands in the bucket (seen with the test's own client), the
 * article page's image addresses answer from the bucket with the right headers (ETag, 304, Range), the
 * variant job reads the original from the bucket and writes AVIF back, a second app with its own DATA_DIR
 * and its own connection to the database serves what the first stored (and the other way round), deleting
 * an image removes its objects, and export/restore of media works through the bucket.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/dialect.js';
import { findImageById } from '../../src/features/images/image.repo.js';
import { processPendingImages } from '../../src/features/images/image.service.js';
import { stageMediaTar, writeMediaTar } from '../../src/features/importers/media-backup.js';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { createS3MediaStore } from '../../src/platform/s3-media-store.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeStaff, photoJpeg, signedIn, upload } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { stringInput } from '../helpers/importing.js';
import { buildWxr } from '../helpers/wxr-builder.js';
import type { FormSession } from '../helpers/forms.js';
import { s3ServerMissing, startS3Server, type S3TestServer } from '../helpers/s3-server.js';
import { DIALECTS } from '../helpers/test-db.js';

const missing = await s3ServerMissing();
if (missing) console.warn(`media on S3 skipped: ${missing}`);

/** A second app on the same database and bucket, as another machine would run it: its own DATA_DIR and connections. */
async function otherMachine(t: TestApp, s3: S3TestServer, prefix: string): Promise<TestApp & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-other-'));
  const db = t.testDb.url ? await openDb({ databaseUrl: t.testDb.url, sqliteFile: '', poolSize: 3 }) : t.testDb.db;
  const other = await createTestApp(t.deps.db.dialect, {
    testDb: { ...t.testDb, db, dataDir },
    config: { mediaStorage: s3.storage(prefix) },
  });
  return {
    ...other,
    dataDir,
    close: async () => {
      await other.close();
      other.deps.media.close();
      if (t.testDb.url) await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function bucketBytes(s3: S3TestServer, key: string): Promise<Buffer> {
  const out = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

for (const dialect of DIALECTS) {
  describe.skipIf(missing !== null)(`images on an S3-compatible bucket on ${dialect}`, { timeout: 120_000 }, () => {
    const PREFIX = `site-${dialect}`;
    const clock = fixedClock('2026-06-14T09:00:00Z');
    let s3: S3TestServer;
    let t: TestApp;
    let s: FormSession;
    let id = 0;
    let key = '';
    let slug = '';
    const worker = () => ({ ...t.deps, clock, avifEffort: 0 });

    beforeAll(async () => {
      s3 = await startS3Server();
      t = await createTestApp(dialect, { clock, config: { mediaStorage: s3.storage(PREFIX) } });
      s = await signedIn(t.app, await makeStaff(t, 'editor'), '/admin/images');
    });
    afterAll(async () => {
      t?.deps.media.close();
      await t?.close();
      await s3?.close();
    });

    it('stores an upload through the admin form in the bucket, and nothing under DATA_DIR', async () => {
      const res = await upload(
        t.app,
        s,
        { alt: 'The harbour at dawn' },
        { name: 'harbour.jpg', type: 'image/jpeg', data: await photoJpeg(1200, 800, 1) },
      );
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      id = Number(/image=(\d+)/.exec(res.headers.location as string)![1]);
      key = (await findImageById(t.deps.db.kysely, id))!.storageKey;
      const keys = await s3.keys(`${PREFIX}/`);
      expect(keys).toContain(`${PREFIX}/originals/${key}.jpg`);
      for (const w of [320, 640, 1024, 1200])
        for (const ext of ['jpg', 'webp']) expect(keys).toContain(`${PREFIX}/media/${key}/${w}.${ext}`);
      expect(fs.existsSync(path.join(t.testDb.dataDir, 'media'))).toBe(false);
      expect(fs.existsSync(path.join(t.testDb.dataDir, 'originals'))).toBe(false);
    });

    it('serves the article page’s image addresses from the bucket, with type, length, ETag, 304 and ranges', async () => {
      ({ slug } = await makeArticle(t.deps.db.kysely, { slug: `harbour-${dialect}`, body: `![Harbour](image:${id})` }));
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      const src = /<img src="(\/media\/[^"]+\/640\.jpg)"/.exec(page)?.[1];
      expect(src).toBe(`/media/${key}/640.jpg`);
      const stored = await bucketBytes(s3, `${PREFIX}/media/${key}/640.jpg`);

      const res = await t.app.inject(src!);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(stored)).toBe(true);
      expect(res.headers).toMatchObject({
        'content-type': 'image/jpeg',
        'content-length': String(stored.length),
        'cache-control': 'public, max-age=2592000, immutable',
        'accept-ranges': 'bytes',
      });
      expect(res.headers['set-cookie']).toBeUndefined();
      const etag = res.headers.etag as string;
      expect(etag).toMatch(/^"[0-9a-f]+"$/);

      const again = await t.app.inject({ url: src!, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect((await t.app.inject({ url: src!, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);

      const part = await t.app.inject({ url: src!, headers: { range: 'bytes=100-199' } });
      expect(part.statusCode).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 100-199/${stored.length}`);
      expect(part.rawPayload.equals(stored.subarray(100, 200))).toBe(true);
      const tail = await t.app.inject({ url: src!, headers: { range: 'bytes=-10' } });
      expect(tail.rawPayload.equals(stored.subarray(stored.length - 10))).toBe(true);
      const past = await t.app.inject({ url: src!, headers: { range: `bytes=${stored.length + 5}-` } });
      expect([past.statusCode, past.headers['content-range']]).toEqual([416, `bytes */${stored.length}`]);

      const head = await t.app.inject({ method: 'HEAD', url: src! });
      expect([head.statusCode, head.headers['content-length'], head.rawPayload.length]).toEqual([
        200,
        String(stored.length),
        0,
      ]);
    });

    it('never serves an original, nor anything outside media/', async () => {
      for (const url of [
        `/media/${key}/original.jpg`,
        `/originals/${key}.jpg`,
        `/media/..%2Foriginals%2F${key}.jpg`,
        `/media/${key}/%2e%2e/%2e%2e/originals/${key}.jpg`,
        '/media/',
      ])
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
    });

    it('makes the AVIF variants in the background from the original in the bucket, and writes them back', async () => {
      expect(await processPendingImages(worker(), 10)).toContain(id);
      const keys = await s3.keys(`${PREFIX}/media/${key}/`);
      for (const w of [320, 640, 1024, 1200]) expect(keys).toContain(`${PREFIX}/media/${key}/${w}.avif`);
      const page = (await t.app.inject(`/articles/${slug}`)).body;
      expect(page).toContain(`/media/${key}/640.avif 640w`);
      const avif = await t.app.inject(`/media/${key}/640.avif`);
      expect([avif.statusCode, avif.headers['content-type']]).toEqual([200, 'image/avif']);
    });

    it('lets a second app with its own DATA_DIR serve what the first stored, and the first serve what it stores', async () => {
      const other = await otherMachine(t, s3, PREFIX);
      try {
        const mine = await t.app.inject(`/media/${key}/1024.webp`);
        const theirs = await other.app.inject(`/media/${key}/1024.webp`);
        expect([theirs.statusCode, theirs.headers['content-type'], theirs.headers.etag]).toEqual([
          200,
          'image/webp',
          mine.headers.etag,
        ]);
        expect(theirs.rawPayload.equals(mine.rawPayload)).toBe(true);

        const s2 = await signedIn(other.app, await makeStaff(other, 'editor'), '/admin/images');
        const res = await upload(
          other.app,
          s2,
          { alt: 'Uploaded on the other machine' },
          { name: 'other.jpg', type: 'image/jpeg', data: await photoJpeg(500, 300, 1) },
        );
        expect(res.statusCode).toBe(303);
        const otherId = Number(/image=(\d+)/.exec(res.headers.location as string)![1]);
        const otherKey = (await findImageById(t.deps.db.kysely, otherId))!.storageKey;
        expect((await t.app.inject(`/media/${otherKey}/500.jpg`)).statusCode).toBe(200);
        expect(fs.existsSync(path.join(other.dataDir, 'media'))).toBe(false);
      } finally {
        await other.close();
      }
    });

    it('deletes an image’s objects (variants and original) with the image', async () => {
      const res = await upload(
        t.app,
        s,
        { alt: 'To be deleted' },
        { name: 'gone.jpg', type: 'image/jpeg', data: await photoJpeg(400, 300, 1) },
      );
      const goneId = Number(/image=(\d+)/.exec(res.headers.location as string)![1]);
      const goneKey = (await findImageById(t.deps.db.kysely, goneId))!.storageKey;
      expect((await s3.keys(`${PREFIX}/media/${goneKey}/`)).length).toBeGreaterThan(0);
      await s.get(`/admin/images/${goneId}`);
      const del = await s.post(`/admin/images/${goneId}/delete`, {});
      expect(del.statusCode, del.body.slice(0, 300)).toBe(303);
      expect(await s3.keys(`${PREFIX}/media/${goneKey}/`)).toEqual([]);
      expect(await s3.keys(`${PREFIX}/originals/${goneKey}.`)).toEqual([]);
      expect((await t.app.inject(`/media/${goneKey}/400.jpg`)).statusCode).toBe(404);
      // The other image is untouched.
      expect((await s3.keys(`${PREFIX}/media/${key}/`)).length).toBe(12);
    });

    it('imports WordPress attachments into the bucket, AVIF included, and points the post at them', async () => {
      const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-wp-uploads-'));
      try {
        fs.mkdirSync(path.join(uploads, '2025', '05'), { recursive: true });
        fs.writeFileSync(path.join(uploads, '2025', '05', 'roof.jpg'), await photoJpeg(800, 600, 1));
        const site = 'https://old.example.org';
        const wxr = buildWxr({
          site,
          items: [
            {
              id: 10,
              title: 'Roof repairs',
              name: `roof-repairs-${dialect}`,
              content: `<p>Before.</p>\n\n<img src="${site}/wp-content/uploads/2025/05/roof.jpg" alt="Roof">\n\n<p>After.</p>`,
            },
            {
              id: 11,
              title: 'Roof photo',
              name: 'roof-photo',
              type: 'attachment',
              parent: 10,
              attachmentUrl: `${site}/wp-content/uploads/2025/05/roof.jpg`,
              meta: { _wp_attachment_image_alt: 'The mended roof' },
            },
          ],
        });
        await importWxr(t.deps, stringInput(wxr), { uploadsDir: uploads, avifEffort: 0 });
        const image = await t.deps.db.kysely
          .selectFrom('images')
          .select(['id', 'storage_key'])
          .where('alt', '=', 'The mended roof')
          .executeTakeFirstOrThrow();
        const keys = await s3.keys(`${PREFIX}/`);
        expect(keys).toContain(`${PREFIX}/originals/${image.storage_key}.jpg`);
        expect(keys).toContain(`${PREFIX}/media/${image.storage_key}/800.avif`);
        const page = (await t.app.inject(`/articles/roof-repairs-${dialect}`)).body;
        expect(page).toContain(`/media/${image.storage_key}/640.jpg`);
        expect((await t.app.inject(`/media/${image.storage_key}/640.jpg`)).statusCode).toBe(200);
        expect(fs.existsSync(path.join(t.testDb.dataDir, 'media'))).toBe(false);
      } finally {
        fs.rmSync(uploads, { recursive: true, force: true });
      }
    });

    it('exports the bucket’s media as the tar `export --media` writes, and restores it into another prefix', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'broadsheet-s3-tar-'));
      const restored = createS3MediaStore(s3.storage(`${PREFIX}-restored`));
      try {
        const file = path.join(dir, 'site-media.tar');
        const summary = await writeMediaTar(t.deps.media, file);
        const inBucket = (await s3.keys(`${PREFIX}/`)).map((k) => k.slice(PREFIX.length + 1));
        expect(summary.files).toBe(inBucket.length);
        const names: string[] = [];
        const extract = tar.extract();
        extract.on('entry', (h, stream, next) => {
          names.push(h.name);
          stream.on('end', next).resume();
        });
        await pipeline(fs.createReadStream(file), extract);
        expect(names.sort()).toEqual(inBucket);

        const staged = await stageMediaTar(file, dir, restored);
        await staged.commit();
        expect((await s3.keys(`${PREFIX}-restored/`)).map((k) => k.slice(PREFIX.length + 10))).toEqual(inBucket);
        const k = `media/${key}/640.jpg`;
        expect((await bucketBytes(s3, `${PREFIX}-restored/${k}`)).equals(await bucketBytes(s3, `${PREFIX}/${k}`))).toBe(
          true,
        );
      } finally {
        restored.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
