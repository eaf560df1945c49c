import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { touchDiscussion } from '../comments/index.js';
import type { ImportCtx, RunOptions } from './import-runner.js';
import { deleteRecountMarks, insertRecountMarks, listRecountMarks } from './import-recounts.repo.js';

/**
 * Notes articles whose discussion a batch changed, in the batch's own transaction: if the run dies before
 * its end, the next run (of any file) still recounts them.
 */
export async function markForRecount(db: Kysely<Database>, articleIds: Iterable<number>, now: Date): Promise<void> {
  await insertRecountMarks(
    db,
    [...new Set(articleIds)].filter((id) => id > 0),
    now,
  );
}

/**
 * Recounts every discussion an import marked and has not recounted yet — this run's, and those of runs
 * that were interrupted (approved count, and a version bump that invalidates every process's cached
 * comment lists), a few hundred articles per transaction. Returns how many.
 */
export async function recountMarked(db: Kysely<Database>): Promise<number> {
  let done = 0;
  for (;;) {
    const slice = await listRecountMarks(db, 200);
    if (slice.length === 0) return done;
    await db.transaction().execute(async (trx) => {
      for (const id of slice) await touchDiscussion(trx, id);
      await deleteRecountMarks(trx, slice);
    });
    done += slice.length;
  }
}

/**
 * A run that stops with an error still recounts what its committed batches changed (best effort: if the
 * database is what failed, the marks stay for the next run).
 */
export async function recountAfterFailure(ctx: ImportCtx, opts: RunOptions): Promise<void> {
  if (opts.dryRun) return;
  try {
    await recountMarked(ctx.db.kysely);
  } catch {
    /* left marked: the next run recounts them */
  }
}
