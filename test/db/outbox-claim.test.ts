import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/dialect.js';
import { claimDueMail } from '../../src/platform/outbox-queue.repo.js';
import { enqueueMail } from '../../src/platform/outbox.repo.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

for (const dialect of DIALECTS) {
  describe(`claiming outbox rows on ${dialect}`, () => {
    let tdb: TestDb;
    let second: Db;
    const now = new Date('2026-11-25T10:00:00Z');

    beforeAll(async () => {
      tdb = await createTestDb(dialect);
      second = await openDb({ databaseUrl: tdb.url, sqliteFile: path.join(tdb.dataDir, 'test.sqlite'), poolSize: 5 });
      await tdb.db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < 40; i++)
          await enqueueMail(trx, { to: `r${i}@example.test`, subject: 's', text: 't', kind: 'test' }, now);
      });
    });
    afterAll(async () => {
      await second.close();
      await tdb.drop();
    });

    it('gives two connections claiming at once disjoint batches of at most the limit, until none is left', async () => {
      const seen = new Set<number>();
      for (let round = 0; round < 12; round++) {
        const [a, b] = await Promise.all([
          claimDueMail(tdb.db.kysely, dialect, { now, leaseMs: 60_000, limit: 4, claimToken: 'A' }),
          claimDueMail(second.kysely, dialect, { now, leaseMs: 60_000, limit: 4, claimToken: 'B' }),
        ]);
        expect(a.length).toBeLessThanOrEqual(4);
        expect(b.length).toBeLessThanOrEqual(4);
        for (const m of [...a, ...b]) {
          expect(seen.has(m.id)).toBe(false);
          seen.add(m.id);
          expect(m.attempts).toBe(1);
        }
      }
      expect(seen.size).toBe(40);
      // Claimed rows are not due again until their lease ends; then they are.
      expect(
        await claimDueMail(tdb.db.kysely, dialect, { now, leaseMs: 60_000, limit: 100, claimToken: 'C' }),
      ).toHaveLength(0);
      const later = new Date(now.getTime() + 61_000);
      const retaken = await claimDueMail(tdb.db.kysely, dialect, {
        now: later,
        leaseMs: 60_000,
        limit: 100,
        claimToken: 'C',
      });
      expect(retaken).toHaveLength(40);
      expect(retaken.every((m) => m.attempts === 2)).toBe(true);
    });
  });
}
