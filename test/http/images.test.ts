import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findImageById } from '../../src/features/images/image.repo.js';
import { processPendingImages, storeImage } from '../../src/features/images/image.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { countRows, makeStaff, photoJpeg, secondProcess, signedIn, upload, type Staff } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/factories.js';
import { errorCodeOf, type FormSession } from '../helpers/forms.js';
import { DIALECTS } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`the image pipeline on ${dialect}`, () => {
    let t: TestApp;
    let editor: Staff;
    let s: FormSession;
    let photo: Buffer;
    const clock = fixedClock('2026-06-14T09:00:00Z');
    const mediaDir = () => path.join(t.testDb.dataDir, 'media');
    const mediaFolders = () => (fs.existsSync(mediaDir()) ? fs.readdirSync(mediaDir()).length : 0);
    const worker = (now = clock.now()) => ({ ...t.deps, clock: fixedClock(now), avifEffort: 0 });

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock });
      editor = await makeStaff(t, 'editor');
      s = await signedIn(t.app, editor, '/admin/images');
      photo = await photoJpeg();
    });
    afterAll(async () => {
      await t.close();
    });

    it('makes JPEG and WebP variants during the upload and AVIF in the background job, none of them with EXIF', async () => {
      const res = await upload(
        t.app,
        s,
        { alt: 'A river at dusk', caption: 'Dusk.', credit: 'Photo: Test' },
        { name: 'dusk.JPG', type: 'image/jpeg', data: photo },
      );
      expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
      const id = Number(/image=(\d+)/.exec(res.headers.location as string)![1]);
      const image = (await findImageById(t.deps.db.kysely, id))!;
      // The camera said "rotate 90°": the stored size is the displayed one.
      expect(image).toMatchObject({
        status: 'processing',
        width: 1600,
        height: 2400,
        mime: 'image/jpeg',
        alt: 'A river at dusk',
      });
      const widths = (format: string) =>
        image.variants
          .filter((v) => v.format === format)
          .map((v) => v.width)
          .sort((a, b) => a - b);
      expect(widths('jpeg')).toEqual([320, 640, 1024, 1600]);
      expect(widths('webp')).toEqual([320, 640, 1024, 1600]);
      expect(widths('avif')).toEqual([]);

      expect(await processPendingImages(worker())).toEqual([id]);
      const ready = (await findImageById(t.deps.db.kysely, id))!;
      expect(ready.status).toBe('ready');
      expect(
        ready.variants
          .filter((v) => v.format === 'avif')
          .map((v) => v.width)
          .sort((a, b) => a - b),
      ).toEqual([320, 640, 1024, 1600]);
      for (const v of ready.variants) {
        const meta = await sharp(path.join(mediaDir(), ready.storageKey, v.file)).metadata();
        expect(meta.format).toBe(v.format === 'avif' ? 'heif' : v.format);
        expect([meta.width, meta.height]).toEqual([v.width, v.height]);
        expect(v.height).toBe(v.width * 1.5);
        expect(meta.exif).toBeUndefined();
      }
      // The original (with its GPS position) is kept, but not where /media/ serves from.
      expect(fs.readdirSync(path.join(mediaDir(), ready.storageKey)).some((f) => f.startsWith('original'))).toBe(false);
      expect((await t.app.inject(`/media/${ready.storageKey}/original.jpg`)).statusCode).toBe(404);
      expect(fs.readdirSync(path.join(t.testDb.dataDir, 'originals'))).toContain(`${ready.storageKey}.jpg`);
      expect(await processPendingImages(worker())).toEqual([]);
    });

    it('renders a responsive picture with AVIF, WebP and JPEG sources, its size, lazy loading and the full-size link', async () => {
      const id = await storeImage(worker(), {
        buffer: await photoJpeg(1200, 800, 1),
        alt: 'Market stalls',
        decorative: false,
        caption: 'The Saturday market.',
      });
      await processPendingImages(worker());
      const a = await makeArticle(t.deps.db.kysely, {
        slug: 'market-day',
        body: `Intro.\n\n![Market](image:${id})\n\nOutro.`,
      });
      const page = (await t.app.inject(`/articles/${a.slug}`)).body;
      const key = (await findImageById(t.deps.db.kysely, id))!.storageKey;
      expect(page).toContain(
        `<source type="image/avif" srcset="/media/${key}/320.avif 320w, /media/${key}/640.avif 640w, /media/${key}/1024.avif 1024w, /media/${key}/1200.avif 1200w"`,
      );
      expect(page).toMatch(/<source type="image\/webp" srcset="[^"]+320\.webp 320w/);
      expect(page).toMatch(
        /<img src="\/media\/[^"]+\/640\.jpg" srcset="[^"]+" sizes="[^"]+" width="1200" height="800" alt="Market stalls" loading="lazy"/,
      );
      expect(page).toContain(`<a class="full-size-link" href="/media/${key}/1200.jpg"`);
      expect(page).toContain('Click to see the full-size image');
      expect((await t.app.inject(`/media/${key}/1200.jpg`)).headers['content-type']).toBe('image/jpeg');
    });

    it('states the size of the file the full-size link opens, for an image wider than the largest variant', async () => {
      const id = await storeImage(worker(), {
        buffer: await photoJpeg(2000, 1000, 1),
        alt: 'Harbour panorama',
        decorative: false,
      });
      const a = await makeArticle(t.deps.db.kysely, { slug: 'harbour-panorama', body: `![Harbour](image:${id})` });
      const page = (await t.app.inject(`/articles/${a.slug}`)).body;
      const key = (await findImageById(t.deps.db.kysely, id))!.storageKey;
      expect(page).toContain(
        `<a class="full-size-link" href="/media/${key}/1600.jpg" data-viewer-index="0" data-full-width="1600" data-full-height="800">`,
      );
      const served = await sharp((await t.app.inject(`/media/${key}/1600.jpg`)).rawPayload).metadata();
      expect([served.width, served.height]).toEqual([1600, 800]);
    });

    it('refuses a 50 MB upload with a message on the form and stores nothing', async () => {
      const [rows, folders] = [await countRows(t, 'images'), mediaFolders()];
      const huge = Buffer.concat([photo, Buffer.alloc(50 * 1024 * 1024 - photo.length, 1)]);
      const res = await upload(t.app, s, { alt: 'Too big' }, { name: 'huge.jpg', type: 'image/jpeg', data: huge });
      expect(res.statusCode).toBe(413);
      expect(res.body).toContain('larger than the 15 MB limit');
      expect(res.body).toContain(
        '<form class="form" method="post" action="/admin/images" enctype="multipart/form-data">',
      );
      expect(res.body).toContain('Too big');
      expect([await countRows(t, 'images'), mediaFolders()]).toEqual([rows, folders]);
    });

    it('refuses a text file named .jpg, judging by its content', async () => {
      const [rows, folders] = [await countRows(t, 'images'), mediaFolders()];
      const res = await upload(
        t.app,
        s,
        { alt: 'Not really' },
        {
          name: 'photo.jpg',
          type: 'image/jpeg',
          data: Buffer.from('This is a plain text file, not a JPEG.\n'.repeat(50)),
        },
      );
      expect(res.statusCode).toBe(415);
      expect(res.body).toContain('That file is not an image we can read');
      expect([await countRows(t, 'images'), mediaFolders()]).toEqual([rows, folders]);
    });

    it('requires alt text unless the image is marked decorative', async () => {
      const rows = await countRows(t, 'images');
      const small = await photoJpeg(300, 200);
      const res = await upload(
        t.app,
        s,
        { alt: '  ', caption: 'kept caption' },
        { name: 'a.jpg', type: 'image/jpeg', data: small },
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Alt text is required unless the image is decorative.');
      expect(res.body).toContain('value="kept caption"');
      expect(await countRows(t, 'images')).toBe(rows);
      const ok = await upload(
        t.app,
        s,
        { alt: '', decorative: '1' },
        { name: 'a.jpg', type: 'image/jpeg', data: small },
      );
      expect(ok.statusCode).toBe(303);
      expect(await countRows(t, 'images')).toBe(rows + 1);
    });

    it('refuses a forged CSRF token on the upload form and stores nothing', async () => {
      const [rows, folders] = [await countRows(t, 'images'), mediaFolders()];
      const res = await upload(
        t.app,
        s,
        { alt: 'Forged', _csrf: 'forged' },
        { name: 'a.jpg', type: 'image/jpeg', data: await photoJpeg(300, 200) },
      );
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Your form has expired or did not come from this site');
      expect([await countRows(t, 'images'), mediaFolders()]).toEqual([rows, folders]);
    });

    it('refuses to delete an image an article shows, saying which article', async () => {
      const id = await storeImage(worker(), { buffer: await photoJpeg(300, 200), alt: 'In use', decorative: false });
      const a = await makeArticle(t.deps.db.kysely, { headline: 'Uses the picture', body: `![x](image:${id})` });
      await t.deps.db.kysely.insertInto('article_images').values({ article_id: a.id, image_id: id }).execute();
      await s.get(`/admin/images/${id}`);
      const res = await s.post(`/admin/images/${id}/delete`, {});
      expect(res.statusCode).toBe(409);
      expect(errorCodeOf(res.body)).toBe('IMAGE_IN_USE');
      expect(res.body).toContain('This image is used by an article (“Uses the picture”)');
      expect(await findImageById(t.deps.db.kysely, id)).toBeDefined();
    });

    it('shares background work between two app processes: each image gets its AVIF variants once', async () => {
      await processPendingImages(worker(), 100); // earlier tests' uploads
      const ids: number[] = [];
      for (let i = 0; i < 4; i++)
        ids.push(
          await storeImage(worker(), { buffer: await photoJpeg(400, 300), alt: `Pending ${i}`, decorative: false }),
        );
      const other = await secondProcess(t, { clock });
      try {
        const otherWorker = { ...other.deps, clock: fixedClock(clock.now()), avifEffort: 0 };
        const [a, b] = await Promise.all([processPendingImages(worker(), 10), processPendingImages(otherWorker, 10)]);
        expect([...a, ...b].sort((x, y) => x - y)).toEqual(ids);
        expect(a.filter((id) => b.includes(id))).toEqual([]);
        const rows = await t.deps.db.kysely
          .selectFrom('images')
          .select(['status', 'attempts'])
          .where('id', 'in', ids)
          .execute();
        expect(rows.every((r) => r.status === 'ready' && r.attempts === 1)).toBe(true);
      } finally {
        await other.close();
      }
    });

    it('leaves an image a live worker has claimed, and takes it over once the claim expires', async () => {
      const id = await storeImage(worker(), { buffer: await photoJpeg(400, 300), alt: 'Claimed', decorative: false });
      const inFuture = new Date(clock.now().getTime() + 60_000).toISOString();
      await t.deps.db.kysely
        .updateTable('images')
        .set({ claimed_until: inFuture, attempts: 1 })
        .where('id', '=', id)
        .execute();
      expect(await processPendingImages(worker())).toEqual([]);
      // The worker died: ten minutes later its claim has lapsed and another run finishes the job.
      expect(await processPendingImages(worker(new Date(clock.now().getTime() + 10 * 60_000)))).toEqual([id]);
      expect((await findImageById(t.deps.db.kysely, id))!.status).toBe('ready');
    });
  });
}
