import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDemo } from '../../src/features/demo/demo.seed.js';
import { listPublishedArticles, findPublishedArticleBySlug } from '../../src/features/articles/article.repo.js';
import { assembleThreads, listApprovedReplies, listThreadRoots } from '../../src/features/comments/comment.repo.js';
import { findCampaignByMonth } from '../../src/features/funding/campaign.repo.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock, monthOf } from '../../src/platform/clock.js';
import { DIALECTS, createTestDb, type TestDb } from '../helpers/test-db.js';
import { createLocalMediaStore } from '../../src/platform/media-store.js';

for (const dialect of DIALECTS) {
  describe(`foundation schema and demo content on ${dialect}`, () => {
    let t: TestDb;
    const clock = fixedClock('2026-06-14T12:00:00Z');
    let featuredSlug = '';

    beforeAll(async () => {
      t = await createTestDb(dialect);
      const config = loadConfig({ SECRET_KEY: 'x'.repeat(40), SEED_DEMO: 'true' }, { dataDir: t.dataDir });
      ({ featuredSlug } = await seedDemo(
        { db: t.db, config, clock, media: createLocalMediaStore(t.dataDir) },
        { comments: 300, avifInBackground: false },
      ));
    });
    afterAll(async () => {
      await t.drop();
    });

    it('runs migrations again without changing anything', async () => {
      expect(await migrateToLatest(t.db.kysely, dialect)).toEqual([]);
    });

    it('publishes several demo articles in two sections, newest first', async () => {
      const list = await listPublishedArticles(t.db.kysely, { limit: 20 });
      expect(list.length).toBeGreaterThanOrEqual(5);
      expect(new Set(list.map((a) => a.section?.slug))).toEqual(new Set(['news', 'opinion']));
      const dates = list.map((a) => a.publishedAt!);
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(list[0]!.bylines.length).toBeGreaterThan(0);
    });

    it('gives the featured article about 300 approved comments in threads, some with votes', async () => {
      const article = await findPublishedArticleBySlug(t.db.kysely, featuredSlug);
      expect(article!.commentCount).toBe(300);
      const roots = await listThreadRoots(t.db.kysely, article!.id, 'newest', 1000);
      const replies = await listApprovedReplies(
        t.db.kysely,
        roots.map((r) => r.id),
      );
      expect(roots.length + replies.length).toBe(300);
      expect(replies.length).toBeGreaterThan(100);
      expect(Math.max(...replies.map((r) => r.depth))).toBeLessThanOrEqual(5);
      const voted = [...roots, ...replies].filter((c) => c.upvotes + c.downvotes > 0);
      expect(voted.length).toBeGreaterThan(30);
      for (const c of voted) expect(c.score).toBe(c.upvotes - c.downvotes);
      const threads = assembleThreads(roots, replies);
      const countNodes = (ns: typeof threads): number => ns.reduce((s, n) => s + 1 + countNodes(n.replies), 0);
      expect(countNodes(threads)).toBe(300);
    });

    it('sorts top-level comments by votes with a stable cursor', async () => {
      const article = await findPublishedArticleBySlug(t.db.kysely, featuredSlug);
      const first = await listThreadRoots(t.db.kysely, article!.id, 'votes', 10);
      const scores = first.map((c) => c.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      const last = first[first.length - 1]!;
      const next = await listThreadRoots(t.db.kysely, article!.id, 'votes', 10, {
        createdAt: last.createdAt,
        score: last.score,
        id: last.id,
      });
      expect(next.map((c) => c.id).some((id) => first.some((f) => f.id === id))).toBe(false);
      expect(next[0]!.score).toBeLessThanOrEqual(last.score);
    });

    it('creates the month campaign: 5,000 $ goal, ticks 0 / 2,500 / 5,000, 1,120 $ raised', async () => {
      const c = await findCampaignByMonth(t.db.kysely, monthOf(clock.now()));
      expect(c).toMatchObject({
        goalMinor: 500_000,
        currency: 'USD',
        ticks: [0, 250_000, 500_000],
        raisedMinor: 112_000,
      });
    });

    it('never stores the admin password in clear', async () => {
      const row = await t.db.kysely
        .selectFrom('users')
        .select(['password_hash'])
        .where('role', '=', 'publisher')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
    });

    it('has the indexes the article page reads through', async () => {
      const names =
        dialect === 'sqlite'
          ? (
              await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(t.db.kysely)
            ).rows.map((r) => r.name)
          : (
              await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public'`.execute(
                t.db.kysely,
              )
            ).rows.map((r) => r.name);
      expect(names).toEqual(
        expect.arrayContaining([
          'comments_roots_time',
          'comments_roots_score',
          'comments_thread',
          'articles_published',
        ]),
      );
    });
  });
}
