import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { backfillCardImages } from '../../src/db/migrations/2026-12-06T2300-card-images.js';
import { renderArticleBody } from '../../src/features/articles/article.markdown.js';
import { DIALECTS, createTestDb, type TestDb } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`the card image migration on ${dialect}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(dialect);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('gives existing articles their lead image, else the first library image of their body, else none', async () => {
      const db = t.db.kysely;
      const image = async (key: string) =>
        (
          await db
            .insertInto('images')
            .values({
              storage_key: key,
              mime: 'image/jpeg',
              width: 10,
              height: 10,
              bytes: 100,
              alt: key,
              caption: null,
              credit: null,
              uploaded_by: null,
              claimed_until: null,
              created_at: '2026-01-01T00:00:00Z',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const lead = await image('lead');
      const first = await image('first');
      const article = async (slug: string, body: string, leadId: number | null) =>
        (
          await db
            .insertInto('articles')
            .values({
              slug,
              headline: slug,
              body_md: body,
              body_html: renderArticleBody(body),
              dateline: null,
              section_id: null,
              lead_image_id: leadId,
              status: 'draft',
              publish_at: null,
              published_at: null,
              created_at: '2026-01-01T00:00:00Z',
              updated_at: '2026-01-01T00:00:00Z',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const ids = {
        lead: await article('lead', `![x](image:${first})`, lead),
        body: await article('body', `Text.\n\n![x](image:99999)\n\n![y](image:${first})`, null),
        none: await article('none', 'Just words.', null),
      };
      // As the rows were before the column existed.
      await db.updateTable('articles').set({ card_image_id: null }).execute();
      await backfillCardImages(db as Kysely<unknown>);
      const rows = await db.selectFrom('articles').select(['id', 'card_image_id']).orderBy('id').execute();
      const card = new Map(rows.map((r) => [r.id, r.card_image_id]));
      expect(card.get(ids.lead)).toBe(lead);
      expect(card.get(ids.body)).toBe(first);
      expect(card.get(ids.none)).toBeNull();
    });
  });
}
