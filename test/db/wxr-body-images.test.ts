import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BODY_IMAGES_KEPT,
  BODY_IMAGES_MISSING,
  BODY_IMAGES_REMOVED,
  importWxr,
} from '../../src/features/importers/wxr.importer.js';
import { SiteImageIndex } from '../../src/features/importers/wxr-body-images.js';
import { localFileFor } from '../../src/features/importers/wxr-media.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { stringInput } from '../helpers/importing.js';
import { DIALECTS } from '../helpers/test-db.js';
import { buildWxr } from '../helpers/wxr-builder.js';

const SITE = 'https://harbour.example';

/** Images named every way real bodies name them: 4 kept, 2 of the old site without a file, 2 from other sites. */
const BODY = [
  // A resized copy of an attachment under uploads.
  `<img src="${SITE}/wp-content/uploads/2025/05/roof-1024x768.jpg" alt="Roof">`,
  // The same file on another host of the site (http, www).
  `<img src="http://www.harbour.example/wp-content/uploads/2025/05/roof.jpg" alt="Roof again">`,
  // A custom upload path (not /wp-content/uploads/), by its attachment URL.
  `<img src="${SITE}/media/2025/05/crane-300x200.jpg" alt="Crane">`,
  // The site's earlier domain, known from an attachment's guid.
  `<img src="http://oldharbour.example/wp-content/uploads/2024/11/old-pier-scaled.jpg" alt="Pier">`,
  // An attachment whose file is not in the media folder, and an upload no attachment names.
  `<img src="${SITE}/wp-content/uploads/2025/05/lost.jpg" alt="Lost">`,
  `<img src="${SITE}/wp-content/uploads/2023/01/never-attached.jpg" alt="Never attached">`,
  // Other sites, one of them a WordPress with the same upload path.
  `<img src="https://photos.other.example/pic.jpg" alt="Elsewhere">`,
  `<img src="https://other-wordpress.example/wp-content/uploads/2025/05/roof.jpg" alt="Not ours">`,
].join('\n\n');

const attachment = (id: number, name: string, url: string, guid = url) => ({
  id,
  title: name,
  name,
  type: 'attachment',
  link: `${SITE}/?attachment_id=${id}`,
  guid,
  attachmentUrl: url,
  meta: { _wp_attachment_image_alt: `${name} photo` },
});

const EXPORT = buildWxr({
  site: SITE,
  items: [
    { id: 10, title: 'Roof works begin', name: 'roof-works', link: `${SITE}/2025/05/roof-works/`, content: BODY },
    attachment(301, 'roof', `${SITE}/wp-content/uploads/2025/05/roof.jpg`),
    attachment(302, 'crane', `${SITE}/media/2025/05/crane.jpg`),
    attachment(
      303,
      'old-pier',
      `${SITE}/wp-content/uploads/2024/11/old-pier.jpg`,
      'http://oldharbour.example/wp-content/uploads/2024/11/old-pier.jpg',
    ),
    attachment(304, 'lost', `${SITE}/wp-content/uploads/2025/05/lost.jpg`),
  ],
});

