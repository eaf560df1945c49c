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
  bodyHtml: string;
  status: CommentStatus;
  score: number;
  upvotes: number;
  downvotes: number;
  createdAt: string;
  editedAt: string | null;
}

/** A comment with its shown replies, oldest first. A thread is the node of a top-level comment. */
export interface CommentNode {
  comment: PublicComment;
  replies: CommentNode[];
}
