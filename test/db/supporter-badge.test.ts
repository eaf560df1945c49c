/**
 * The Supporter badge's two queries on real databases: who gets the badge (the rule in
 * supporter.repo.ts, case by case), which cached discussions a change bumps, and the query plans on a
 * newsroom-sized discussion (key lookups only, no scan of comments, users, supporters or donations).
 */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { insertComment } from '../../src/features/comments/comment.write.repo.js';
import { applyRefundToGift, insertStripeGift } from '../../src/features/funding/donation.repo.js';
import { NO_CHOICES } from '../../src/features/funding/donation.types.js';
import { optInSupporter, supporterCommentIds } from '../../src/features/funding/supporter.repo.js';
import { touchSupporterAfterGift as touchAfterGift } from '../../src/features/funding/supporter.service.js';
import { refreshSupporterDiscussions as touchSupporterDiscussions } from '../../src/features/comments/supporter-badge.service.js';
import { createHooks } from '../../src/hooks.js';

// The app's reactions: a badge that may have changed refreshes the discussions the reader commented on.
const hooks = createHooks({ siteUrl: 'http://127.0.0.1', siteName: 'Test', secretKey: 'x'.repeat(40) }).funding;
const touchSupporterAfterGift = (db: Kysely<Database>, email: string) => touchAfterGift(db, hooks, email);
import { insertImportedAuthor } from '../../src/features/articles/article.import.repo.js';
import { makeArticle, makeUser } from '../helpers/factories.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const T = '2026-06-10T10:00:00.000Z';
let seq = 0;
const giftOf = (email: string | null, amountMinor = 1_000) => ({
  donatedAt: T,
  month: '2026-06',
  amountMinor,
  currency: 'USD',
  frequency: 'one_off' as const,
  email,
  donor: NO_CHOICES,
  sessionId: `cs_test_badge_${seq++}`,
  paymentIntentId: null,
  subscriptionId: null,
  invoiceId: null,
  now: T,
});

type DB = Kysely<Database>;
const comment = (
  db: DB,
  articleId: number,
  by: { userId?: number; email?: string },
  status: 'approved' | 'pending' = 'approved',
) =>
  insertComment(db, {
    articleId,
    parentId: null,
    threadId: null,
    depth: 0,
    replyToName: null,
    authorUserId: by.userId ?? null,
    authorName: 'Someone',
    authorEmail: by.email ?? null,
    ipHash: null,
    bodyHtml: '<p>Hi</p>',
    status,
    editTokenHash: null,
    createdAt: T,
  });
const version = async (db: DB, articleId: number) =>
  (await db.selectFrom('articles').select('comments_version').where('id', '=', articleId).executeTakeFirstOrThrow())
    .comments_version;