describe('recognising the old site’s images', () => {
  it('matches attachment URLs, guids, sizes and the site’s other hosts, and nothing of other sites', () => {
    const index = new SiteImageIndex();
    index.addSite(SITE);
    index.addAttachment('301', [`${SITE}/wp-content/uploads/2025/05/roof.jpg`]);
    index.addAttachment('302', [`${SITE}/media/2025/05/crane.jpg`, `${SITE}/?attachment_id=302`]);
    expect(index.classify('http://www.harbour.example/wp-content/uploads/2025/05/Roof-e1712345678901.jpg')).toEqual({
      kind: 'attachment',
      wpId: '301',
    });
    expect(index.classify('/media/2025/05/crane-150x150.jpg')).toEqual({ kind: 'attachment', wpId: '302' });
    expect(index.classify(`${SITE}/?attachment_id=302`)).toEqual({ kind: 'attachment', wpId: '302' });
    expect(index.classify(`${SITE}/wp-content/uploads/2020/01/other.jpg`)).toEqual({ kind: 'site' });
    expect(index.classify('https://else.example/wp-content/uploads/2025/05/roof.jpg')).toEqual({ kind: 'remote' });
    expect(index.classify('image:4')).toBeNull();
  });

  it('finds a file of a custom upload path by the tail of its path, never outside the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-'));
    fs.mkdirSync(path.join(dir, '2025', '05'), { recursive: true });
    fs.writeFileSync(path.join(dir, '2025', '05', 'crane.jpg'), 'x');
    expect(await localFileFor(`${SITE}/media/2025/05/crane.jpg`, dir)).toBe(path.join(dir, '2025', '05', 'crane.jpg'));
    expect(await localFileFor(`${SITE}/media/%2e%2e/%2e%2e/etc/passwd`, dir)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

for (const dialect of DIALECTS) {
  describe(`images in imported bodies with a media folder on ${dialect}`, () => {
    let t: TestApp;
    let uploads: string;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-uploads-'));
      const jpeg = (r: number) =>
        sharp({ create: { width: 400, height: 300, channels: 3, background: { r, g: 90, b: 120 } } })
          .jpeg()
          .toBuffer();
      for (const [dir, file, r] of [
        ['2025/05', 'roof.jpg', 10],
        ['2025/05', 'crane.jpg', 60],
        ['2024/11', 'old-pier.jpg', 120],
      ] as const) {
        fs.mkdirSync(path.join(uploads, dir), { recursive: true });
        fs.writeFileSync(path.join(uploads, dir, file), await jpeg(r));
      }
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(uploads, { recursive: true, force: true });
    });

    it('keeps every image whose file is in the folder and counts what was kept, missing and removed', async () => {
      const result = await importWxr(t.deps, stringInput(EXPORT), { uploadsDir: uploads, avifEffort: 0 });
      expect(result.byKind.attachments).toEqual({ created: 3, updated: 0, skipped: 1 });
      expect(result.notes[BODY_IMAGES_KEPT]).toBe(4);
      expect(result.notes[BODY_IMAGES_MISSING]).toBe(2);
      expect(result.notes[BODY_IMAGES_REMOVED]).toBe(2);

      const article = await t.deps.db.kysely
        .selectFrom('articles')
        .selectAll()
        .where('slug', '=', 'roof-works')
        .executeTakeFirstOrThrow();
      const images = await t.deps.db.kysely.selectFrom('images').select(['id', 'alt']).orderBy('id').execute();
      expect(images.map((i) => i.alt)).toEqual(['roof photo', 'crane photo', 'old-pier photo']);
      const [roof, crane, pier] = images.map((i) => i.id);
      for (const id of [roof, crane, pier]) expect(article.body_html).toContain(`<figure data-image-id="${id}">`);
      expect(article.body_html.match(/<figure data-image-id="\d+">/g)).toHaveLength(4);
      // Missing and foreign images stay in the Markdown (a later run with the file can still point them here).
      expect(article.body_md).toContain(`${SITE}/wp-content/uploads/2025/05/lost.jpg`);
      expect(article.body_md).toContain('https://photos.other.example/pic.jpg');
      expect(article.body_html).not.toMatch(/harbour\.example|other\.example|other-wordpress/);

      const page = await t.app.inject('/articles/roof-works');
      expect(page.statusCode).toBe(200);
      expect(page.body.match(/<figure\b/g)?.length).toBeGreaterThanOrEqual(4);
    }, 120_000);

    it('counts the same on a re-run, and changes nothing', async () => {
      const again = await importWxr(t.deps, stringInput(EXPORT), { uploadsDir: uploads, avifEffort: 0 });
      expect(again.created + again.updated).toBe(0);
      expect(again.notes[BODY_IMAGES_KEPT]).toBe(4);
      expect(again.notes[BODY_IMAGES_MISSING]).toBe(2);
      expect(again.notes[BODY_IMAGES_REMOVED]).toBe(2);
      expect(again.notes['article bodies pointed at local copies of their images']).toBeUndefined();
    }, 60_000);
  });
}
