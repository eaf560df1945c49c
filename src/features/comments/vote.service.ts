/**
 * Votes on comments: one per reader (an account, or a guest's cookie together with their hashed
 * address), changeable and retractable. Guests share a bounded number of votes per comment per network
 * (`guestVotesPerNetwork`): several readers behind one address can vote, a cookie-dropper gets no more. The vote row and the comment's counters change in one
 * transaction that holds the comment's row lock, so the score stays exact under concurrent votes.
 */
import { msg } from '../../lib/message.js';
import { AppError } from '../../errors.js';
import { iso } from '../../platform/clock.js';
import { hmac } from '../../lib/crypto.js';
import { findUserById } from '../accounts/index.js';
import type { CommentOwner } from './comment.types.js';
import { bumpDiscussionVersion } from './comment.write.repo.js';
import { isOwner } from './comment-edit.service.js';
import type { Deps } from '../../deps.js';
import { announce, normalizeEmail } from './comment-write-rules.js';
import { getDiscussionSettings } from './discussion-settings.js';
import { findActiveBan } from './moderation/ban.repo.js';
import {
  applyVoteDelta,
  findVoteValue,
  countGuestVotesFromNetwork,
  lockVoteTarget,
  putVote,
  readVoteCounts,
  type VoteCounts,
} from './vote.repo.js';

export type VoteValue = -1 | 0 | 1;

export interface CastVoteInput {
  commentId: number;
  /** `u:<userId>` or `g:<hmac(secret, guest cookie + ip hash)>`. */
  voterKey: string;
  /** The voter as an author, so nobody votes on their own comment. */
  owner: CommentOwner;
  /** 1 up, -1 down, 0 to take a vote back. */
  value: VoteValue;
  /** When true, repeating one's current vote takes it back (the buttons of the page work this way). */
  toggle?: boolean;
  ipHash: string;
  /** hashNetwork of the voter's address (IPv4 address or IPv6 /64). */
  networkHash: string;
}

export interface VoteResult extends VoteCounts {
  id: number;
  /** The voter's vote after this call. */
  myVote: VoteValue;
}

/** What voting reads of the context: the database, SECRET_KEY (ban keys of e-mails), the bus and the log. */
export type VoteCtx = Pick<Deps, 'db' | 'config' | 'bus' | 'log'>;
/** A ban blocks voting as it blocks commenting: by account or its e-mail address, and by address for guests and accounts alike. */
async function isBannedVoter(ctx: VoteCtx, input: CastVoteInput, now: Date): Promise<boolean> {
  const userId = 'userId' in input.owner ? input.owner.userId : null;
  const email = userId !== null ? (await findUserById(ctx.db.kysely, userId))?.email : undefined;
  const emailHash = email ? hmac(ctx.config.secretKey, normalizeEmail(email)) : null;
  return (
    (await findActiveBan(ctx.db.kysely, { userId, emailHash, ipHash: input.ipHash || null }, iso(now))) !== undefined
  );
}

export async function castVote(ctx: VoteCtx, input: CastVoteInput, now: Date): Promise<VoteResult> {
  const settings = await getDiscussionSettings(ctx.db.kysely);
  if (input.value === -1 && !settings.downvotes)
    throw new AppError('VOTE_DOWN_DISABLED', msg('discussion.error_downvotes_off'));
  if (await isBannedVoter(ctx, input, now)) throw new AppError('VOTE_BANNED', msg('discussion.error_voting_banned'));
  const out = await ctx.db.kysely.transaction().execute(async (trx) => {
    const target = await lockVoteTarget(trx, input.commentId);
    if (!target || target.status !== 'approved')
      throw new AppError('VOTE_COMMENT_UNAVAILABLE', msg('discussion.error_vote_unavailable'));
    if (isOwner(target, input.owner)) throw new AppError('VOTE_OWN_COMMENT', msg('discussion.error_own_vote'));
    const previous = await findVoteValue(trx, target.id, input.voterKey);
    const value: VoteValue = input.toggle && previous === input.value ? 0 : input.value;
    if (value === previous)
      return { counts: await readVoteCounts(trx, target.id), value, articleId: target.articleId, changed: false };
    // A bounded share of guest votes per network per comment. The comment's row lock (above) makes this
    // count and the insert below one step, so cookie-less browsers racing on one network cannot exceed it.
    const guest = input.voterKey.startsWith('g:');
    if (
      previous === 0 &&
      guest &&
      (await countGuestVotesFromNetwork(trx, target.id, input.networkHash, settings.guestVotesPerNetwork)) >=
        settings.guestVotesPerNetwork
    ) {
      throw new AppError('VOTE_GUEST_ALREADY', msg('discussion.error_guest_votes_spent'));
    }
    await putVote(trx, {
      commentId: target.id,
      voterKey: input.voterKey,
      value,
      previous,
      ipHash: input.ipHash,
      networkHash: guest ? input.networkHash : null,
      now: iso(now),
    });
    const up = Number(value === 1) - Number(previous === 1);
    const down = Number(value === -1) - Number(previous === -1);
    const counts = await applyVoteDelta(trx, target.id, up, down);
    // Scores are part of the cached fragment: the new version makes every process render it afresh.
    await bumpDiscussionVersion(trx, target.articleId);
    return { counts, value, articleId: target.articleId, changed: true };
  });
  if (out.changed) await announce(ctx, out.articleId, 'comment.vote', { id: input.commentId, ...out.counts });
  return { id: input.commentId, ...out.counts, myVote: out.value };
}
