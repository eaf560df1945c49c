/**
 * The demo content a first start writes reads like one newsroom's month: every published article has its own
 * discussion (no comment text under two articles), passage comments quote their article, the campaign has
 * gifts, the moderation queue has work, and seeding again changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { extractParagraphs } from '../../src/features/comments/index.js';
import { loadQueue } from '../../src/features/comments/moderation/queue.service.js';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { supporterCommentIds } from '../../src/features/funding/index.js';
import { fixedClock, monthOf } from '../../src/platform/clock.js';
import { createLocalMediaStore } from '../../src/platform/media-store.js';
import { DIALECTS, createTestDb, type TestDb } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`the demo content on ${dialect}`, () => {
    let t: TestDb;
    const clock = fixedClock('2026-12-07T05:30:00Z');
    const deps = () => ({
      db: t.db,
      config: loadConfig({ SECRET_KEY: 'x'.repeat(40), SEED_DEMO: 'true' }, { dataDir: t.dataDir }),
      clock,
      media: createLocalMediaStore(t.dataDir),
    });
    const count = async (table: 'comments' | 'articles' | 'votes' | 'donations' | 'users' | 'subscriptions') =>
      Number(
        (
          await t.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      t = await createTestDb(dialect);
      const first = await seedDemo(deps(), { avifInBackground: false });
      expect(first.seeded).toBe(true);
      expect(first.adminPassword.length).toBeGreaterThan(8);
    }, 60_000);
    afterAll(async () => {
      await t.drop();
    });

    const articles = () =>
      t.db.kysely
        .selectFrom('articles')
        .select(['id', 'slug', 'body_html', 'status', 'published_at', 'kind'])
        .where('kind', '=', 'article')
        .execute();

    it('leaves everything as it is when it runs again', async () => {
      const before = await Promise.all(
        (['comments', 'articles', 'votes', 'donations', 'users', 'subscriptions'] as const).map(count),
      );
      const again = await seedDemo(deps(), { avifInBackground: false });
      expect(again.seeded).toBe(false);
      expect(again.adminPassword).toBe('');
      expect(
        await Promise.all(
          (['comments', 'articles', 'votes', 'donations', 'users', 'subscriptions'] as const).map(count),
        ),
      ).toEqual(before);
    });

    it('publishes eight to twelve articles spread over weeks, and schedules one', async () => {
      const all = await articles();
      const published = all.filter((a) => a.status === 'published');
      expect(published.length).toBeGreaterThanOrEqual(8);
      expect(published.length).toBeLessThanOrEqual(12);
      expect(all.filter((a) => a.status === 'scheduled')).toHaveLength(1);
      const days = published.map((a) => (clock.now().getTime() - Date.parse(a.published_at!)) / 86_400_000);
      expect(Math.min(...days)).toBeLessThan(2);
      expect(Math.max(...days)).toBeGreaterThan(21);
      for (const a of published) expect(a.body_html.match(/<p id=/g)!.length, a.slug).toBeGreaterThanOrEqual(5);
    });

    it('gives every published article its own comments, none repeated under another article', async () => {
      const published = (await articles()).filter((a) => a.status === 'published');
      const comments = await t.db.kysely.selectFrom('comments').select(['article_id', 'body_html', 'status']).execute();
      for (const a of published)
        expect(
          comments.filter((c) => c.article_id === a.id && c.status === 'approved').length,
          a.slug,
        ).toBeGreaterThanOrEqual(3);
      const where = new Map<string, Set<number>>();
      for (const c of comments) where.set(c.body_html, (where.get(c.body_html) ?? new Set()).add(c.article_id));
      expect([...where].filter(([, ids]) => ids.size > 1).map(([body]) => body)).toEqual([]);
    });

    it('has threads with replies, votes and answers from the newsroom', async () => {
      const replies = await t.db.kysely
        .selectFrom('comments')
        .select('id')
        .where('parent_id', 'is not', null)
        .execute();
      expect(replies.length).toBeGreaterThan(20);
      const voted = await t.db.kysely.selectFrom('comments').select('score').where('upvotes', '>', 0).execute();
      expect(voted.length).toBeGreaterThan(50);
      const staffReplies = await t.db.kysely
        .selectFrom('comments')
        .innerJoin('users', 'users.id', 'comments.author_user_id')
        .select('comments.article_id')
        .where('users.role', 'in', ['author', 'editor'])
        .where('comments.parent_id', 'is not', null)
        .execute();
      expect(new Set(staffReplies.map((r) => r.article_id)).size).toBeGreaterThanOrEqual(8);
    });

    it('anchors passage comments to text that is in their article', async () => {
      const anchored = await t.db.kysely
        .selectFrom('comments')
        .innerJoin('articles', 'articles.id', 'comments.article_id')
        .select([
          'comments.anchor_exact',
          'comments.anchor_paragraph_id',
          'comments.anchor_status',
          'articles.body_html',
        ])
        .where('comments.anchor_exact', 'is not', null)
        .execute();
      expect(anchored.length).toBeGreaterThanOrEqual(8);
      for (const c of anchored) {
        const paragraph = extractParagraphs(c.body_html).find((p) => p.id === c.anchor_paragraph_id);
        expect(paragraph?.text, c.anchor_exact!).toContain(c.anchor_exact!);
        expect(c.anchor_status).toBe('exact');
      }
    });

    it('fills this month’s campaign with gifts, two from readers who carry the Supporter badge', async () => {
      const month = monthOf(clock.now());
      const gifts = await t.db.kysely
        .selectFrom('donations')
        .select(['amount_minor'])
        .where('month', '=', month)
        .where('status', '=', 'confirmed')
        .execute();
      expect(gifts.length).toBeGreaterThan(3);
      expect(gifts.reduce((s, g) => s + Number(g.amount_minor), 0)).toBe(112_000);
      const campaign = await t.db.kysely
        .selectFrom('campaigns')
        .select('raised_minor')
        .where('month', '=', month)
        .executeTakeFirstOrThrow();
      expect(Number(campaign.raised_minor)).toBe(112_000);
      const ids = (await t.db.kysely.selectFrom('comments').select('id').execute()).map((c) => c.id);
      expect((await supporterCommentIds(t.db.kysely, ids)).size).toBeGreaterThanOrEqual(2);
    });

    it('leaves a held comment and a reported one for the moderators', async () => {
      const d = deps();
      const pending = await loadQueue(d, { status: 'pending' });
      expect(pending.items.length).toBeGreaterThanOrEqual(1);
      expect(pending.items[0]!.moderationReason).toBeTruthy();
      const reported = await loadQueue(d, { status: 'reported' });
      expect(reported.items.length).toBeGreaterThanOrEqual(1);
      expect(reported.items[0]!.reports).not.toBeNull();
    });

    it('keeps confirmed "Notify of" subscriptions for both kinds', async () => {
      const subs = await t.db.kysely
        .selectFrom('subscriptions')
        .select(['kind'])
        .where('status', '=', 'confirmed')
        .execute();
      expect(new Set(subs.map((s) => s.kind))).toEqual(new Set(['all', 'replies']));
    });

    it('publishes the About, Contact and Ethics pages with comments closed', async () => {
      const pages = await t.db.kysely
        .selectFrom('articles')
        .select(['slug', 'comments_open'])
        .where('kind', '=', 'page')
        .orderBy('slug')
        .execute();
      expect(pages.map((p) => p.slug)).toEqual(['about', 'contact', 'ethics']);
      expect(pages.every((p) => Number(p.comments_open) === 0)).toBe(true);
    });
  });
}
