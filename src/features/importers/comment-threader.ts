/**
 * Brings in the comments of an export batch by batch, keeping threads intact whatever the order of the
 * file: a reply whose parent has not been seen yet waits (in memory, only the out-of-order ones) and is
 * written right after its parent; replies whose parent never appears become top-level comments at the
 * end. Parents from earlier batches or earlier runs are found through import_refs, so memory does not
 * grow with the size of the export.
 *
 * Depth follows the parent chain, capped at MAX_IMPORT_DEPTH: a deeper reply hangs beside its parent
 * (under the parent's parent, at the cap) and names whom it answers in reply_to_name.
 */
import { msg } from '../../lib/message.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { sha256 } from '../../lib/crypto.js';
import type { CommentStatus } from '../comments/index.js';
import {
  findParentInfos,
  insertImportedComment,
  markThreadRoots,
  updateImportedComment,
  type CommentChange,
  type ParentInfo,
} from '../comments/index.js';
import { findRefs, insertRefs, updateRef, type ImportRef, type NewRef } from './import-refs.repo.js';
import type { ImportTally } from './import.types.js';
import { markForRecount } from './recount.js';

export const MAX_IMPORT_DEPTH = 5;

/** A comment of an export, mapped and sanitized, ready to be written. */
export interface IncomingComment {
  externalId: string;
  parentExternalId: string | null;
  articleId: number;
  authorUserId: number | null;
  authorName: string;
  /** Private; stored in author_email, never shown. */
  authorEmail: string | null;
  /** hmac(secret, ip): the address itself is never stored. */
  ipHash: string | null;
  bodyHtml: string;
  status: CommentStatus;
  upvotes: number;
  downvotes: number;
  createdAt: string;
}

/** What import_refs remembers of a comment: field hashes and imported vote counts. */
interface CommentState {
  s: CommentStatus;
  b: string;
  n: string;
  u: number;
  d: number;
}

const hash = (s: string): string => sha256(s).slice(0, 16);
const stateOf = (c: IncomingComment): CommentState => ({
  s: c.status,
  b: hash(c.bodyHtml),
  n: hash(c.authorName),
  u: c.upvotes,
  d: c.downvotes,
});

export class CommentThreader {
  /** Replies waiting for their parent, by the parent's external id. */
  private readonly waiting = new Map<string, IncomingComment[]>();
  private now: Date;

  constructor(
    private readonly source: string,
    private readonly tally: ImportTally,
    private readonly dryRun: boolean,
    now: Date,
  ) {
    this.now = now;
  }

  /** Writes one batch in the caller's transaction. */
  async addBatch(db: Kysely<Database>, batch: IncomingComment[], now: Date): Promise<void> {
    this.now = now;
    if (batch.length === 0) return;
    const refs = await findRefs(
      db,
      this.source,
      'comment',
      batch.map((c) => c.externalId),
    );
    if (this.dryRun) {
      for (const c of batch) {
        if (refs.has(c.externalId)) this.tally.skipped('comments');
        else this.tally.created('comments');
      }
      return;
    }
    const ctx = await this.loadKnown(db, batch, refs);
    for (const c of batch) {
      const ref = refs.get(c.externalId);
      if (ref) await this.revisit(db, c, ref, ctx);
      else await this.place(db, c, ctx);
    }
    await this.flush(db, ctx);
  }

  /** Writes replies whose parent never appeared as top-level comments. */
  async finish(db: Kysely<Database>, now: Date): Promise<void> {
    this.now = now;
    if (this.dryRun) {
      for (const list of this.waiting.values()) for (const _ of list) this.tally.created('comments');
      this.waiting.clear();
      return;
    }
    const ctx: BatchContext = { known: new Map(), newRefs: [], roots: [], touched: new Set() };
    for (const parentId of [...this.waiting.keys()]) {
      const orphans = this.waiting.get(parentId);
      if (!orphans) continue;
      this.waiting.delete(parentId);
      for (const c of orphans) {
        this.tally.note(msg('importers.note_parent_missing'), 1, c.externalId);
        await this.write(db, { ...c, parentExternalId: null }, ctx);
      }
    }
    await this.flush(db, ctx);
  }

  /** Parents of this batch that were written before (earlier batches or runs), and rows of known comments. */
  private async loadKnown(
    db: Kysely<Database>,
    batch: IncomingComment[],
    refs: Map<string, ImportRef>,
  ): Promise<BatchContext> {
    const inBatch = new Set(batch.map((c) => c.externalId));
    const outside = batch.map((c) => c.parentExternalId).filter((p): p is string => p !== null && !inBatch.has(p));
    const parentRefs = await findRefs(db, this.source, 'comment', outside);
    const all = [...refs.values(), ...parentRefs.values()];
    const infos = await findParentInfos(
      db,
      all.map((r) => r.localId).filter((x): x is number => x !== null),
    );
    const known = new Map<string, ParentInfo>();
    for (const r of all) {
      const info = r.localId !== null ? infos.get(r.localId) : undefined;
      if (info) known.set(r.externalId, info);
    }
    return { known, newRefs: [], roots: [], touched: new Set() };
  }

