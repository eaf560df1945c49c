/** What other features may react to, in the same transaction, when the discussion changes. */
import { Hook } from '../../platform/hooks.js';
import type { SubscriptionKind } from '../subscriptions/index.js';

/** A comment was approved for the first time (posted approved, or approved by a moderator); run by announceApproval. */
export interface CommentApproved {
  commentId: number;
  articleId: number;
  parentId: number | null;
  /** The author's e-mail (private), so they are not told of their own comment. */
  authorEmail: string | null;
  authorUserId: number | null;
  now: Date;
}

/** A commenter ticked "Notify of" with their comment: the confirmation is queued with the comment. */
export interface NotifyRequested {
  articleId: number;
  /** The guest's e-mail as typed; '' for an account (its own address is used). */
  email: string;
  kind: SubscriptionKind;
  userId: number | null;
  ipHash: string;
  networkHash: string;
  now: Date;
}

export interface CommentHooks {
  approved: Hook<CommentApproved>;
  notifyRequested: Hook<NotifyRequested>;
}

export const createCommentHooks = (): CommentHooks => ({ approved: new Hook(), notifyRequested: new Hook() });
