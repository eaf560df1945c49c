/** Votes: one row per (comment, voter), and the counters on the comment kept in step with them. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CommentStatus } from './comment.table.js';

type DB = Kysely<Database>;

export interface VoteTarget {
  id: number;
  articleId: number;
  status: CommentStatus;
  authorUserId: number | null;
  editTokenHash: string | null;
}

/**
 * Locks a comment's row for the rest of the transaction and returns what a vote needs to know about it.
 * The no-op update is the portable row lock: on PostgreSQL it takes the row's write lock, so two votes
 * on one comment (even two from the same voter, racing on the votes primary key) run one after the
 * other and each reads the other's vote; on SQLite it takes the database write lock, which serializes
 * writers anyway.
 */
export async function lockVoteTarget(db: DB, commentId: number): Promise<VoteTarget | undefined> {
  const r = await db
    .updateTable('comments')
    .set((eb) => ({ score: eb.ref('score') }))
    .where('id', '=', commentId)
    // Only under a published article: an unpublished one takes its discussion with it.
    .where('article_id', 'in', (eb) => eb.selectFrom('articles').select('id').where('status', '=', 'published'))
    .returning(['id', 'article_id', 'status', 'author_user_id', 'edit_token_hash'])
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        articleId: r.article_id,
        status: r.status,
        authorUserId: r.author_user_id,
        editTokenHash: r.edit_token_hash,
      }
    : undefined;
}

/** The voter's current vote on a comment: 1, -1, or 0 for none. */
export async function findVoteValue(db: DB, commentId: number, voterKey: string): Promise<number> {
  const r = await db
    .selectFrom('votes')
    .select('value')
    .where('comment_id', '=', commentId)
    .where('voter_key', '=', voterKey)
    .executeTakeFirst();
  return r?.value ?? 0;
}

/**
 * How many guest votes the comment holds from this network (hashNetwork: an IPv4 address or an IPv6 /64),
 * counted up to `cap`: a guest who drops their cookie gets a new voter key, but not a new network.
 */
export async function countGuestVotesFromNetwork(
  db: DB,
  commentId: number,
  networkHash: string,
  cap: number,
): Promise<number> {
  const rows = await db
    .selectFrom('votes')
    .select('voter_key')
    .where('comment_id', '=', commentId)
    .where('network_hash', '=', networkHash)
    .limit(cap)
    .execute();
  return rows.length;
}

/** Records, changes or (value 0) removes a voter's vote. */
export async function putVote(
  db: DB,
  v: {
    commentId: number;
    voterKey: string;
    value: number;
    previous: number;
    ipHash: string | null;
    /** A guest's network, counted by the per-network share; null for accounts. */
    networkHash: string | null;
    now: string;
  },
): Promise<void> {
  if (v.value === 0) {
    await db.deleteFrom('votes').where('comment_id', '=', v.commentId).where('voter_key', '=', v.voterKey).execute();
  } else if (v.previous === 0) {
    await db
      .insertInto('votes')
      .values({
        comment_id: v.commentId,
        voter_key: v.voterKey,
        value: v.value,
        ip_hash: v.ipHash,
        network_hash: v.networkHash,
        created_at: v.now,
      })
      .execute();
  } else {
    await db
      .updateTable('votes')
      .set({ value: v.value, created_at: v.now })
      .where('comment_id', '=', v.commentId)
      .where('voter_key', '=', v.voterKey)
      .execute();
  }
}

export interface VoteCounts {
  score: number;
  upvotes: number;
  downvotes: number;
}

/** Moves the counters by relative amounts (never read-modify-write in JavaScript) and returns them. */
export async function applyVoteDelta(db: DB, commentId: number, up: number, down: number): Promise<VoteCounts> {
  return db
    .updateTable('comments')
    .set((eb) => ({
      upvotes: eb('upvotes', '+', up),
      downvotes: eb('downvotes', '+', down),
      score: eb('score', '+', up - down),
    }))
    .where('id', '=', commentId)
    .returning(['score', 'upvotes', 'downvotes'])
    .executeTakeFirstOrThrow();
}

export async function readVoteCounts(db: DB, commentId: number): Promise<VoteCounts> {
  return db
    .selectFrom('comments')
    .select(['score', 'upvotes', 'downvotes'])
    .where('id', '=', commentId)
    .executeTakeFirstOrThrow();
}

/** The voter's votes among the given comments (the page's "you voted" marks). */
export async function findVotesBy(db: DB, voterKey: string, commentIds: number[]): Promise<Record<number, number>> {
  if (commentIds.length === 0) return {};
  const out: Record<number, number> = {};
  // Chunked so a "View all comments" page stays under SQLite's bound-parameter limit.
  for (let i = 0; i < commentIds.length; i += 500) {
    const rows = await db
      .selectFrom('votes')
      .select(['comment_id', 'value'])
      .where('voter_key', '=', voterKey)
      .where('comment_id', 'in', commentIds.slice(i, i + 500))
      .execute();
    for (const r of rows) out[r.comment_id] = r.value;
  }
  return out;
}
