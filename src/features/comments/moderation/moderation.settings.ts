/**
 * The publisher's moderation rules, stored as one JSON setting (key `moderation`). The phases read them
 * once per submission: `settingsFor(ctx)` memoizes the read on the pipeline's context object, so eight
 * phases cost one query, and a change applies to the very next comment in every process.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import { getSetting } from '../../../platform/settings.repo.js';
import type { PhaseContext } from './pipeline.js';

export const SETTINGS_KEY = 'moderation';

export const PROFANITY_MODES = ['off', 'hold', 'mask'] as const;
/** off: ignore; hold: send to the queue; mask: publish with the words starred out (f***). */
export type ProfanityMode = (typeof PROFANITY_MODES)[number];

export interface ModerationSettings {
  /** Hold every comment (except staff) for a moderator. */
  premoderateAll: boolean;
  /** Hold a commenter's comments until this many of theirs were approved; 0 turns the rule off. */
  newCommenterApprovals: number;
  /** Hold a comment with more links than this. */
  maxLinks: number;
  /** Words and phrases that send a comment to the queue. */
  suspectWords: string[];
  /** Words and phrases that refuse a comment outright, with a message. */
  bannedWords: string[];
  profanity: ProfanityMode;
  /** Distinct readers' reports that take an approved comment back to the queue. */
  reportThreshold: number;
}

/** Out of the box: what most newsrooms start with (and what WordPress ships): a first comment waits for review. */
export const DEFAULT_SETTINGS: ModerationSettings = {
  premoderateAll: false,
  newCommenterApprovals: 1,
  maxLinks: 2,
  suspectWords: [],
  bannedWords: [],
  profanity: 'hold',
  reportThreshold: 3,
};

/** Bounds the settings form enforces; stored values are clamped to them on read too. */
export const LIMITS = { approvals: 20, links: 50, threshold: 100, words: 500, wordLength: 100 } as const;

const clampInt = (v: unknown, min: number, max: number, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) ? Math.min(max, Math.max(min, v)) : fallback;

const wordList = (v: unknown): string[] =>
  Array.isArray(v)
    ? v
        .filter((w): w is string => typeof w === 'string' && w.trim() !== '')
        .map((w) => w.trim())
        .slice(0, LIMITS.words)
    : [];

/** Whatever is stored (an older shape, a hand edit) becomes a valid settings object. */
export function normalizeSettings(raw: Partial<Record<keyof ModerationSettings, unknown>>): ModerationSettings {
  const d = DEFAULT_SETTINGS;
  return {
    premoderateAll: typeof raw.premoderateAll === 'boolean' ? raw.premoderateAll : d.premoderateAll,
    newCommenterApprovals: clampInt(raw.newCommenterApprovals, 0, LIMITS.approvals, d.newCommenterApprovals),
    maxLinks: clampInt(raw.maxLinks, 0, LIMITS.links, d.maxLinks),
    suspectWords: raw.suspectWords === undefined ? d.suspectWords : wordList(raw.suspectWords),
    bannedWords: raw.bannedWords === undefined ? d.bannedWords : wordList(raw.bannedWords),
    profanity: PROFANITY_MODES.includes(raw.profanity as ProfanityMode)
      ? (raw.profanity as ProfanityMode)
      : d.profanity,
    reportThreshold: clampInt(raw.reportThreshold, 1, LIMITS.threshold, d.reportThreshold),
  };
}

export async function getModerationSettings(db: Kysely<Database>): Promise<ModerationSettings> {
  return normalizeSettings(await getSetting<Record<string, unknown>>(db, SETTINGS_KEY, {}));
}

const perSubmission = new WeakMap<PhaseContext, Promise<ModerationSettings>>();

/** The settings for the submission this context belongs to, read at most once. */
export function settingsFor(ctx: PhaseContext): Promise<ModerationSettings> {
  let p = perSubmission.get(ctx);
  if (!p) {
    p = getModerationSettings(ctx.db);
    perSubmission.set(ctx, p);
  }
  return p;
}
