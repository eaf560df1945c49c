/** Reads and writes of passage anchors: on comments (columns anchor_*) and on editors' questions. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { AnchorStatus, PassageAnchor, ResolvedAnchor } from './anchor.js';

type DB = Kysely<Database>;

/** The columns an anchored row gets when it is first stored: the selector, resolved where it was made. */
export function anchorColumns(a: PassageAnchor) {
  return {
    anchor_paragraph_id: a.paragraphId,
    anchor_exact: a.exact,
    anchor_prefix: a.prefix,
    anchor_suffix: a.suffix,
    anchor_status: 'exact' as AnchorStatus,
    anchor_current_paragraph: a.paragraphId,
    anchor_current_quote: a.exact,
  };
}

/** Approved comments per paragraph of one article: one grouped read through comments_passage. */
export async function countByPassage(db: DB, articleId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('comments')
    .select(['anchor_current_paragraph', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', '=', articleId)
    .where('anchor_current_paragraph', 'is not', null)
    .where('status', '=', 'approved')
    .groupBy('anchor_current_paragraph')
    .execute();
  return new Map(rows.map((r) => [r.anchor_current_paragraph!, Number(r.n)]));
}

export interface PassageComment {
  id: number;
  authorName: string;
  bodyHtml: string;
  createdAt: string;
  quote: string;
  status: AnchorStatus;
}

/** The approved comments on one passage, oldest first (bounded). */
export async function listPassageComments(
  db: DB,
  articleId: number,
  paragraphId: string,
  limit = 100,
): Promise<PassageComment[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'author_name', 'body_html', 'created_at', 'anchor_current_quote', 'anchor_status'])
    .where('article_id', '=', articleId)
    .where('anchor_current_paragraph', '=', paragraphId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authorName: r.author_name,
    bodyHtml: r.body_html,
    createdAt: r.created_at,
    quote: r.anchor_current_quote ?? '',
    status: r.anchor_status ?? 'exact',
  }));
}

export interface StoredAnchorRow {
  kind: 'comment' | 'question';
  id: number;
  anchor: PassageAnchor;
  status: AnchorStatus | null;
  current: string | null;
  quote: string | null;
  /** A comment in the trash: re-anchored all the same (a restored comment must not point at a stale place), but no editor's concern. */
  trashed: boolean;
}

/**
 * Every anchor of an article (comments in any status, the trash included, and questions), for
 * re-anchoring after an edit.
 */
export async function listArticleAnchors(db: DB, articleId: number): Promise<StoredAnchorRow[]> {
  const cols = [
    'id',
    'anchor_paragraph_id',
    'anchor_exact',
    'anchor_prefix',
    'anchor_suffix',
    'anchor_status',
    'anchor_current_paragraph',
    'anchor_current_quote',
  ] as const;
  const [comments, questions] = await Promise.all([
    db
      .selectFrom('comments')
      .select([...cols, 'status'])
      .where('article_id', '=', articleId)
      .where('anchor_paragraph_id', 'is not', null)
      .execute(),
    db.selectFrom('inline_questions').select(cols).where('article_id', '=', articleId).execute(),
  ]);
  const row =
    (kind: 'comment' | 'question') =>
    (r: Omit<(typeof comments)[number], 'status'> & { status?: string }): StoredAnchorRow => ({
      kind,
      id: r.id,
      status: r.anchor_status,
      current: r.anchor_current_paragraph,
      quote: r.anchor_current_quote,
      trashed: r.status === 'trash',
      anchor: {
        paragraphId: r.anchor_paragraph_id!,
        exact: r.anchor_exact ?? '',
        prefix: r.anchor_prefix ?? '',
        suffix: r.anchor_suffix ?? '',
      },
    });
  return [...comments.map(row('comment')), ...questions.map(row('question'))];
}

export async function storeResolution(
  db: DB,
  row: Pick<StoredAnchorRow, 'kind' | 'id'>,
  r: ResolvedAnchor,
): Promise<void> {
  const set = { anchor_status: r.status, anchor_current_paragraph: r.paragraphId, anchor_current_quote: r.quote };
  if (row.kind === 'comment') await db.updateTable('comments').set(set).where('id', '=', row.id).execute();
  else await db.updateTable('inline_questions').set(set).where('id', '=', row.id).execute();
}

/** Approved comments of an article whose passage is gone (the editor's notice). */
export async function countOrphanedComments(db: DB, articleId: number): Promise<number> {
  const { n } = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .where('anchor_status', '=', 'orphaned')
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface InlineQuestion {
  id: number;
  paragraphId: string | null;
  quote: string;
  status: AnchorStatus;
  question: string;
  createdAt: string;
}

export async function listQuestions(db: DB, articleId: number): Promise<InlineQuestion[]> {
  const rows = await db
    .selectFrom('inline_questions')
    .select(['id', 'anchor_current_paragraph', 'anchor_current_quote', 'anchor_status', 'question', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    paragraphId: r.anchor_current_paragraph,
    quote: r.anchor_current_quote,
    status: r.anchor_status,
    question: r.question,
    createdAt: r.created_at,
  }));
}

export async function insertQuestion(
  db: DB,
  q: { articleId: number; anchor: PassageAnchor; question: string; createdBy: number; createdAt: string },
): Promise<number> {
  const { id } = await db
    .insertInto('inline_questions')
    .values({
      article_id: q.articleId,
      ...anchorColumns(q.anchor),
      question: q.question,
      created_by: q.createdBy,
      created_at: q.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteQuestion(db: DB, articleId: number, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('inline_questions')
    .where('id', '=', id)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The article's current sanitized body (anchors are made and resolved against it). */
export async function findArticleBody(db: DB, articleId: number): Promise<string | undefined> {
  const r = await db.selectFrom('articles').select('body_html').where('id', '=', articleId).executeTakeFirst();
  return r?.body_html;
}
