import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { touchDiscussion } from '../comments/index.js';

/**
 * Recounts the discussions an import changed (approved count, and a version bump that invalidates every
 * process's cached comment lists), a few hundred articles per transaction. Returns how many.
 */
export async function recountDiscussions(db: Kysely<Database>, articleIds: number[]): Promise<number> {
  const ids = [...new Set(articleIds)].filter((id) => id > 0);
  for (let i = 0; i < ids.length; i += 200) {
    const slice = ids.slice(i, i + 200);
    await db.transaction().execute(async (trx) => {
      for (const id of slice) await touchDiscussion(trx, id);
    });
  }
  return ids.length;
}
