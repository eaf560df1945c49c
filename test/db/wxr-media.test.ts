import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { localFileFor, uploadKey } from '../../src/features/importers/wxr-media.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { fileInput, snapshotTables, WXR_FIXTURE } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';

describe('attachment files', () => {
  it('maps resized and scaled WordPress file names to the original upload', () => {
    expect(uploadKey('https://x.example/wp-content/uploads/2026/03/Harbour-1024x768.JPG')).toBe('2026/03/harbour.jpg');
    expect(uploadKey('//x.example/wp-content/uploads/2026/03/harbour-scaled.jpg?ver=2')).toBe('2026/03/harbour.jpg');
    expect(uploadKey('https://x.example/images/harbour.jpg')).toBeNull();
  });

  it('never reads a file outside the media folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-'));
    fs.writeFileSync(path.join(os.tmpdir(), 'secret-outside.txt'), 'x');
    expect(await localFileFor('https://x.example/wp-content/uploads/../../secret-outside.txt', dir)).toBeNull();
    expect(await localFileFor('https://x.example/wp-content/uploads/%2e%2e/%2e%2e/secret-outside.txt', dir)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

for (const dialect of DIALECTS) {
  describe(`importing WordPress attachments from a local copy on ${dialect}`, () => {
    let t: TestApp;
    let uploads: string;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-uploads-'));
      fs.mkdirSync(path.join(uploads, '2026', '03'), { recursive: true });
      const jpeg = await sharp({
        create: { width: 1200, height: 900, channels: 3, background: { r: 20, g: 40, b: 90 } },
      })
        .jpeg()
        .toBuffer();
      fs.writeFileSync(path.join(uploads, '2026', '03', 'harbour.jpg'), jpeg);
      fs.writeFileSync(path.join(uploads, '2026', '03', 'budget-2026.pdf'), '%PDF-1.4 not an image');
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(uploads, { recursive: true, force: true });
    });

    it('records attachments first, then stores them when a later run has the files', async () => {
      const first = await importWxr(t.deps, fileInput(WXR_FIXTURE));
      expect(first.byKind.attachments).toEqual({ created: 0, updated: 0, skipped: 2 });
      const article = () =>
        t.deps.db.kysely
          .selectFrom('articles')
          .selectAll()
          .where('slug', '=', 'harbour-budget-passes')
          .executeTakeFirstOrThrow();
      expect((await article()).body_md).toContain(
        'https://gazette.example/wp-content/uploads/2026/03/harbour-1024x768.jpg',
      );
      // Not on the page: an image from the old site would be a third-party request.
      expect((await article()).body_html).not.toContain('wp-content/uploads');

      const second = await importWxr(t.deps, fileInput(WXR_FIXTURE), { uploadsDir: uploads, avifEffort: 0 });
      expect(second.byKind.attachments).toEqual({ created: 1, updated: 0, skipped: 1 });
      expect(second.notes['attachments that are not images (recorded, not copied)']).toBe(1);
      const image = await t.deps.db.kysely.selectFrom('images').selectAll().executeTakeFirstOrThrow();
      expect(image).toMatchObject({
        alt: 'The harbour at night, lit by the ferry terminal',
        caption: 'The harbour at 5 a.m.',
        width: 1200,
        status: 'ready',
      });
      expect(JSON.parse(image.variants).some((v: { format: string }) => v.format === 'avif')).toBe(true);

      const a = await article();
      expect(a.lead_image_id).toBe(image.id);
      expect(a.body_md).not.toContain('gazette.example/wp-content');
      expect(a.body_html).toContain(`<figure data-image-id="${image.id}"></figure>`);
      const page = await t.app.inject('/articles/harbour-budget-passes');
      const src = new RegExp(`/media/${image.storage_key}/\\d+\\.jpg`).exec(page.body)![0];
      expect((await t.app.inject(src)).statusCode).toBe(200);
    }, 120_000);

    it('changes nothing on a third run with the same folder', async () => {
      const before = await snapshotTables(t);
      const third = await importWxr(t.deps, fileInput(WXR_FIXTURE), { uploadsDir: uploads, avifEffort: 0 });
      expect(third.created + third.updated).toBe(0);
      expect(await snapshotTables(t)).toEqual(before);
    }, 60_000);
  });
}
