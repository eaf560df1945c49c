import type { CommentStatus } from './comment.table.js';

export type CommentSort = 'newest' | 'oldest' | 'votes';
export const COMMENT_SORTS: readonly CommentSort[] = ['newest', 'oldest', 'votes'];

/** A comment as readers see it. No e-mail, no IP: those never leave the repository. */
export interface PublicComment {
  id: number;
  articleId: number;
  parentId: number | null;
  threadId: number;
  depth: number;
  replyToName: string | null;
  authorName: string;
  /** True when written by a signed-in account (shown as a badge). */
  isAccount: boolean;
  /**
   * True when the author shows the Supporter badge (see funding/supporter.repo.ts for the rule): an
   * account whose verified e-mail gave a confirmed gift and opted in. Never true for a guest comment.
   * Repositories leave it false; the discussion service sets it for a whole page in one query.
   */
  isSupporter: boolean;
  bodyHtml: string;
  status: CommentStatus;
  score: number;
  upvotes: number;
  downvotes: number;
  createdAt: string;
  editedAt: string | null;
  /** Inline feedback: the passage this comment is on, as it reads now (null when not anchored). */
  passage?: { quote: string; orphaned: boolean; paragraphId: string | null } | null;
  /**
   * True for the placeholder of a top-level comment readers no longer see (held, spam or trash) while
   * replies to it are shown: it keeps their thread; author, text and passage are blank.
   */
  removed?: boolean;
}

/** A comment with its shown replies, oldest first. A thread is the node of a top-level comment. */
export interface CommentNode {
  comment: PublicComment;
  replies: CommentNode[];
}

/**
 * A comment as the write path sees it, with the fields that decide who may change it. Private fields
 * (edit-token hash) stay inside services; views and APIs get `PublicComment`.
 */
export interface StoredComment {
  id: number;
  articleId: number;
  parentId: number | null;
  threadId: number;
  depth: number;
  authorUserId: number | null;
  authorName: string;
  /** Private: a guest's e-mail, for moderation of edits; never leaves the service. */
  authorEmail: string | null;
  /** SHA-256 of the guest's edit token; null for accounts. */
  editTokenHash: string | null;
  bodyHtml: string;
  /** What the author typed; null for imported comments. */
  bodySource: string | null;
  status: CommentStatus;
  createdAt: string;
}

/** Who is acting on a comment: an account, or a guest known by the hash of the token in their cookie. */
export type CommentOwner = { userId: number } | { editTokenHash: string };

/** One of the viewer's own recent comments, for the "your comments" notice (edit/delete, awaiting review). */
export interface OwnComment {
  id: number;
  status: CommentStatus;
  excerpt: string;
  createdAt: string;
}
