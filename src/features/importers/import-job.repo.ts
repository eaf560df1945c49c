/** import_jobs: imports started from the admin page, with their progress for the page to show. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ImportJobStatus, ImportJobTable } from './import.table.js';
import type { ImportProgress } from './import.types.js';
import type { Selectable } from 'kysely';

type DB = Kysely<Database>;

export interface ImportJob {
  id: number;
  format: 'wxr' | 'disqus';
  fileName: string;
  options: Record<string, unknown>;
  status: ImportJobStatus;
  progress: ImportProgress | null;
  error: string | null;
  createdBy: number | null;
  createdAt: string;
  heartbeatAt: string | null;
  finishedAt: string | null;
}

function parse<T>(s: string): T | null {
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
}

function toJob(r: Selectable<ImportJobTable>): ImportJob {
  const progress = parse<ImportProgress>(r.progress);
  return {
    id: r.id,
    format: r.format,
    fileName: r.file_name,
    options: parse<Record<string, unknown>>(r.options) ?? {},
    status: r.status,
    progress: progress && 'items' in progress ? progress : null,
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at,
    heartbeatAt: r.heartbeat_at,
    finishedAt: r.finished_at,
  };
}

export async function insertImportJob(
  db: DB,
  j: { format: 'wxr' | 'disqus'; fileName: string; options: Record<string, unknown>; createdBy: number },
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto('import_jobs')
    .values({
      format: j.format,
      file_name: j.fileName,
      options: JSON.stringify(j.options),
      status: 'queued',
      created_by: j.createdBy,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function markJobRunning(db: DB, id: number, now: Date): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ status: 'running', heartbeat_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function saveJobProgress(db: DB, id: number, progress: ImportProgress, now: Date): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ progress: JSON.stringify(progress), heartbeat_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function finishJob(
  db: DB,
  id: number,
  outcome: { status: 'done' | 'failed'; progress: ImportProgress | null; error: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({
      status: outcome.status,
      error: outcome.error,
      finished_at: now.toISOString(),
      heartbeat_at: now.toISOString(),
      ...(outcome.progress ? { progress: JSON.stringify(outcome.progress) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob(db: DB, id: number): Promise<ImportJob | undefined> {
  const row = await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function listRecentImportJobs(db: DB, limit: number): Promise<ImportJob[]> {
  const rows = await db.selectFrom('import_jobs').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toJob);
}
