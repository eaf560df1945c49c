import type { Generated, Selectable } from 'kysely';

/**
 * pending: waiting for a moderator, invisible to readers.
 * approved: shown and counted.
 * spam: junk, kept to train filters, never shown.
 * trash: removed by a moderator or its author, kept for the audit trail.
 */
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  /** Id of the top-level comment of the thread (its own id for a top-level comment). */
  thread_id: number | null;
  /** 0 for top-level comments; capped by the configured reply depth. */
  depth: Generated<number>;
  /** When a reply is attached above its real depth, the name of whom it answers. */
  reply_to_name: string | null;
  author_user_id: number | null;
  author_name: string;
  /** Private: never rendered, never in a public API. */
  author_email: string | null;
  /** HMAC of the client IP with SECRET_KEY; the IP itself is never stored. */
  ip_hash: string | null;
  /** Sanitized HTML: the only form of the text pages and APIs show. */
  body_html: string;
  /** What the author typed (Markdown with a few tags), to refill the edit form; null for imported comments. */
  body_source: string | null;
  status: Generated<CommentStatus>;
  /** upvotes - downvotes, maintained with the votes in one transaction. */
  score: Generated<number>;
  upvotes: Generated<number>;
  downvotes: Generated<number>;
  /** Part of upvotes/downvotes brought in by an import (wpDiscuz counts), with no rows in votes. */
  imported_upvotes: Generated<number>;
  imported_downvotes: Generated<number>;
  /** SHA-256 of the guest's edit token (kept in their cookie). */
  edit_token_hash: string | null;
  created_at: string;
  updated_at: string;
  edited_at: string | null;
  /** Why the moderation pipeline or the readers' reports held this comment; shown to moderators only. */
  moderation_reason: string | null;
  /** When "Notify of" subscribers were told of this comment; null until its first approval (migration comment-announced). */
  announced_at: Generated<string | null>;
  /** Inline feedback (src/features/inline): the passage selector as the reader made it; null when not anchored. */
  anchor_paragraph_id: Generated<string | null>;
  anchor_exact: Generated<string | null>;
  anchor_prefix: Generated<string | null>;
  anchor_suffix: Generated<string | null>;
  /** Latest resolution after the article's last save: exact | moved | approximate | orphaned. */
  anchor_status: Generated<'exact' | 'moved' | 'approximate' | 'orphaned' | null>;
  anchor_current_paragraph: Generated<string | null>;
  anchor_current_quote: Generated<string | null>;
}
export type CommentRow = Selectable<CommentTable>;

export interface VoteTable {
  comment_id: number;
  /** `u:<userId>` for accounts, `g:<hash>` for guests (cookie plus hashed IP). */
  voter_key: string;
  /** +1 or -1. */
  value: number;
  ip_hash: string | null;
  /** hashNetwork of a guest voter's address (IPv4 address or IPv6 /64): what the per-network share counts. */
  network_hash: Generated<string | null>;
  created_at: string;
}
