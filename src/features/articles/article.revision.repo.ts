/**
 * The revision history's rows (article_revisions): a copy of the text at every editorial save, bounded
 * per article, and the one pending autosave per article. Every function takes the transaction of the
 * service that calls it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { RevisionKind } from './article.table.js';

type DB = Kysely<Database>;

/** The text a revision keeps: what the editor types, not the article's links or status. */
export interface RevisionText {
  headline: string;
  excerpt: string;
  dateline: string | null;
  bodyMd: string;
}

/** One revision as the history screens show it. */
export interface Revision extends RevisionText {
  id: number;
  articleId: number;
  kind: RevisionKind;
  /** The article's revision number it was saved as (for an autosave: typed on). */
  articleRevision: number;
  /** An autosave's counter (0 for saves). */
  draftSeq: number;
  /** Who saved it; null once the account is gone. */
  authorName: string | null;
  createdAt: string;
}

const COLUMNS = [
  'article_revisions.id',
  'article_revisions.article_id',
  'article_revisions.kind',
  'article_revisions.article_revision',
  'article_revisions.draft_seq',
  'article_revisions.headline',
  'article_revisions.excerpt',
  'article_revisions.dateline',
  'article_revisions.body_md',
  'article_revisions.created_at',
  'users.display_name',
] as const;

function baseQuery(db: DB) {
  return db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.created_by')
    .select(COLUMNS);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const toRevision = (r: Row): Revision => ({
  id: r.id,
  articleId: r.article_id,
  kind: r.kind,
  articleRevision: r.article_revision,
  draftSeq: r.draft_seq,
  headline: r.headline,
  excerpt: r.excerpt,
  dateline: r.dateline,
  bodyMd: r.body_md,
  authorName: r.display_name,
  createdAt: r.created_at,
});

/** Saved revisions (not the autosave), newest first. */
export async function listRevisions(db: DB, articleId: number, limit: number): Promise<Revision[]> {
  const rows = await baseQuery(db)
    .where('article_revisions.article_id', '=', articleId)
    .where('article_revisions.kind', '!=', 'autosave')
    .orderBy('article_revisions.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRevision);
}

export async function findRevision(db: DB, articleId: number, id: number): Promise<Revision | undefined> {
  const row = await baseQuery(db)
    .where('article_revisions.article_id', '=', articleId)
    .where('article_revisions.id', '=', id)
    .executeTakeFirst();
  return row ? toRevision(row) : undefined;
}

/** The pending autosave of an article, if any. */
export async function findAutosave(db: DB, articleId: number): Promise<Revision | undefined> {
  const row = await baseQuery(db)
    .where('article_revisions.article_id', '=', articleId)
    .where('article_revisions.kind', '=', 'autosave')
    .executeTakeFirst();
  return row ? toRevision(row) : undefined;
}

/** Records a saved revision and deletes the oldest beyond `keep`; a save also ends the pending autosave. */
export async function insertRevision(
  db: DB,
  r: RevisionText & { articleId: number; kind: 'save' | 'restore'; articleRevision: number; by: number; at: string },
  keep: number,
): Promise<number> {
  const { id } = await db
    .insertInto('article_revisions')
    .values({
      article_id: r.articleId,
      kind: r.kind,
      article_revision: r.articleRevision,
      headline: r.headline,
      excerpt: r.excerpt,
      dateline: r.dateline,
      body_md: r.bodyMd,
      created_by: r.by,
      created_at: r.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .deleteFrom('article_revisions')
    .where('article_id', '=', r.articleId)
    .where('kind', '=', 'autosave')
    .execute();
  // The newest `keep` saved revisions stay; the id of the oldest of them bounds the delete.
  const oldestKept = await db
    .selectFrom('article_revisions')
    .select('id')
    .where('article_id', '=', r.articleId)
    .orderBy('id', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestKept)
    await db
      .deleteFrom('article_revisions')
      .where('article_id', '=', r.articleId)
      .where('id', '<', oldestKept.id)
      .execute();
  return id;
}

/**
 * Writes the article's one autosave row: inserted when there is none (seq 1), else updated only while it
 * is still at `expectedSeq` (a compare-and-set, so of two tabs typing at once the second is told, not lost).
 * Returns the new seq, or null when another tab's autosave came first.
 */
export async function writeAutosave(
  db: DB,
  a: RevisionText & { articleId: number; articleRevision: number; expectedSeq: number; by: number; at: string },
): Promise<number | null> {
  const fields = {
    article_revision: a.articleRevision,
    headline: a.headline,
    excerpt: a.excerpt,
    dateline: a.dateline,
    body_md: a.bodyMd,
    created_by: a.by,
    created_at: a.at,
  };
  const current = await findAutosave(db, a.articleId);
  if (!current) {
    if (a.expectedSeq !== 0) return null;
    await db
      .insertInto('article_revisions')
      .values({ ...fields, article_id: a.articleId, kind: 'autosave', draft_seq: 1 })
      .execute();
    return 1;
  }
  if (current.draftSeq !== a.expectedSeq) return null;
  const res = await db
    .updateTable('article_revisions')
    .set({ ...fields, draft_seq: a.expectedSeq + 1 })
    .where('id', '=', current.id)
    .where('draft_seq', '=', a.expectedSeq)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1 ? a.expectedSeq + 1 : null;
}

/** Drops an article's pending autosave (the writer discarded it). */
export async function deleteAutosave(db: DB, articleId: number): Promise<void> {
  await db.deleteFrom('article_revisions').where('article_id', '=', articleId).where('kind', '=', 'autosave').execute();
}