for (const dialect of DIALECTS) {
  describe(`Supporter badge data on ${dialect}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(dialect);
    });
    afterAll(async () => {
      await t.drop();
    });

    it('gives the badge only to comments of a password-holding account whose e-mail opted in and has a confirmed gift', async () => {
      const db = t.db.kysely;
      const { id: articleId } = await makeArticle(db);
      const account = async (email: string) => (await makeUser(db, { email })).id;
      const supporter = await account('Giver@Example.net');
      await optInSupporter(db, 'GIVER@example.NET', T);
      await insertStripeGift(db, giftOf('giver@EXAMPLE.net'));
      const notOptedIn = await account('quiet@example.net');
      await insertStripeGift(db, giftOf('quiet@example.net'));
      const refundedOnly = await account('refunded@example.net');
      await optInSupporter(db, 'refunded@example.net', T);
      const refunded = (await insertStripeGift(db, giftOf('refunded@example.net')))!;
      await applyRefundToGift(db, refunded, 1_000, T);
      const partlyRefunded = await account('partly@example.net');
      await optInSupporter(db, 'partly@example.net', T);
      await applyRefundToGift(db, (await insertStripeGift(db, giftOf('partly@example.net')))!, 400, T);
      const neverGave = await account('hopeful@example.net');
      await optInSupporter(db, 'hopeful@example.net', T);
      // An imported author has an e-mail the site never verified (no password yet).
      const imported = await insertImportedAuthor(db, {
        email: 'imported@example.net',
        displayName: 'Imported',
        slugBase: 'imported',
        createdAt: T,
      });
      await optInSupporter(db, 'imported@example.net', T);
      await insertStripeGift(db, giftOf('imported@example.net'));

      const ids = {
        supporter: await comment(db, articleId, { userId: supporter }),
        guestWithSupporterEmail: await comment(db, articleId, { email: 'giver@example.net' }),
        notOptedIn: await comment(db, articleId, { userId: notOptedIn }),
        refundedOnly: await comment(db, articleId, { userId: refundedOnly }),
        partlyRefunded: await comment(db, articleId, { userId: partlyRefunded }),
        neverGave: await comment(db, articleId, { userId: neverGave }),
        imported: await comment(db, articleId, { userId: imported }),
      };
      const got = await supporterCommentIds(db, Object.values(ids));
      expect(
        Object.entries(ids)
          .filter(([, id]) => got.has(id))
          .map(([k]) => k)
          .sort(),
      ).toEqual(['partlyRefunded', 'supporter']);
      expect(await supporterCommentIds(db, [])).toEqual(new Set());
    });

    it('answers for a page larger than one statement’s worth of ids', async () => {
      const db = t.db.kysely;
      const { id: articleId } = await makeArticle(db);
      const user = await makeUser(db, { email: 'many@example.net' });
      await optInSupporter(db, 'many@example.net', T);
      await insertStripeGift(db, giftOf('many@example.net'));
      const guests = await db
        .insertInto('comments')
        .values(
          Array.from({ length: 1_100 }, () => ({
            article_id: articleId,
            author_name: 'Guest',
            author_email: 'many@example.net',
            body_html: '<p>x</p>',
            status: 'approved' as const,
            created_at: T,
            updated_at: T,
          })),
        )
        .returning('id')
        .execute();
      const first = await comment(db, articleId, { userId: user.id });
      const last = await comment(db, articleId, { userId: user.id });
      expect(await supporterCommentIds(db, [first, ...guests.map((g) => g.id), last, first])).toEqual(
        new Set([first, last]),
      );
    });

    it('bumps the discussions where the account has an approved comment, and no others', async () => {
      const db = t.db.kysely;
      const user = await makeUser(db, { email: 'Bumps@example.net' });
      const other = await makeUser(db);
      const [a, b, pendingOnly, notTheirs] = [
        await makeArticle(db),
        await makeArticle(db),
        await makeArticle(db),
        await makeArticle(db),
      ];
      await comment(db, a.id, { userId: user.id });
      await comment(db, a.id, { userId: user.id });
      await comment(db, b.id, { userId: user.id });
      await comment(db, pendingOnly.id, { userId: user.id }, 'pending');
      await comment(db, notTheirs.id, { userId: other.id });
      await comment(db, notTheirs.id, { email: 'bumps@example.net' });
      const before = await Promise.all([a, b, pendingOnly, notTheirs].map((x) => version(db, x.id)));
      expect(await touchSupporterDiscussions(db, 'BUMPS@example.net')).toBe(2);
      const after = await Promise.all([a, b, pendingOnly, notTheirs].map((x) => version(db, x.id)));
      expect(after).toEqual([before[0]! + 1, before[1]! + 1, before[2], before[3]]);
      expect(await touchSupporterDiscussions(db, 'nobody-has-this@example.net')).toBe(0);
    });

    it('bumps after a gift only when the badge may have flipped: an opted-in e-mail with no or one confirmed gift', async () => {
      const db = t.db.kysely;
      const user = await makeUser(db, { email: 'flip@example.net' });
      const { id: articleId } = await makeArticle(db);
      await comment(db, articleId, { userId: user.id });
      let v = await version(db, articleId);
      const first = (await insertStripeGift(db, giftOf('flip@example.net')))!;
      await touchSupporterAfterGift(db, 'flip@example.net');
      expect(await version(db, articleId)).toBe(v); // not opted in: no badge either way
      await optInSupporter(db, 'flip@example.net', T);
      await touchSupporterAfterGift(db, 'flip@example.net');
      expect(await version(db, articleId)).toBe(++v); // one confirmed gift: it may be the first
      const second = (await insertStripeGift(db, giftOf('flip@example.net')))!;
      await touchSupporterAfterGift(db, 'flip@example.net');
      expect(await version(db, articleId)).toBe(v); // a second gift changes nothing
      await applyRefundToGift(db, first, 1_000, T);
      await touchSupporterAfterGift(db, 'Flip@example.net');
      expect(await version(db, articleId)).toBe(++v);
      await applyRefundToGift(db, second, 1_000, T);
      await touchSupporterAfterGift(db, 'flip@example.net');
      expect(await version(db, articleId)).toBe(++v); // the last one went
    });
  });
}

/**
 * A newsroom-sized discussion, large enough that PostgreSQL's statistics favour key lookups wherever an
 * index fits: 20,000 accounts (half opted in, two in three gave), 5,000 articles, 30,000 comments (half
 * by accounts).
 */
async function fillDiscussion(db: DB): Promise<void> {
  for (let start = 1; start <= 5_000; start += 500) {
    await db
      .insertInto('articles')
      .values(
        Array.from({ length: 500 }, (_, k) => ({
          id: start + k,
          slug: `a-${start + k}`,
          headline: `A ${start + k}`,
          body_html: '<p>x</p>',
          dateline: null,
          section_id: null,
          lead_image_id: null,
          status: 'published' as const,
          published_at: T,
          created_at: T,
          updated_at: T,
        })),
      )
      .execute();
  }
  for (let start = 1; start <= 20_000; start += 500) {
    const ids = Array.from({ length: 500 }, (_, k) => start + k);
    await db
      .insertInto('users')
      .values(
        ids.map((id) => ({
          id,
          email: `u${id}@example.test`,
          display_name: `U ${id}`,
          role: 'reader' as const,
          password_hash: 'x',
          created_at: T,
        })),
      )
      .execute();
    await db
      .insertInto('supporters')
      .values(ids.filter((id) => id % 2 === 0).map((id) => ({ email: `u${id}@example.test`, opted_in_at: T })))
      .execute();
    await db
      .insertInto('donations')
      .values(
        ids
          .filter((id) => id % 3 !== 0)
          .map((id) => ({
            month: '2026-06',
            donated_at: T,
            amount_minor: 1_000,
            currency: 'USD',
            source: 'stripe' as const,
            method: 'card',
            status: id % 7 === 0 ? ('refunded' as const) : ('confirmed' as const),
            donor_email: `u${id}@example.test`,
            created_at: T,
            updated_at: T,
          })),
      )
      .execute();
  }
  for (let start = 1; start <= 30_000; start += 500) {
    await db
      .insertInto('comments')
      .values(
        Array.from({ length: 500 }, (_, k) => {
          const id = start + k;
          return {
            id,
            article_id: (id % 5_000) + 1,
            thread_id: id,
            author_user_id: id % 2 === 0 ? (id % 20_000) + 1 : null,
            author_name: 'R',
            author_email: id % 2 === 0 ? null : `g${id}@example.test`,
            body_html: '<p>x</p>',
            status: id % 10 === 0 ? ('pending' as const) : ('approved' as const),
            created_at: T,
            updated_at: T,
          };
        }),
      )
      .execute();
  }
  await sql`ANALYZE`.execute(db);
}

for (const dialect of DIALECTS) {
  describe(`query plans of the Supporter badge on ${dialect}`, () => {
    let tdb: TestDb;
    let log: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    let k: DB;
    let explain: (q: { sql: string; parameters: readonly unknown[] }) => Promise<string>;
    let close: () => Promise<void>;

    beforeAll(async () => {
      tdb = await createTestDb(dialect);
      await fillDiscussion(tdb.db.kysely);
      const onLog = (e: { level: string; query: CompiledQuery }) => {
        if (e.level === 'query') log.push({ sql: e.query.sql, parameters: e.query.parameters });
      };
      if (dialect === 'sqlite') {
        // The app never runs ANALYZE on SQLite: plan without statistics, as production does.
        await sql`DROP TABLE IF EXISTS sqlite_stat1`.execute(tdb.db.kysely).catch(() => undefined);
        const raw = new SQLite(path.join(tdb.dataDir, 'test.sqlite'));
        k = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log: onLog });
        explain = async (q) =>
          (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as Array<{ detail: string }>)
            .map((r) => r.detail)
            .join('\n');
        close = async () => {
          await k.destroy();
        };
      } else {
        const client = new pg.Client({ connectionString: tdb.url });
        await client.connect();
        k = new Kysely<Database>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: tdb.url, max: 1 }) }),
          log: onLog,
        });
        explain = async (q) =>
          (await client.query({ text: `EXPLAIN ${q.sql}`, values: q.parameters as unknown[] })).rows
            .map((r: Record<string, string>) => r['QUERY PLAN'])
            .join('\n');
        close = async () => {
          await client.end();
          await k.destroy();
        };
      }
    }, 120_000);
    afterAll(async () => {
      await close();
      await tdb.drop();
    });

    const plansOf = async (run: (db: DB) => Promise<unknown>): Promise<string[]> => {
      log = [];
      await run(k);
      expect(log.length).toBeGreaterThan(0);
      return Promise.all(log.map((q) => explain(q)));
    };
    const expectKeyLookups = (plans: string[]) => {
      for (const plan of plans) {
        if (dialect === 'sqlite')
          expect(plan).not.toMatch(/^(--)?\s*SCAN (comments|users|supporters|donations|articles)\b/m);
        else expect(plan).not.toMatch(/Seq Scan on (comments|users|supporters|donations|articles)\b/);
      }
    };

    it('finds a page’s supporters by key lookups only', async () => {
      const page = Array.from({ length: 60 }, (_, i) => 2_000 + i * 7);
      const plans = await plansOf((db) => supporterCommentIds(db, page));
      expectKeyLookups(plans);
      if (dialect === 'sqlite')
        expect(plans.join('\n')).toMatch(/SEARCH donations (EXISTS )?USING (COVERING )?INDEX donations_email/);
    });

    it('bumps a supporter’s discussions through the account’s comments index', async () => {
      const plans = await plansOf((db) => touchSupporterDiscussions(db, 'u42@example.test'));
      expectKeyLookups(plans);
      if (dialect === 'sqlite')
        expect(plans.join('\n')).toMatch(
          /SEARCH comments USING (COVERING )?INDEX comments_(author_user_status|author_user|user_created)/,
        );
    });
  });
}
