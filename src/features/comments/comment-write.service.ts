/**
 * Writing to a discussion: a reader posts, edits or deletes their comment. Each change runs in one
 * transaction that also bumps the article's discussion version (so every process drops its cached
 * fragments), and is announced on the live bus only after it commits.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import { LOCKS, lockKey, lockTransaction, type DialectName } from '../../db/dialect.js';
import { AppError } from '../../errors.js';
import { iso } from '../../lib/clock.js';
import { hmac } from '../../lib/crypto.js';
import { hasRole } from '../../platform/roles.js';
import { findUserById } from '../accounts/index.js';
import type { EventBus } from '../../platform/event-bus.js';
import { anchorFor } from './inline/inline.service.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { countCommentsSince, findDiscussionTarget, findStoredComment, hasApprovedReplies } from './comment.repo.js';
import type { CommentStatus } from './comment.table.js';
import type { CommentOwner, StoredComment } from './comment.types.js';
import { insertComment, setCommentStatus, touchDiscussion, updateCommentText } from './comment.write.repo.js';
import { commentText, formatComment, MAX_COMMENT_LENGTH, type FormattedComment } from './comment-format.js';
import { getDiscussionSettings, type DiscussionSettings } from './discussion-settings.js';
import { moderateComment, type ModerationInput, type Phase, type Verdict } from './moderation/pipeline.js';
import type { WordListCache } from './moderation/word-list.js';
import type { CommentHooks } from './comment.hooks.js';
import { announceApproval } from './comment-approval.js';
import type { SubscriptionKind } from '../subscriptions/index.js';

export interface WriteDeps {
  db: Kysely<Database>;
  /** Which database: posting takes a per-author lock on PostgreSQL. */
  dialect: DialectName;
  bus: EventBus;
  log: Logger;
  /** SECRET_KEY, for the keyed hashes of e-mails that bans compare. */
  secret: string;
  /** Reactions in the posting transaction (subscribers told, a "Notify of" request queued). */
  hooks: CommentHooks;
  /** The moderation policy every new or edited comment goes through (deps.phases). */
  phases: readonly Phase[];
  /** Compiled word lists the phases share (deps.caches.wordLists). */
  wordLists: WordListCache;
}

/** Who writes: a signed-in account, or a guest with the name and e-mail they typed. */
export type CommentAuthorInput =
  { kind: 'account'; userId: number } | { kind: 'guest'; name: string; email: string; editTokenHash: string };

/** The author as stored and as moderation sees them. */
type CommentAuthor =
  | { kind: 'account'; userId: number; name: string; email: string; isStaff: boolean }
  | { kind: 'guest'; name: string; email: string; editTokenHash: string };

export interface SubmitCommentInput {
  articleId: number;
  parentId: number | null;
  /** What the reader typed. */
  source: string;
  author: CommentAuthorInput;
  /** hmac(secret, client IP). */
  ipHash: string;
  /** hashNetwork(secret, client IP), for the "Notify of" mail allowance; the IP hash when not given. */
  networkHash?: string;
  /** "Notify of": e-mail the author about new comments or replies (double opt-in); null for nothing. */
  notify?: SubscriptionKind | null;
  /** The passage the comment is on (inline feedback); ignored on replies, which answer a comment, not a passage. */
  passage?: { paragraphId: string; exact: string } | null;
}

export interface SubmitCommentResult {
  id: number;
  threadId: number;
  status: CommentStatus;
}

const STATUS_BY_VERDICT: Record<Exclude<Verdict['action'], 'reject'>, CommentStatus> = {
  approve: 'approved',
  hold: 'pending',
  spam: 'spam',
};

