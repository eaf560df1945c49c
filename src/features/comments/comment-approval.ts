/** Telling the features that react to approvals (subscribers, outgoing webhooks), once per comment. */
import type { Trx } from '../../platform/hooks.js';
import type { CommentApproved, CommentHooks } from './comment.hooks.js';
import { markCommentAnnounced } from './comment.write.repo.js';

/**
 * Runs the `approved` reactions the first time a comment is approved, in the approving transaction. A comment
 * reported, held and approved again is not news to anyone, so the second approval announces nothing.
 */
export async function announceApproval(trx: Trx, hooks: CommentHooks, event: CommentApproved): Promise<void> {
  if (await markCommentAnnounced(trx, event.commentId, event.now.toISOString())) await hooks.approved.run(trx, event);
}
