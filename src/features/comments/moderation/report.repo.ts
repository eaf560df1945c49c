/** Readers' reports: one per reader per comment (unique on comment and reporter key). */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { ReportReason } from './moderation.table.js';

type DB = Kysely<Database>;

export interface NewReport {
  commentId: number;
  reporterKey: string;
  reason: ReportReason;
  note: string | null;
  createdAt: string;
}

/** Adds the report; false when this reader had already reported this comment (nothing changes). */
export async function insertReport(db: DB, r: NewReport): Promise<boolean> {
  const res = await db
    .insertInto('reports')
    .values({
      comment_id: r.commentId,
      reporter_key: r.reporterKey,
      reason: r.reason,
      note: r.note,
      created_at: r.createdAt,
    })
    .onConflict((oc) => oc.columns(['comment_id', 'reporter_key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Reports no moderator has decided on yet: those that count toward the threshold. */
export async function countUnreviewedReports(db: DB, commentId: number): Promise<number> {
  const { n } = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('comment_id', '=', commentId)
    .where('reviewed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** A moderator decided on these comments: their reports so far are dealt with and stop counting. */
export async function markReportsReviewed(db: DB, commentIds: number[], now: string): Promise<void> {
  if (commentIds.length === 0) return;
  await db
    .updateTable('reports')
    .set({ reviewed_at: now })
    .where('comment_id', 'in', commentIds)
    .where('reviewed_at', 'is', null)
    .execute();
}

/** What moderators see of a comment's reports: the total, the count per reason, and the latest notes. */
export interface ReportSummary {
  total: number;
  byReason: Array<{ reason: ReportReason; count: number }>;
  /** Up to five readers' notes, newest first. */
  notes: string[];
}

export async function summarizeReports(db: DB, commentIds: number[]): Promise<Map<number, ReportSummary>> {
  const out = new Map<number, ReportSummary>();
  if (commentIds.length === 0) return out;
  const [counts, notes] = await Promise.all([
    db
      .selectFrom('reports')
      .select(['comment_id', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
      .where('comment_id', 'in', commentIds)
      .groupBy(['comment_id', 'reason'])
      .orderBy('comment_id')
      .orderBy('reason')
      .execute(),
    db
      .selectFrom('reports')
      .select(['comment_id', 'note'])
      .where('comment_id', 'in', commentIds)
      .where('note', 'is not', null)
      .orderBy('id', 'desc')
      .limit(commentIds.length * 5)
      .execute(),
  ]);
  const get = (id: number) => out.get(id) ?? out.set(id, { total: 0, byReason: [], notes: [] }).get(id)!;
  for (const c of counts) {
    const s = get(c.comment_id);
    s.total += Number(c.n);
    s.byReason.push({ reason: c.reason, count: Number(c.n) });
  }
  for (const n of notes) {
    const s = get(n.comment_id);
    if (n.note && s.notes.length < 5) s.notes.push(n.note);
  }
  return out;
}