/** Posts a comment or a reply; stores it approved, held or as spam as moderation decides, or refuses it. */
export async function submitComment(
  deps: WriteDeps,
  input: SubmitCommentInput,
  now: Date,
): Promise<SubmitCommentResult> {
  const { db } = deps;
  const settings = await getDiscussionSettings(db);
  const article = await findDiscussionTarget(db, { id: input.articleId });
  if (!article || !article.published) throw new AppError('ARTICLE_NOT_FOUND', 'We could not find that article.');
  if (!article.commentsOpen) throw new AppError('COMMENTS_CLOSED', 'Comments are closed on this article.');
  const formatted = checkedFormat(input.source);
  const a = await resolveAuthor(db, input.author);
  const anchor =
    input.passage && input.parentId === null
      ? await anchorFor(db, article.id, input.passage.paragraphId, input.passage.exact)
      : null;

  const result = await db.transaction().execute(async (trx) => {
    await checkPostingRate(trx, deps.dialect, a, input.ipHash, settings, now);
    const place = await replyPlacement(trx, input, settings);
    const outcome = await moderateComment(
      moderationInput(deps.secret, input, a, formatted),
      { db: trx, now, wordLists: deps.wordLists },
      deps.phases,
    );
    if (outcome.verdict.action === 'reject') throw refusal(outcome.verdict.message);
    const status = STATUS_BY_VERDICT[outcome.verdict.action];
    const id = await insertComment(trx, {
      articleId: article.id,
      parentId: place.parentId,
      threadId: place.threadId,
      depth: place.depth,
      replyToName: place.replyToName,
      authorUserId: a.kind === 'account' ? a.userId : null,
      authorName: a.name,
      authorEmail: a.kind === 'guest' ? a.email : null,
      ipHash: input.ipHash,
      bodyHtml: outcome.html,
      bodySource: input.source,
      status,
      editTokenHash: a.kind === 'guest' ? a.editTokenHash : null,
      createdAt: iso(now),
      anchor,
      // The queue tells moderators which rule held it.
      moderationReason: status === 'approved' ? null : outcome.verdict.reason,
    });
    if (status === 'approved') {
      await touchDiscussion(trx, article.id);
      // Subscribers hear of a comment once it is approved, here or later by a moderator.
      await announceApproval(trx, deps.hooks, {
        commentId: id,
        articleId: article.id,
        parentId: place.parentId,
        authorEmail: a.email,
        authorUserId: a.kind === 'account' ? a.userId : null,
        now,
      });
    }
    // The confirmation mail is queued with the comment: both happen, or neither.
    if (input.notify) {
      await deps.hooks.notifyRequested.run(trx, {
        articleId: article.id,
        email: a.kind === 'guest' ? a.email : '',
        kind: input.notify,
        userId: a.kind === 'account' ? a.userId : null,
        ipHash: input.ipHash,
        networkHash: input.networkHash ?? input.ipHash,
        now,
      });
    }
    return { id, threadId: place.threadId ?? id, status, parentId: place.parentId };
  });
  if (result.status === 'approved') {
    await announce(deps, article.id, 'comment.new', {
      id: result.id,
      parentId: result.parentId,
      threadId: result.threadId,
    });
  }
  return { id: result.id, threadId: result.threadId, status: result.status };
}

export interface EditCommentInput {
  commentId: number;
  source: string;
  owner: CommentOwner;
  ipHash: string;
}

/**
 * Replaces the text of the author's own comment within the edit window. The new text goes through
 * moderation again; an edit never improves a comment's standing (a held comment stays held, whatever
 * the new verdict), so a moderator's decision cannot be undone by editing.
 */
export async function editComment(
  deps: WriteDeps,
  input: EditCommentInput,
  now: Date,
): Promise<{ id: number; status: CommentStatus }> {
  const settings = await getDiscussionSettings(deps.db);
  const formatted = checkedFormat(input.source);
  const result = await deps.db.transaction().execute(async (trx) => {
    const c = await ownComment(trx, input.commentId, input.owner, settings, now);
    const a =
      c.authorUserId !== null
        ? await resolveAuthor(trx, { kind: 'account', userId: c.authorUserId })
        : {
            kind: 'guest' as const,
            name: c.authorName,
            email: c.authorEmail ?? '',
            editTokenHash: c.editTokenHash ?? '',
          };
    const outcome = await moderateComment(
      moderationInput(deps.secret, { articleId: c.articleId, ipHash: input.ipHash }, a, formatted),
      { db: trx, now, wordLists: deps.wordLists },
      deps.phases,
    );
    if (outcome.verdict.action === 'reject') throw refusal(outcome.verdict.message);
    const status = worse(c.status, STATUS_BY_VERDICT[outcome.verdict.action]);
    const reason =
      status === 'approved' ? null : outcome.verdict.action === 'approve' ? undefined : outcome.verdict.reason;
    await updateCommentText(trx, c.id, {
      bodyHtml: outcome.html,
      bodySource: input.source,
      status,
      editedAt: iso(now),
      moderationReason: reason,
    });
    if (c.status === 'approved' || status === 'approved') await touchDiscussion(trx, c.articleId);
    return { c, status };
  });
  if (result.c.status === 'approved' || result.status === 'approved') {
    await announce(deps, result.c.articleId, 'comment.update', {
      id: result.c.id,
      removed: result.status !== 'approved',
    });
  }
  return { id: result.c.id, status: result.status };
}

