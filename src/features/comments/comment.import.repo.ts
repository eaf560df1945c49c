/** Writes of imported comments: rows with their original dates, statuses and vote counts. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CommentStatus } from './comment.table.js';

type DB = Kysely<Database>;

export interface ImportedComment {
  articleId: number;
  parentId: number | null;
  /** null for a top-level comment: the row becomes the root of its own thread (see markThreadRoots). */
  threadId: number | null;
  depth: number;
  replyToName: string | null;
  authorUserId: number | null;
  authorName: string;
  authorEmail: string | null;
  ipHash: string | null;
  bodyHtml: string;
  status: CommentStatus;
  upvotes: number;
  downvotes: number;
  createdAt: string;
}

export async function insertImportedComment(db: DB, c: ImportedComment): Promise<number> {
  const { id } = await db
    .insertInto('comments')
    .values({
      article_id: c.articleId,
      parent_id: c.parentId,
      thread_id: c.threadId,
      depth: c.depth,
      reply_to_name: c.replyToName,
      author_user_id: c.authorUserId,
      author_name: c.authorName,
      author_email: c.authorEmail,
      ip_hash: c.ipHash,
      body_html: c.bodyHtml,
      status: c.status,
      score: c.upvotes - c.downvotes,
      upvotes: c.upvotes,
      downvotes: c.downvotes,
      imported_upvotes: c.upvotes,
      imported_downvotes: c.downvotes,
      edit_token_hash: null,
      created_at: c.createdAt,
      updated_at: c.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Top-level comments are the roots of their threads: thread_id = id. */
export async function markThreadRoots(db: DB, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('comments')
      .set((eb) => ({ thread_id: eb.ref('id') }))
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

/** What a reply needs to know of its parent. */
export interface ParentInfo {
  id: number;
  articleId: number;
  depth: number;
  threadId: number;
  parentId: number | null;
  authorName: string;
}

export async function findParentInfos(db: DB, ids: number[]): Promise<Map<number, ParentInfo>> {
  const out = new Map<number, ParentInfo>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('comments')
      .select(['id', 'article_id', 'depth', 'thread_id', 'parent_id', 'author_name'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows)
      out.set(r.id, {
        id: r.id,
        articleId: r.article_id,
        depth: r.depth,
        threadId: r.thread_id ?? r.id,
        parentId: r.parent_id,
        authorName: r.author_name,
      });
  }
  return out;
}

/** A change an import applies to a comment it made before; vote deltas keep votes cast here since. */
export interface CommentChange {
  status?: CommentStatus;
  bodyHtml?: string;
  authorName?: string;
  /** Imported counts now, and the change since the last import. */
  votes?: { upvotes: number; downvotes: number; deltaUp: number; deltaDown: number };
}

export async function updateImportedComment(db: DB, id: number, c: CommentChange, now: Date): Promise<void> {
  await db
    .updateTable('comments')
    .set((eb) => ({
      ...(c.status !== undefined ? { status: c.status } : {}),
      ...(c.bodyHtml !== undefined ? { body_html: c.bodyHtml } : {}),
      ...(c.authorName !== undefined ? { author_name: c.authorName } : {}),
      ...(c.votes
        ? {
            imported_upvotes: c.votes.upvotes,
            imported_downvotes: c.votes.downvotes,
            upvotes: eb('upvotes', '+', c.votes.deltaUp),
            downvotes: eb('downvotes', '+', c.votes.deltaDown),
            score: eb('score', '+', c.votes.deltaUp - c.votes.deltaDown),
          }
        : {}),
      updated_at: now.toISOString(),
    }))
    .where('id', '=', id)
    .execute();
}
