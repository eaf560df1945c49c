/** What other features may add to articles: reactions in the same transaction, and parts of their pages. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { ComponentChildren } from 'preact';
import type { TProperties } from 'typebox';
import type { Database } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { Hook, Slot } from '../../platform/hooks.js';
import type { Article } from './article.types.js';

/** An existing article was saved with a (possibly) new body: passage comments re-find their passage. */
export interface ArticleBodyChanged {
  articleId: number;
  /** The new body as rendered HTML. */
  bodyHtml: string;
}

/** What the reading page shows beside and below the article: the discussion and its passage comments. */
export interface ArticleReadingParts {
  /** Query-string fields the article page accepts for these parts (sort, page, passage …). */
  query: TProperties;
  render(
    deps: Pick<Deps, 'db' | 'config' | 'clock' | 'caches' | 'bus'>,
    request: FastifyRequest,
    reply: FastifyReply,
    article: Article,
    query: Record<string, unknown>,
    articlePath: string,
  ): Promise<{
    /** The body as shown (passage counts beside paragraphs). */ bodyHtml: string;
    below: ComponentChildren;
  }>;
  /** How many readers' passage comments point at text the article no longer has (the editor warns). */
  orphanedComments(db: Kysely<Database>, articleId: number): Promise<number>;
}

/** An article went out (published now, or its scheduled time came), or a published article was saved again. */
export interface ArticleChanged {
  articleId: number;
  now: Date;
}

export interface ArticleHooks {
  bodyChanged: Hook<ArticleBodyChanged>;
  /** An article was published (not when a published one is saved again). */
  published: Hook<ArticleChanged>;
  /** A published article was saved again. */
  updated: Hook<ArticleChanged>;
  reading: Slot<ArticleReadingParts>;
}

export const createArticleHooks = (): ArticleHooks => ({
  bodyChanged: new Hook(),
  published: new Hook(),
  updated: new Hook(),
  reading: new Slot('article reading parts'),
});
