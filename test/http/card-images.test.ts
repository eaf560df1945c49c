import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { fixedClock } from '../../src/platform/clock.js';
import { storeImage } from '../../src/features/images/index.js';
import { hydrateSummaries, SUMMARY_COLUMNS } from '../../src/features/articles/index.js';
import { createTestApp, type TestApp } from '../helpers/build-test-app.js';
import { photoJpeg } from '../helpers/editorial.js';
import { makeArticle } from '../helpers/newsroom.js';
import { DIALECTS } from '../helpers/test-db.js';

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
      // Sections, bylines, the body images of the cards without a lead image, and the images themselves.
      expect(many.count).toBe(few.count);
      expect(many.count).toBeLessThanOrEqual(4);
    });
  });
}
