/**
 * Fixed-window counters in the database ("at most 3 confirmation mails to one address per day"), so a
 * limit holds across every app process. One atomic upsert per use: on PostgreSQL the conflicting row is
 * locked for the statement, on SQLite writes are serialized, so two concurrent uses never both see the
 * last free slot. A fixed window lets up to twice the limit through around a window boundary; for abuse
 * limits that is fine and keeps it to one row per key.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

type DB = Kysely<Database>;

/** Counts one use of `key`; true when it is within `limit` uses in the current window. */
export async function takeQuota(
  db: DB,
  q: { key: string; limit: number; windowMs: number },
  now: Date,
): Promise<boolean> {
  const t = now.toISOString();
  const cutoff = new Date(now.getTime() - q.windowMs).toISOString();
  const row = await db
    .insertInto('mail_quota')
    .values({ key: q.key, window_start: t, used: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        // Both expressions see the old row, so an expired window restarts at 1 from now.
        window_start: eb
          .case()
          .when('mail_quota.window_start', '<=', cutoff)
          .then(t)
          .else(eb.ref('mail_quota.window_start'))
          .end(),
        used: eb
          .case()
          .when('mail_quota.window_start', '<=', cutoff)
          .then(1)
          .else(eb(eb.ref('mail_quota.used'), '+', 1))
          .end(),
      })),
    )
    .returning('used')
    .executeTakeFirstOrThrow();
  return Number(row.used) <= q.limit;
}

/** Drops counters whose window started before `before` (they would restart anyway). */
export async function purgeQuotas(db: DB, before: Date): Promise<void> {
  await db.deleteFrom('mail_quota').where('window_start', '<', before.toISOString()).execute();
}
