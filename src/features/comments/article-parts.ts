/** The discussion as a part of the article page: passage counts in the body, the comments below it. */
import type { ArticleReadingParts } from '../articles/index.js';
import { DISCUSSION_QUERY, discussionSection, type DiscussionQueryParams } from './discussion-section.js';
import { articleInline } from './inline/inline-form.js';
import { countOrphanedComments } from './inline/inline.repo.js';
import { inlineParts } from './inline/views/inline-parts.js';

export const articleReadingParts: ArticleReadingParts = {
  query: DISCUSSION_QUERY,
  async render(deps, request, reply, article, query, articlePath) {
    // The query was validated against DISCUSSION_QUERY by the article route's schema.
    const q = query as DiscussionQueryParams;
    const inline = await articleInline(deps.db.kysely, deps.caches.passageCounts, article, q.passage, request.i18n);
    const below = await discussionSection(deps, request, reply, article, q, articlePath, {
      inline: inlineParts(inline, articlePath),
    });
    return { bodyHtml: inline.bodyHtml, below };
  },
  orphanedComments: countOrphanedComments,
};
