import type { Image } from '../images/index.js';
import type { ArticleStatus } from './article.table.js';

export interface Section {
  id: number;
  slug: string;
  name: string;
}
export interface Tag {
  id: number;
  slug: string;
  name: string;
}
/** A byline: the public face of a staff account (no e-mail). */
export interface Byline {
  id: number;
  name: string;
  slug: string | null;
}
export interface Correction {
  id: number;
  body: string;
  createdAt: string;
}

/** What lists of articles show. */
export interface ArticleSummary {
  id: number;
  slug: string;
  headline: string;
  excerpt: string;
  publishedAt: string | null;
  section: Section | null;
  bylines: Byline[];
  leadImage: Image | null;
  /** The picture a card shows: the lead image, else the first library image placed in the body. */
  cardImage: Image | null;
  commentCount: number;
}

/** A whole article as its page shows it. */
export interface Article extends ArticleSummary {
  bodyHtml: string;
  bodyMd: string;
  dateline: string | null;
  status: ArticleStatus;
  publishAt: string | null;
  createdAt: string;
  updatedAt: string;
  tags: Tag[];
  /** Images placed in the body, for the full-size viewer. */
  corrections: Correction[];
  commentsOpen: boolean;
  /** Bumped on every change to the discussion; keys cached fragments. */
  commentsVersion: number;
}
