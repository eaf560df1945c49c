import type { Generated, Selectable } from 'kysely';

/** What a ban matches: an account, an e-mail address or a client IP (the last two as HMACs). */
export type BanKind = 'user' | 'email' | 'ip';

export interface BanTable {
  id: Generated<number>;
  kind: BanKind;
  /** The account id (as text) for `user`; hmac(SECRET_KEY, normalized e-mail or IP) otherwise. Never the raw value. */
  value: string;
  /** Why, written by the moderator; shown to staff only. */
  reason: string;
  /** The ban stops counting at this instant; null for a permanent ban. */
  expires_at: string | null;
  /** Set when a moderator lifted the ban before it expired. */
  lifted_at: string | null;
  created_by: number | null;
  created_at: string;
}
export type BanRow = Selectable<BanTable>;

export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'misinformation', 'other'] as const;
/** Why a reader flagged a comment. */
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface ReportTable {
  id: Generated<number>;
  comment_id: number;
  /** `u:<userId>` for accounts, `g:<hmac of IP>` for guests: one report per reader per comment. */
  reporter_key: string;
  reason: ReportReason;
  /** Optional words from the reader; shown to moderators, escaped. */
  note: string | null;
  created_at: string;
  /** When a moderator last decided on the comment after this report; null while it awaits a decision (counts toward the threshold). */
  reviewed_at: string | null;
}