/**
 * The author takes their comment down within the edit window. It moves to trash (kept for the audit
 * trail, never shown). A comment others have answered stays, so their replies keep their context.
 */
export async function deleteOwnComment(
  deps: WriteDeps,
  input: { commentId: number; owner: CommentOwner },
  now: Date,
): Promise<{ articleId: number }> {
  const settings = await getDiscussionSettings(deps.db);
  const c = await deps.db.transaction().execute(async (trx) => {
    const c = await ownComment(trx, input.commentId, input.owner, settings, now);
    if (await hasApprovedReplies(trx, c.id)) {
      throw new AppError(
        'COMMENT_HAS_REPLIES',
        'Others have replied to this comment, so it stays up. You can still edit it.',
      );
    }
    await setCommentStatus(trx, c.id, 'trash', iso(now));
    await recordAudit(
      trx,
      {
        actorUserId: 'userId' in input.owner ? input.owner.userId : null,
        action: 'comment.delete_own',
        subjectType: 'comment',
        subjectId: c.id,
        before: { status: c.status },
        after: { status: 'trash' },
      },
      now,
    );
    if (c.status === 'approved') await touchDiscussion(trx, c.articleId);
    return c;
  });
  if (c.status === 'approved') await announce(deps, c.articleId, 'comment.update', { id: c.id, removed: true });
  return { articleId: c.articleId };
}

/** The author's own comment as the edit form shows it, while the edit window is open. */
export async function commentForEditing(
  deps: Pick<WriteDeps, 'db'>,
  input: { commentId: number; owner: CommentOwner },
  now: Date,
): Promise<{ id: number; articleId: number; source: string; editableUntil: Date }> {
  const settings = await getDiscussionSettings(deps.db);
  const c = await ownComment(deps.db, input.commentId, input.owner, settings, now);
  return {
    id: c.id,
    articleId: c.articleId,
    source: c.bodySource ?? commentText(c.bodyHtml),
    editableUntil: new Date(new Date(c.createdAt).getTime() + settings.editWindowMinutes * 60_000),
  };
}

/** The comment, if `owner` wrote it and may still change it; otherwise a clear refusal. */
async function ownComment(
  db: Kysely<Database>,
  id: number,
  owner: CommentOwner,
  settings: DiscussionSettings,
  now: Date,
): Promise<StoredComment> {
  const c = await findStoredComment(db, id);
  if (!c || c.status === 'trash') throw new AppError('COMMENT_NOT_FOUND', 'We could not find that comment.');
  if (!isOwner(c, owner)) throw new AppError('COMMENT_NOT_OWNER', 'You can only change your own comments.');
  if (c.status === 'spam')
    throw new AppError('COMMENT_AWAITING_REVIEW', 'This comment is awaiting review and can no longer be changed.');
  if (!withinEditWindow(c.createdAt, settings, now)) {
    throw new AppError(
      'COMMENT_EDIT_CLOSED',
      `Comments can be changed for ${settings.editWindowMinutes} minutes after posting; that time has passed.`,
    );
  }
  return c;
}

export function isOwner(
  c: { authorUserId: number | null; editTokenHash: string | null },
  owner: CommentOwner,
): boolean {
  return 'userId' in owner
    ? c.authorUserId !== null && c.authorUserId === owner.userId
    : c.editTokenHash !== null && c.editTokenHash === owner.editTokenHash;
}

export function withinEditWindow(
  createdAt: string,
  settings: Pick<DiscussionSettings, 'editWindowMinutes'>,
  now: Date,
): boolean {
  return now.getTime() < new Date(createdAt).getTime() + settings.editWindowMinutes * 60_000;
}

const STANDING: Record<CommentStatus, number> = { approved: 0, pending: 1, spam: 2, trash: 3 };
const worse = (a: CommentStatus, b: CommentStatus): CommentStatus => (STANDING[a] >= STANDING[b] ? a : b);

