import type { Generated, Selectable } from 'kysely';

/** What an import_refs row points at. */
export type ImportRefKind = 'post' | 'comment' | 'author' | 'term' | 'attachment' | 'thread';

/**
 * One thing of an export file and the row made from it. The unique (source, kind, external_id) is what
 * makes an import idempotent: every record is looked up here before anything is written.
 */
export interface ImportRefTable {
  id: Generated<number>;
  /** The export it came from: `wxr:<base site url>` or `disqus:<forum>`. */
  source: string;
  kind: ImportRefKind;
  /** Its id in the source (WordPress post/comment id, author login, `category:<slug>`, Disqus dsq:id …). */
  external_id: string;
  /** The local row (articles, comments, users, sections/tags, images); null when nothing was made (a remote attachment). */
  local_id: number | null;
  /** Its address in the source (post permalink, attachment URL), for matching Disqus threads and rewriting bodies. */
  url: string | null;
  /** JSON of what the last import saw (field hashes, vote counts), so a re-run applies only what changed at the source. */
  state: Generated<string>;
  created_at: string;
  updated_at: string;
}
export type ImportRefRow = Selectable<ImportRefTable>;

/**
 * An article whose discussion an import changed and that is not recounted yet: written in the batch's
 * transaction, deleted when recounted, so the end of any later run recounts what a killed run touched.
 */
export interface ImportRecountTable {
  article_id: number;
  created_at: string;
}

/** queued → running → done | failed. A running job whose heartbeat stops was interrupted. */
export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** An import started from the admin page and run in the background by the process that received the file. */
export interface ImportJobTable {
  id: Generated<number>;
  format: 'wxr' | 'disqus';
  /** The name of the uploaded file as the publisher chose it (shown, never used as a path). */
  file_name: string;
  /** JSON of the importer options (article map). */
  options: Generated<string>;
  status: Generated<ImportJobStatus>;
  /** JSON ImportProgress, rewritten every second or so while running. */
  progress: Generated<string>;
  /** What went wrong, safe to show to the publisher. */
  error: string | null;
  created_by: number | null;
  created_at: string;
  /** Last sign of life of a running job. */
  heartbeat_at: string | null;
  finished_at: string | null;
}
