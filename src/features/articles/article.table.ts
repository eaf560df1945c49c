import type { Generated, Selectable } from 'kysely';

export type ArticleStatus = 'draft' | 'scheduled' | 'published';

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** Order in the navigation. */
  position: Generated<number>;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  headline: string;
  excerpt: Generated<string>;
  /** Source Markdown as the editor wrote it. */
  body_md: Generated<string>;
  /** Rendered and sanitized HTML, with stable paragraph ids; what pages show. */
  body_html: Generated<string>;
  /** Place line, e.g. "LISBON". */
  dateline: string | null;
  section_id: number | null;
  lead_image_id: number | null;
  /**
   * The picture of the article's card: lead_image_id, else the first library image placed in the body.
   * Derived, written with every body or lead image (article.card-image.repo.ts); listings read only this.
   */
  card_image_id: Generated<number | null>;
  status: ArticleStatus;
  /** When a scheduled article goes live. */
  publish_at: string | null;
  /** First publication; null until published. */
  published_at: string | null;
  created_at: string;
  updated_at: string;
  comments_open: Generated<number>;
  /** Approved comments; maintained by the discussion service. */
  comment_count: Generated<number>;
  /** Bumped on every change to the discussion; keys the rendered-fragment cache. */
  comments_version: Generated<number>;
  /** 'article' shows in listings and feeds; 'page' (e.g. an imported "About us") only at its own URL. */
  kind: Generated<'article' | 'page'>;
  /** Bumped on every editorial save; the edit form sends it back to detect a concurrent edit. */
  revision: Generated<number>;
}
export type ArticleRow = Selectable<ArticleTable>;

export interface ArticleSlugTable {
  /** A former slug that redirects (301) to the article. */
  slug: string;
  article_id: number;
}

export interface ArticleAuthorTable {
  article_id: number;
  user_id: number;
  /** Order in the byline. */
  position: number;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
}

export interface ArticleImageTable {
  article_id: number;
  image_id: number;
}

export interface CorrectionTable {
  id: Generated<number>;
  article_id: number;
  /** Plain text of the note, shown dated under the article. */
  body: string;
  created_by: number | null;
  created_at: string;
}

export type RevisionKind = 'save' | 'restore' | 'autosave';

/** A copy of an article's text at an editorial save, or the one pending autosave (see the migration). */
export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  kind: RevisionKind;
  /** The article's revision number this text was saved as; for an autosave, the revision it was typed on. */
  article_revision: number;
  /** An autosave's counter: a tab sends the one it last saw, so it never overwrites another tab's typing. */
  draft_seq: Generated<number>;
  headline: string;
  excerpt: Generated<string>;
  dateline: string | null;
  body_md: Generated<string>;
  /** Who saved it; null once that account is deleted. */
  created_by: number | null;
  created_at: string;
}
