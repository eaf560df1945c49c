import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { fixedClock } from '../../src/platform/clock.js';
import { storeImage } from '../../src/features/images/index.js';
import { hydrateSummaries, SUMMARY_COLUMNS } from '../../src/features/articles/index.js';
import { readArchive, restoreArchive } from '../../src/db/site-archive.js';
import { exportChunks } from '../../src/features/importers/export.service.js';
import { importWxr } from '../../src/features/importers/wxr.importer.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { makeSection, makeStaff, photoJpeg, signedIn } from '../helpers/editorial.js';
import { stringInput } from '../helpers/importing.js';
import { makeArticle } from '../helpers/newsroom.js';
import { DIALECTS } from '../helpers/test-db.js';
import { buildWxr } from '../helpers/wxr-builder.js';

/** The card of the article with this headline, as the home page renders it. */
function cardOf(html: string, headline: string): string {
  const cards = html.split('<article class="card');
  const card = cards.find((c) => c.includes(`>${headline}</a>`));
  if (!card) throw new Error(`no card for ${headline}`);
  return card;
}
/** The alt text of the picture a card shows. */
const pictureOf = (card: string): string | null => /<img[^>]*alt="([^"]*)"/.exec(card)?.[1] ?? null;

/** Counts the statements a Kysely instance sends. */
function queryCounter(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args) {
      this.count++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`card images on ${dialect}`, () => {
    let t: TestApp;
    const imageIds: Record<'lead' | 'first' | 'second', number> = { lead: 0, first: 0, second: 0 };

    async function placeImages(articleId: number, ids: number[]) {
      for (const image_id of ids)
        await t.deps.db.kysely.insertInto('article_images').values({ article_id: articleId, image_id }).execute();
    }

    beforeAll(async () => {
      t = await createTestApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      const db = t.deps.db.kysely;
      const store = async (alt: string) =>
        storeImage(t.deps, { buffer: await photoJpeg(400, 300, 1), alt, decorative: false, caption: '', credit: '' });
      // Stored in this order so that the body's first image is not the one with the lowest id.
      imageIds.second = await store('The second image of the body');
      imageIds.first = await store('The first image of the body');
      imageIds.lead = await store('The chosen lead image');

      const withLead = await makeArticle(db, {
        headline: 'With a lead image',
        leadImageId: imageIds.lead,
        body: `Opening.\n\n![x](image:${imageIds.first})\n\nMore.`,
        publishedAt: '2026-06-10T10:00:00.000Z',
      });
      await placeImages(withLead.id, [imageIds.first]);
      const bodyOnly = await makeArticle(db, {
        headline: 'Images in the body only',
        body: `Opening.\n\n![x](image:${imageIds.first})\n\nMiddle.\n\n![y](image:${imageIds.second})`,
        publishedAt: '2026-06-11T10:00:00.000Z',
      });
      await placeImages(bodyOnly.id, [imageIds.second, imageIds.first]);
      await makeArticle(db, { headline: 'No image at all', publishedAt: '2026-06-12T10:00:00.000Z' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('shows the chosen lead image on a card, else the first image of the body, else none', async () => {
      const res = await t.app.inject('/');
      expect(res.statusCode).toBe(200);
      expect(pictureOf(cardOf(res.body, 'With a lead image'))).toBe('The chosen lead image');
      expect(pictureOf(cardOf(res.body, 'Images in the body only'))).toBe('The first image of the body');
      expect(cardOf(res.body, 'No image at all')).not.toContain('card-image');
    });

    it('finds the body images of a whole page in one query, however many cards it has', async () => {
      const db = t.deps.db.kysely;
      for (let i = 0; i < 12; i++) {
        const a = await makeArticle(db, {
          headline: `Body image story ${i}`,
          body: `Opening ${i}.\n\n![x](image:${imageIds.first})`,
        });
        await placeImages(a.id, [imageIds.first]);
      }
      const rowsOf = (limit: number) =>
        db.selectFrom('articles').select(SUMMARY_COLUMNS).orderBy('id').limit(limit).execute();
      const queriesFor = async (limit: number) => {
        const rows = await rowsOf(limit);
        const counter = queryCounter();
        const cards = await hydrateSummaries(db.withPlugin(counter), rows);
        return { count: counter.count, cards };
      };
      const few = await queriesFor(3);
      const many = await queriesFor(15);
      expect(many.cards).toHaveLength(15);
      expect(many.cards.filter((c) => c.cardImage?.id === imageIds.first).length).toBeGreaterThanOrEqual(13);
      // Sections, bylines and the images: the card image is a column of the rows, no body is read.
      expect(many.count).toBe(few.count);
      expect(many.count).toBeLessThanOrEqual(3);
    });

    it('follows the editor: a new first image, a lead image chosen or removed, the image taken out', async () => {
      const editor = await makeStaff(t, 'editor');
      const sectionId = await makeSection(t, 'cards', 'Cards');
      const s = await signedIn(t.app, editor, '/admin/articles/new');
      const form = (body: string, lead = '') => ({
        headline: 'Edited card story',
        slug: 'edited-card-story',
        excerpt: '',
        dateline: '',
        body,
        section: String(sectionId),
        tags: '',
        bylines: [String(editor.id)],
        lead_image: lead,
      });
      const created = await s.post('/admin/articles', {
        ...form(`Opening.\n\n![x](image:${imageIds.second})`),
        intent: 'publish',
      });
      expect(created.statusCode, created.body.slice(0, 1000)).toBe(303);
      const id = Number(/\/admin\/articles\/(\d+)\/edit/.exec(created.headers.location as string)![1]);
      const card = async () => pictureOf(cardOf((await t.app.inject('/')).body, 'Edited card story'));
      const save = async (body: string, lead = '') => {
        const { revision } = await t.deps.db.kysely
          .selectFrom('articles')
          .select('revision')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await s.get(`/admin/articles/${id}/edit`);
        const res = await s.post(`/admin/articles/${id}`, { ...form(body, lead), revision: String(revision) });
        expect(res.statusCode, res.body.slice(0, 1000)).toBe(303);
      };
      expect(await card()).toBe('The second image of the body');
      await save(`Opening.\n\n![x](image:${imageIds.first})\n\n![y](image:${imageIds.second})`);
      expect(await card()).toBe('The first image of the body');
      await save(`Opening.\n\n![x](image:${imageIds.first})`, String(imageIds.lead));
      expect(await card()).toBe('The chosen lead image');
      await save(`Opening.\n\n![y](image:${imageIds.second})`);
      expect(await card()).toBe('The second image of the body');
      await save('No picture any more.');
      expect(cardOf((await t.app.inject('/')).body, 'Edited card story')).not.toContain('card-image');
    });

    it('comes back with a restored site', async () => {
      let text = '';
      const meta = { siteName: 'Cards', siteUrl: 'https://cards.example', now: new Date('2026-06-14T12:00:00Z') };
      for await (const chunk of exportChunks(t.deps.db, meta)) text += chunk;
      const other = await createTestApp(dialect, { clock: fixedClock('2026-06-14T12:00:00Z') });
      try {
        await restoreArchive(
          other.deps.db.kysely,
          other.deps.db.dialect,
          readArchive(() => Readable.from([text])),
        );
        const home = (await other.app.inject('/')).body;
        expect(pictureOf(cardOf(home, 'With a lead image'))).toBe('The chosen lead image');
        expect(pictureOf(cardOf(home, 'Images in the body only'))).toBe('The first image of the body');
        expect(cardOf(home, 'No image at all')).not.toContain('card-image');
      } finally {
        await other.close();
      }
    });
  });

  describe(`card images of imported articles on ${dialect}`, () => {
    let t: TestApp;
    let uploads: string;
    const SITE = 'https://harbour.example';
    const exportWith = (content: string) =>
      buildWxr({
        site: SITE,
        items: [
          { id: 10, title: 'Imported with a picture', name: 'imported-pic', link: `${SITE}/imported-pic/`, content },
          {
            id: 301,
            title: 'quay',
            name: 'quay',
            type: 'attachment',
            link: `${SITE}/?attachment_id=301`,
            guid: `${SITE}/wp-content/uploads/2025/05/quay.jpg`,
            attachmentUrl: `${SITE}/wp-content/uploads/2025/05/quay.jpg`,
            meta: { _wp_attachment_image_alt: 'The quay, imported' },
          },
        ],
      });

    beforeAll(async () => {
      t = await createTestApp(dialect);
      uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'card-uploads-'));
      fs.mkdirSync(path.join(uploads, '2025', '05'), { recursive: true });
      fs.writeFileSync(path.join(uploads, '2025', '05', 'quay.jpg'), await photoJpeg(400, 300, 1));
    });
    afterAll(async () => {
      await t.close();
      fs.rmSync(uploads, { recursive: true, force: true });
    });

    it('is the first image of an imported body, and follows the body when a re-run changes it', async () => {
      const withImage = exportWith(`Opening.\n\n<img src="${SITE}/wp-content/uploads/2025/05/quay.jpg" alt="Quay">`);
      await importWxr(t.deps, stringInput(withImage), { uploadsDir: uploads, avifEffort: 0 });
      const card = async () => cardOf((await t.app.inject('/')).body, 'Imported with a picture');
      expect(pictureOf(await card())).toBe('The quay, imported');
      await importWxr(t.deps, stringInput(exportWith('Opening, and no picture now.')), {
        uploadsDir: uploads,
        avifEffort: 0,
      });
      expect(await card()).not.toContain('card-image');
    }, 120_000);
  });
}
