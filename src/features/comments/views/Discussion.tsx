import type { CommentSort } from '../comment.types.js';
import { Raw } from '../../../web/render.js';

const SORT_LABELS: Record<CommentSort, string> = { newest: 'Newest', oldest: 'Oldest', votes: 'Most Voted' };

export interface DiscussionProps {
  articlePath: string;
  commentCount: number;
  sort: CommentSort;
  /** Rendered thread list (escaped fragment from the cache). */
  listHtml: string;
  /** Whether this page shows every thread. */
  showingAll: boolean;
  /** There are threads beyond this page. */
  hasMore: boolean;
}

/** The discussion under an article: count, sort links, threads, and the way to more. */
export function Discussion(p: DiscussionProps) {
  const sortLink = (s: CommentSort) => `${p.articlePath}?sort=${s}${p.showingAll ? '&comments=all' : ''}#comments`;
  return (
    <section class="discussion" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{p.commentCount === 1 ? '1 comment' : `${p.commentCount} comments`}</h2>
      {p.commentCount > 0 && (
        <nav class="comment-sort" aria-label="Sort comments">
          <ul>
            {(Object.keys(SORT_LABELS) as CommentSort[]).map((s) => (
              <li><a href={sortLink(s)} aria-current={s === p.sort ? 'true' : undefined}>{SORT_LABELS[s]}</a></li>
            ))}
          </ul>
        </nav>
      )}
      {p.commentCount === 0 ? <p class="no-comments">No comments yet.</p> : <Raw html={p.listHtml} class="comment-threads" />}
      {p.hasMore && !p.showingAll && (
        <p class="view-all"><a class="button" href={`${p.articlePath}?sort=${p.sort}&comments=all#comments`}>View all comments</a></p>
      )}
    </section>
  );
}
