import type { Generated } from 'kysely';
import type { AnchorStatus } from './anchor.js';

/**
 * An editor's question on a passage. The anchor_* columns are the stored selector (as posed) and its
 * latest resolution (updated on every save of the article), exactly as on anchored comments.
 */
export interface InlineQuestionTable {
  id: Generated<number>;
  article_id: number;
  anchor_paragraph_id: string;
  anchor_exact: string;
  anchor_prefix: string;
  anchor_suffix: string;
  anchor_status: AnchorStatus;
  /** Null when orphaned. */
  anchor_current_paragraph: string | null;
  anchor_current_quote: string;
  question: string;
  created_by: number | null;
  created_at: string;
}