  /** A comment imported before: apply what changed at the source, and let its waiting replies in. */
  private async revisit(db: Kysely<Database>, c: IncomingComment, ref: ImportRef, ctx: BatchContext): Promise<void> {
    const info = ctx.known.get(c.externalId);
    if (!info) {
      // Deleted here since the last import: the deletion stands (its replies went with it).
      this.tally.skipped('comments', msg('importers.note_comments_deleted_here'));
      return;
    }
    const old = ref.state as Partial<CommentState>;
    const next = stateOf(c);
    const change: CommentChange = {};
    if (old.s !== next.s) change.status = c.status;
    if (old.b !== next.b) change.bodyHtml = c.bodyHtml;
    if (old.n !== next.n) change.authorName = c.authorName;
    if ((old.u ?? 0) !== next.u || (old.d ?? 0) !== next.d) {
      change.votes = {
        upvotes: next.u,
        downvotes: next.d,
        deltaUp: next.u - (old.u ?? 0),
        deltaDown: next.d - (old.d ?? 0),
      };
    }
    if (Object.keys(change).length > 0) {
      await updateImportedComment(db, info.id, change, this.now);
      await updateRef(db, ref.id, { state: { ...next } }, this.now);
      ctx.touched.add(info.articleId);
      this.tally.updated('comments');
    } else {
      this.tally.skipped('comments');
    }
    await this.release(db, c.externalId, ctx);
  }

  /** A new comment: written now if its parent is known (or it has none), otherwise it waits. */
  private async place(db: Kysely<Database>, c: IncomingComment, ctx: BatchContext): Promise<void> {
    if (ctx.known.has(c.externalId)) {
      this.tally.skipped('comments', msg('importers.note_duplicate_comment_ids'));
      return;
    }
    if (c.parentExternalId !== null && !ctx.known.has(c.parentExternalId)) {
      const list = this.waiting.get(c.parentExternalId) ?? [];
      list.push(c);
      this.waiting.set(c.parentExternalId, list);
      return;
    }
    await this.write(db, c, ctx);
  }

  private async write(db: Kysely<Database>, c: IncomingComment, ctx: BatchContext): Promise<void> {
    const parent = c.parentExternalId !== null ? ctx.known.get(c.parentExternalId) : undefined;
    // A reply must live under the same article as its parent; a mismatch (a corrupt export) makes it top-level.
    const p = parent && parent.articleId === c.articleId ? parent : undefined;
    const atCap = p !== undefined && p.depth >= MAX_IMPORT_DEPTH;
    const depth = p ? Math.min(p.depth + 1, MAX_IMPORT_DEPTH) : 0;
    const parentId = p ? (atCap ? p.parentId : p.id) : null;
    const id = await insertImportedComment(db, {
      articleId: c.articleId,
      parentId,
      threadId: p ? p.threadId : null,
      depth,
      replyToName: atCap ? p.authorName : null,
      authorUserId: c.authorUserId,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      ipHash: c.ipHash,
      bodyHtml: c.bodyHtml,
      status: c.status,
      upvotes: c.upvotes,
      downvotes: c.downvotes,
      createdAt: c.createdAt,
    });
    if (!p) ctx.roots.push(id);
    ctx.known.set(c.externalId, {
      id,
      articleId: c.articleId,
      depth,
      threadId: p ? p.threadId : id,
      parentId,
      authorName: c.authorName,
    });
    ctx.newRefs.push({
      source: this.source,
      kind: 'comment',
      externalId: c.externalId,
      localId: id,
      state: { ...stateOf(c) },
    });
    ctx.touched.add(c.articleId);
    this.tally.created('comments');
    await this.release(db, c.externalId, ctx);
  }

  /** Writes the replies that waited for this comment (and, through write, theirs). */
  private async release(db: Kysely<Database>, externalId: string, ctx: BatchContext): Promise<void> {
    const children = this.waiting.get(externalId);
    if (!children) return;
    this.waiting.delete(externalId);
    for (const child of children) await this.write(db, child, ctx);
  }

  private async flush(db: Kysely<Database>, ctx: BatchContext): Promise<void> {
    await markThreadRoots(db, ctx.roots);
    await insertRefs(db, ctx.newRefs, this.now);
    // In the same transaction as the comments: a run killed after this batch leaves its recount to the next run.
    await markForRecount(db, ctx.touched, this.now);
  }
}

interface BatchContext {
  /** Comments of this batch and their known parents, by external id. */
  known: Map<string, ParentInfo>;
  newRefs: NewRef[];
  /** Top-level comments written in this batch (thread_id set in flush). */
  roots: number[];
  /** Articles whose discussion this batch changed (marked for recount in flush). */
  touched: Set<number>;
}