function checkedFormat(source: string): FormattedComment {
  if (source.length > MAX_COMMENT_LENGTH) {
    throw new AppError(
      'COMMENT_TOO_LONG',
      `Your comment is too long: at most ${MAX_COMMENT_LENGTH} characters, please.`,
      {
        fields: { body: `At most ${MAX_COMMENT_LENGTH} characters.` },
      },
    );
  }
  const formatted = formatComment(source);
  if (formatted.text === '')
    throw new AppError('COMMENT_EMPTY', 'Please write something before posting.', {
      fields: { body: 'Your comment is empty.' },
    });
  return formatted;
}

/** Staff post freely; everyone else gets `postLimit` comments per window, counted across processes in the database. */
async function checkPostingRate(
  db: Kysely<Database>,
  dialect: DialectName,
  a: CommentAuthor,
  ipHash: string,
  s: DiscussionSettings,
  now: Date,
): Promise<void> {
  if (a.kind === 'account' && a.isStaff) return;
  const since = iso(new Date(now.getTime() - s.postWindowSeconds * 1000));
  const by = a.kind === 'account' ? { userId: a.userId } : { ipHash };
  // Concurrent posts by one author would each count the others' uncommitted rows as absent (READ
  // COMMITTED) and all pass: the lock makes them count one after another, until each commits.
  await lockTransaction(
    db,
    dialect,
    lockKey(LOCKS.commentPosting, a.kind === 'account' ? `u:${a.userId}` : `ip:${ipHash}`),
  );
  if ((await countCommentsSince(db, by, since)) >= s.postLimit) {
    // The window is the longest the reader may have to wait (`Retry-After`, set by the routes).
    throw new AppError(
      'COMMENT_RATE_LIMITED',
      `You are posting too quickly: at most ${s.postLimit} comments every ${describeSeconds(s.postWindowSeconds)}. Please wait a little and try again.`,
      {
        internal: { retryAfterSeconds: s.postWindowSeconds },
      },
    );
  }
}

const describeSeconds = (s: number): string =>
  s % 60 === 0 ? (s === 60 ? 'minute' : `${s / 60} minutes`) : `${s} seconds`;

/** Where a reply goes: under its parent, or, past the depth limit, beside it naming whom it answers. */
async function replyPlacement(db: Kysely<Database>, input: SubmitCommentInput, s: DiscussionSettings) {
  if (input.parentId === null) return { parentId: null, threadId: null, depth: 0, replyToName: null };
  const parent = await findStoredComment(db, input.parentId);
  if (!parent || parent.articleId !== input.articleId || parent.status !== 'approved') {
    throw new AppError('COMMENT_PARENT_GONE', 'The comment you are replying to is no longer available.', {
      fields: { parentId: 'Not available.' },
    });
  }
  const capped = parent.depth + 1 > s.maxDepth;
  return {
    parentId: parent.id,
    threadId: parent.threadId,
    depth: Math.min(parent.depth + 1, s.maxDepth),
    replyToName: capped ? parent.authorName : null,
  };
}

/** An account's name, e-mail and standing come from the account, never from the form. */
async function resolveAuthor(db: Kysely<Database>, a: CommentAuthorInput): Promise<CommentAuthor> {
  if (a.kind === 'guest') return { ...a, email: normalizeEmail(a.email) };
  const user = await findUserById(db, a.userId);
  if (!user || user.disabled) throw new AppError('COMMENT_SESSION_EXPIRED', 'Please sign in again.');
  return {
    kind: 'account',
    userId: user.id,
    name: user.displayName,
    email: user.email,
    isStaff: hasRole(user.role, 'editor', 'moderator'),
  };
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

function moderationInput(
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
const refusal = (message: string): AppError => new AppError('COMMENT_REJECTED', message);

/** Publishes a live event; a failure is logged and never undoes the committed change. */
export async function announce(
  deps: Pick<WriteDeps, 'bus' | 'log'>,
  articleId: number,
  type: string,
  data: Record<string, unknown>,
): Promise<void> {
  try {
    await deps.bus.publish({ topic: `article:${articleId}`, type, data });
  } catch (err) {
    deps.log.warn({ err, type }, 'could not publish a live event');
  }
}
