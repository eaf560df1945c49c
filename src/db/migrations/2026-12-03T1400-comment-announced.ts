/**
 * When subscribers were first told of a comment. A comment can be approved more than once (reported,
 * held, approved again; edited back into the queue): "Notify of" mails it only the first time.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('announced_at', 'text').execute();
}
