/**
 * Reports a moderator has dealt with. Once a moderator decides on a reported comment (approves it, say),
 * the reports made before that decision are marked reviewed, and only newer reports count toward the
 * threshold that takes the comment back to the queue; otherwise one new report would hold it again.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('reports').addColumn('reviewed_at', 'text').execute();
}
