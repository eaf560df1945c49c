/**
 * What posting and editing a comment share: the author as moderation sees them, the text's limits, the
 * status a verdict gives, and announcing a change on the live bus after it commits.
 */
import { msg, type Text } from '../../lib/message.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { hmac } from '../../lib/crypto.js';
import { hasRole } from '../../platform/roles.js';
import { findUserById } from '../accounts/index.js';
import type { CommentStatus } from './comment.table.js';
import { formatComment, MAX_COMMENT_LENGTH, type FormattedComment } from './comment-format.js';
import type { ModerationInput, Verdict } from './moderation/pipeline.js';

/**
 * What posting, editing and voting read of the context: the database and its dialect (posting takes a
 * per-author lock on PostgreSQL), SECRET_KEY (the keyed hashes of e-mails that bans compare), the bus and
 * the log, the comment hooks (subscribers told, a "Notify of" request queued), the moderation policy
 * (phases) and the compiled word lists (caches.wordLists).
 */
export type WriteCtx = Pick<Deps, 'db' | 'config' | 'bus' | 'log' | 'hooks' | 'phases' | 'caches'>;

/** Who writes: a signed-in account, or a guest with the name and e-mail they typed. */
export type CommentAuthorInput =
  { kind: 'account'; userId: number } | { kind: 'guest'; name: string; email: string; editTokenHash: string };

/** The author as stored and as moderation sees them. */
export type CommentAuthor =
  | { kind: 'account'; userId: number; name: string; email: string; isStaff: boolean }
  | { kind: 'guest'; name: string; email: string; editTokenHash: string };

export const STATUS_BY_VERDICT: Record<Exclude<Verdict['action'], 'reject'>, CommentStatus> = {
  approve: 'approved',
  hold: 'pending',
  spam: 'spam',
};

/** The worse of two standings: an edit never improves a comment's standing. */
const STANDING: Record<CommentStatus, number> = { approved: 0, pending: 1, spam: 2, trash: 3 };
export const worse = (a: CommentStatus, b: CommentStatus): CommentStatus => (STANDING[a] >= STANDING[b] ? a : b);

/** The comment's text formatted, or a refusal when it is empty or too long. */
export function checkedFormat(source: string): FormattedComment {
  if (source.length > MAX_COMMENT_LENGTH) {
    throw new AppError('COMMENT_TOO_LONG', msg('discussion.error_too_long', { max: MAX_COMMENT_LENGTH }), {
      fields: { body: msg('discussion.error_too_long_field', { max: MAX_COMMENT_LENGTH }) },
    });
  }
  const formatted = formatComment(source);
  if (formatted.text === '')
    throw new AppError('COMMENT_EMPTY', msg('discussion.error_empty'), {
      fields: { body: msg('discussion.error_empty_field') },
    });
  return formatted;
}

/** An account's name, e-mail and standing come from the account, never from the form. */
export async function resolveAuthor(db: Kysely<Database>, a: CommentAuthorInput): Promise<CommentAuthor> {
  if (a.kind === 'guest') return { ...a, email: normalizeEmail(a.email) };
  const user = await findUserById(db, a.userId);
  if (!user || user.disabled) throw new AppError('COMMENT_SESSION_EXPIRED', msg('discussion.error_sign_in_again'));
  return {
    kind: 'account',
    userId: user.id,
    name: user.displayName,
    email: user.email,
    isStaff: hasRole(user.role, 'editor', 'moderator'),
  };
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** What the moderation pipeline sees of a comment and its author. */
export function moderationInput(
  secret: string,
  at: { articleId: number; ipHash: string },
  a: CommentAuthor,
  f: FormattedComment,
): ModerationInput {
  const email = a.email === '' ? null : a.email;
  return {
    articleId: at.articleId,
    authorUserId: a.kind === 'account' ? a.userId : null,
    authorName: a.name,
    authorEmail: email,
    emailHash: email ? hmac(secret, email) : null,
    ipHash: at.ipHash,
    text: f.text,
    html: f.html,
    linkCount: f.linkCount,
    isStaff: a.kind === 'account' && a.isStaff,
  };
}

/** A refusal by moderation: the phase's message is shown, nothing is stored. */
export const refusal = (message: Text): AppError => new AppError('COMMENT_REJECTED', message);

/** Publishes a live event; a failure is logged and never undoes the committed change. */
export async function announce(
  ctx: Pick<Deps, 'bus' | 'log'>,
  articleId: number,
  type: string,
  data: Record<string, unknown>,
): Promise<void> {
  try {
    await ctx.bus.publish({ topic: `article:${articleId}`, type, data });
  } catch (err) {
    ctx.log.warn({ err, type }, 'could not publish a live event');
  }
}
