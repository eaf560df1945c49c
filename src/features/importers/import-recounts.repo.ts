/** import_recounts: articles whose discussion an import changed and that are not recounted yet. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type DB = Kysely<Database>;

export async function insertRecountMarks(db: DB, articleIds: number[], now: Date): Promise<void> {
  const createdAt = now.toISOString();
  for (let i = 0; i < articleIds.length; i += 500) {
    await db
      .insertInto('import_recounts')
      .values(articleIds.slice(i, i + 500).map((id) => ({ article_id: id, created_at: createdAt })))
      .onConflict((oc) => oc.column('article_id').doNothing())
      .execute();
  }
}

/** The first `limit` marked articles, by id. */
export async function listRecountMarks(db: DB, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('import_recounts').select('article_id').orderBy('article_id').limit(limit).execute();
  return rows.map((r) => r.article_id);
}

export async function deleteRecountMarks(db: DB, articleIds: number[]): Promise<void> {
  if (articleIds.length > 0) await db.deleteFrom('import_recounts').where('article_id', 'in', articleIds).execute();
}
