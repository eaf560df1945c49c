/**
 * Moderation as data: an ordered list of small phases. Each phase looks at a new comment and either
 * decides (approve / hold / spam / reject) or passes (returns null). The first decision wins; if every
 * phase passes, the comment is approved. The service persists the outcome; phases never write.
 *
 * Contract between the discussion (which calls `moderateComment` when a comment is submitted or edited)
 * and moderation (which owns the phases and their settings).
 */
import { msg, type Text } from '../../../lib/message.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import { banPhase } from './phases/ban.phase.js';
import { bannedWordsPhase } from './phases/banned-words.phase.js';
import { linksPhase } from './phases/links.phase.js';
import { newCommenterPhase } from './phases/new-commenter.phase.js';
import { premoderatePhase } from './phases/premoderate.phase.js';
import { profanityPhase } from './phases/profanity.phase.js';
import { staffPhase } from './phases/staff.phase.js';
import { suspectWordsPhase } from './phases/suspect-words.phase.js';
import type { WordListCache } from './word-list.js';

/** What the phases see of a comment being submitted. */
export interface ModerationInput {
  articleId: number;
  /** Signed-in author, or null for a guest. */
  authorUserId: number | null;
  authorName: string;
  /** Normalized (trimmed, lower-case) e-mail; private. */
  authorEmail: string | null;
  /** hmac(secret, e-mail) for bans. */
  emailHash: string | null;
  /** hmac(secret, client IP) for bans and limits. */
  ipHash: string | null;
  /** Plain text of the comment (what word lists match against). */
  text: string;
  /** Sanitized HTML of the comment. */
  html: string;
  /** Number of links in the comment. */
  linkCount: number;
  /** True when the author is staff (editor, moderator, publisher): phases may wave them through. */
  isStaff: boolean;
}

export type Verdict =
  | { action: 'approve'; reason: Text }
  /** Held for a moderator (status pending); the reason is shown in the queue, in the site's language. */
  | { action: 'hold'; reason: Text }
  | { action: 'spam'; reason: Text }
  /** Refused outright; `message` (a catalogue message, or a text a custom phase wrote out) is shown to the commenter and nothing is stored. */
  | { action: 'reject'; reason: Text; message: Text };

export interface PhaseContext {
  db: Kysely<Database>;
  now: Date;
  /** The context's compiled word lists (deps.caches.wordLists), so a submission does not recompile them. */
  wordLists: WordListCache;
  /** The site's time zone, for times a refusal names (a ban's end); UTC when absent. */
  timeZone?: string;
}

/** A phase decides, or returns null to pass. It may also rewrite the HTML (e.g. mask profanity). */
export type Phase = (input: ModerationInput, ctx: PhaseContext) => Promise<PhaseResult> | PhaseResult;
export type PhaseResult = Verdict | null | { rewrite: { html: string; text: string } };

/**
 * The policy, in order; the context (deps.phases) holds the list a running app uses, so a test builds its
 * own context with other phases instead of patching this one. Refusals come first (nobody, staff included, posts while banned or with a banned
 * word); masking comes before the staff pass so staff text is masked too; then staff are waved through;
 * then the rules that hold a comment for a moderator. The settings behind them: moderation.settings.ts.
 */
export function defaultPhases(): Phase[] {
  return [
    banPhase, // reject: account, e-mail or IP banned
    bannedWordsPhase, // reject: a word on the "banned" list, with a message saying which
    profanityPhase, // mask (rewrite) or hold, per setting
    staffPhase, // approve: editors, moderators, the publisher
    premoderatePhase, // hold: "pre-moderate everything"
    suspectWordsPhase, // hold: a word on the "suspect" list
    linksPhase, // hold: more links than allowed
    newCommenterPhase, // hold: fewer than N approved comments so far
  ];
}

export interface ModerationOutcome {
  verdict: Verdict;
  /** HTML to store (phases may have masked words). */
  html: string;
}

export async function moderateComment(
  input: ModerationInput,
  ctx: PhaseContext,
  phases: readonly Phase[],
): Promise<ModerationOutcome> {
  let current = input;
  for (const phase of phases) {
    const result = await phase(current, ctx);
    if (result === null) continue;
    if ('rewrite' in result) {
      current = { ...current, html: result.rewrite.html, text: result.rewrite.text };
      continue;
    }
    return { verdict: result, html: current.html };
  }
  return { verdict: { action: 'approve', reason: msg('moderation.reason_none') }, html: current.html };
}
