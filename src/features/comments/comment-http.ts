/** HTTP glue shared by the discussion's page routes and its JSON API. */
import { msg, type Message } from '../../lib/message.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../../web/app-instance.js';
import { AppError } from '../../errors.js';
import type { CommentAuthorInput } from './comment-write-rules.js';
import { editTokenHash, ensureGuest, readReader, voterKey, commentOwner, type Reader } from './reader-identity.js';
import type { CommentOwner } from './comment.types.js';
import { getDiscussionSettings } from './discussion-settings.js';
import { isRowId } from '../../lib/ids.js';
import { notFound } from '../../errors.js';
import { castVote } from './vote.service.js';

/** Only same-site page paths are followed after a form (no open redirect). */
export function safeBack(back: string | undefined, fallback: string): string {
  return back && /^\/(?!\/)[^\s\\#]*$/.test(back) && back.length <= 2000 ? back : fallback;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AuthorFields {
  name?: string;
  email?: string;
  website?: string;
}

/**
 * The author of a new comment: the signed-in account, or a guest with a name and an e-mail (their
 * guest cookie is set now if they have none, so they can edit what they post). The honeypot field
 * must be empty.
 */
export function authorFrom(
  request: FastifyRequest,
  reply: FastifyReply,
  app: AppInstance,
  f: AuthorFields,
  /** In the embedded discussion: the frame's guest (frame-token.ts), issued by the caller if it had none. */
  frameGuest?: { guestId: string },
): { author: CommentAuthorInput; reader: Reader } {
  if (f.website) throw new AppError('COMMENT_HONEYPOT', msg('discussion.error_honeypot'));
  let reader = readReader(request, app.deps.config, frameGuest);
  if (reader.userId !== null) return { author: { kind: 'account', userId: reader.userId }, reader };
  const name = (f.name ?? '').trim();
  const email = (f.email ?? '').trim();
  const fields: Record<string, Message> = {};
  if (name === '') fields.name = msg('discussion.error_name_missing');
  else if (name.length > 80) fields.name = msg('discussion.error_name_long');
  if (!EMAIL.test(email) || email.length > 254) fields.email = msg('discussion.error_email_invalid');
  if (Object.keys(fields).length > 0)
    throw new AppError('COMMENT_INVALID', msg('discussion.error_check_fields'), { fields });
  if (!frameGuest) reader = ensureGuest(reader, reply, app.deps.config);
  return { author: { kind: 'guest', name, email, editTokenHash: editTokenHash(reader.guestId!) }, reader };
}

/** A posting-limit refusal says when to try again, on the form page as in the API (`Retry-After`, seconds). */
export function setRetryAfter(reply: FastifyReply, err: unknown): void {
  if (!(err instanceof AppError) || err.status !== 429) return;
  const seconds = err.options.internal?.retryAfterSeconds;
  reply.header('retry-after', String(typeof seconds === 'number' ? seconds : 60));
}

/** The voter's key and owner identity, setting a guest cookie on a first vote. */
export function voterFrom(
  request: FastifyRequest,
  reply: FastifyReply,
  app: AppInstance,
  /** In the embedded discussion: the frame's guest, as for authorFrom. */
  frameGuest?: { guestId: string },
): { key: string; owner: CommentOwner; ipHash: string; networkHash: string } {
  const reader = frameGuest
    ? readReader(request, app.deps.config, frameGuest)
    : ensureGuest(readReader(request, app.deps.config), reply, app.deps.config);
  return {
    key: voterKey(reader, app.deps.config.secretKey)!,
    owner: commentOwner(reader)!,
    ipHash: reader.ipHash,
    networkHash: reader.networkHash,
  };
}

/**
 * A vote sent by a page's form (`<id>:up`, `<id>:down`; the same again takes it back), for the page's reader or,
 * in the embed, the frame's guest. Returns the comment's id.
 */
export async function castFormVote(
  request: FastifyRequest,
  reply: FastifyReply,
  app: AppInstance,
  vote: string,
  frameGuest?: { guestId: string },
): Promise<number> {
  const [id, dir] = vote.split(':') as [string, 'up' | 'down'];
  if (!isRowId(Number(id))) throw notFound('COMMENT_NOT_FOUND', 'comment');
  const voter = voterFrom(request, reply, app, frameGuest);
  await castVote(
    app.deps,
    {
      commentId: Number(id),
      voterKey: voter.key,
      owner: voter.owner,
      ipHash: voter.ipHash,
      networkHash: voter.networkHash,
      value: dir === 'up' ? 1 : -1,
      toggle: true,
    },
    app.deps.clock.now(),
  );
  return Number(id);
}

/** The viewer as the author of existing comments, or a refusal when they have no identity at all. */
export function ownerFrom(request: FastifyRequest, app: AppInstance): { owner: CommentOwner; ipHash: string } {
  const reader = readReader(request, app.deps.config);
  const owner = commentOwner(reader);
  if (!owner) throw new AppError('COMMENT_NOT_OWNER', msg('discussion.error_not_owner_browser'));
  return { owner, ipHash: reader.ipHash };
}

/**
 * One limiter for votes from pages and from the API (one bucket per address, in this process): voting
 * is cheap to automate, so it gets a tighter limit than the site's default for writes.
 */
export function makeVoteLimiter(app: AppInstance) {
  return app.rateLimit({
    max: async () => (await getDiscussionSettings(app.deps.db.kysely)).voteLimit,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        'VOTE_RATE_LIMITED',
        msg('discussion.error_voting_too_fast', { seconds: Math.ceil(ctx.ttl / 1000) }),
      ),
  });
}
