/** The audit log: who did what to which thing, when, with before/after snapshots. Append-only. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export interface AuditEntry {
  actorUserId: number | null;
  /** Dotted verb, e.g. comment.approve, donation.offline.update, article.publish. */
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'subjectId'>> {
  id: number;
  subjectId: string | null;
  actorName: string | null;
  createdAt: string;
}

/** Records an action; call in the transaction that performs it. */
export async function recordAudit(db: Kysely<Database>, e: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: e.actorUserId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId === null ? null : String(e.subjectId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
      created_at: now.toISOString(),
    })
    .execute();
}

/** Newest first, one page; `beforeId` is the cursor. `subjectTypes` limits what a role may see. */
export async function listAudit(
  db: Kysely<Database>,
  opts: {
    limit: number;
    beforeId?: number;
    subjectType?: string;
    subjectId?: string;
    subjectTypes?: string[];
    action?: string;
  },
): Promise<AuditRecord[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.actor_user_id',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.before',
      'audit_log.after',
      'audit_log.created_at',
      'users.display_name',
    ]);
  if (opts.beforeId) q = q.where('audit_log.id', '<', opts.beforeId);
  if (opts.subjectType) q = q.where('audit_log.subject_type', '=', opts.subjectType);
  if (opts.subjectId) q = q.where('audit_log.subject_id', '=', opts.subjectId);
  if (opts.subjectTypes)
    q = q.where('audit_log.subject_type', 'in', opts.subjectTypes.length > 0 ? opts.subjectTypes : ['']);
  if (opts.action) q = q.where('audit_log.action', '=', opts.action);
  const rows = await q.orderBy('audit_log.id', 'desc').limit(opts.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    actorUserId: r.actor_user_id,
    actorName: r.display_name,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
    createdAt: r.created_at,
  }));
}

/** The distinct actions and subject types on record, for the audit page's filters. */
export async function listAuditVocabulary(
  db: Kysely<Database>,
  subjectTypes?: string[],
): Promise<{ actions: string[]; subjectTypes: string[] }> {
  let q = db.selectFrom('audit_log').select(['action', 'subject_type']).distinct();
  if (subjectTypes) q = q.where('subject_type', 'in', subjectTypes.length > 0 ? subjectTypes : ['']);
  const rows = await q.execute();
  return {
    actions: [...new Set(rows.map((r) => r.action))].sort(),
    subjectTypes: [...new Set(rows.map((r) => r.subject_type))].sort(),
  };
}
