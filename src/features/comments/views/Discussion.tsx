import type { ComponentChildren } from 'preact';
import type { CommentSort } from '../comment.types.js';
import type { ViewerState } from '../comment.service.js';
import { Raw } from '../../../web/render.js';
import { useI18n } from '../../../web/i18n-context.js';
import { ACTIONS_FORM_ID } from './comment-list.js';
import { CommentForm, type CommentFormProps } from './CommentForm.js';

/** The sort links, in the order shown, with their labels' keys. */
const SORT_LABELS: Record<CommentSort, string> = {
  newest: 'discussion.sort_newest',
  oldest: 'discussion.sort_oldest',
  votes: 'discussion.sort_votes',
};

export interface DiscussionProps {
  articleId: number;
  /** The article's slug, for the JSON reads of discussion.js ("Load more"). */
  slug: string;
  /** Path of the page showing the discussion (the article, or the embedded discussion). */
  basePath: string;
  /** Path and query of this very page, to come back to after a vote. */
  currentUrl: string;
  commentCount: number;
  sort: CommentSort;
  /** Rendered thread list (escaped fragment from the cache, the same for every reader). */
  listHtml: string;
  /** Whether this page shows every thread. */
  showingAll: boolean;
  /** Cursor of the next page ("Load more"), when there is one. */
  nextCursor: string | null;
  /** True on a page after the first (reached through "Load more" without JavaScript). */
  continued: boolean;
  /** When one thread is shown alone (a link to a comment beyond the first page). */
  thread: number | null;
  commentsOpen: boolean;
  csrfToken: string;
  /** The comment form, unless comments are closed. */
  form: CommentFormProps;
  /**
   * Set on the embedded discussion (another site's page frames it): readers read, write, reply and vote there
   * as guests, known by the frame's token (frame-token.ts) since browsers withhold our cookies from a
   * third-party frame. The forms post to the embed's own address (`basePath`); editing a comment, reporting one
   * and signing in happen on the site's pages, in a new tab.
   */
  embed?: { articleUrl: string; siteName: string };
  viewer: ViewerState;
  now: Date;
  /** Inline feedback: one passage's comments (`?passage=pN`), shown above the form. */
  passagePanel?: ComponentChildren;
}

const minutesLeft = (until: string, now: Date) =>
  Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));

/** The viewer's own recent comments: held ones (so they know it arrived) and ones they may still edit. */
function OwnComments({ own, now, embed }: { own: ViewerState['own']; now: Date; embed: boolean }) {
  const i18n = useI18n();
  if (own.length === 0) return null;
  return (
    <div class="own-comments notice" id="your-comments">
      <h3>{i18n.t('discussion.own_heading')}</h3>
      <ul>
        {own.map((c) => {
          const editable = new Date(c.editableUntil).getTime() > now.getTime();
          return (
            <li>
              {i18n.rich(c.status === 'approved' ? 'discussion.own_published' : 'discussion.own_pending', {
                excerpt: c.excerpt,
                quote: (chunks: ComponentChildren) => <q>{chunks}</q>,
                link: (chunks: ComponentChildren) => <a href={`#comment-${c.id}`}>{chunks}</a>,
                strong: (chunks: ComponentChildren) => <strong>{chunks}</strong>,
              })}
              {editable && !embed && (
                <>
                  {' '}
                  {i18n.rich('discussion.own_editable', {
                    minutes: minutesLeft(c.editableUntil, now),
                    link: (chunks: ComponentChildren) => <a href={`/comments/${c.id}/edit`}>{chunks}</a>,
                  })}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The discussion under an article: count, the viewer's own comments, the form, sort links, threads and
 * the way to more. Everything per viewer (CSRF token, votes, own comments) lives here, outside the
 * cached list; discussion.js reads the data attributes to enhance the list in place.
 */
export function Discussion(p: DiscussionProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const q = (params: Record<string, string | undefined>) => {
    const s = new URLSearchParams(
      Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    return `${p.basePath}${s ? `?${s}` : ''}#comments`;
  };
  // Editing happens on the site's own page, which the frame's guest cannot reach with their token.
  const editable = (p.embed ? [] : p.viewer.own)
    .filter((c) => c.status === 'approved' && new Date(c.editableUntil).getTime() > p.now.getTime())
    .map((c) => c.id);
  const sortParam = (s: CommentSort) => (s === 'newest' ? undefined : s);
  return (
    <section
      class="discussion"
      id="comments"
      aria-labelledby="comments-heading"
      data-discussion
      data-article-id={p.articleId}
      data-live-topic={`article:${p.articleId}`}
      data-csrf={p.embed || !p.csrfToken ? undefined : p.csrfToken}
      data-embed={p.embed ? 'true' : undefined}
      data-slug={p.slug}
      data-sort={p.sort}
      data-my-votes={JSON.stringify(p.viewer.myVotes)}
      data-own={editable.join(',')}
      data-base={p.basePath}
      data-first-page={String(p.thread === null && !p.continued)}
      data-thread={p.thread === null ? undefined : String(p.thread)}
    >
      <h2 id="comments-heading" data-count={p.commentCount}>
        {i18n.rich('discussion.comment_count', {
          count: p.commentCount,
          n: (chunks: ComponentChildren) => <span data-comment-count>{chunks}</span>,
        })}
      </h2>
      <OwnComments own={p.viewer.own} now={p.now} embed={p.embed !== undefined} />
      {p.passagePanel}
      {!p.commentsOpen ? <p class="comments-closed">{t('discussion.comments_closed')}</p> : <CommentForm {...p.form} />}
      {p.commentCount > 0 && (
        <nav class="comment-sort" aria-label={t('discussion.sort_label')}>
          <ul>
            {(Object.keys(SORT_LABELS) as CommentSort[]).map((s) => (
              <li>
                <a
                  href={q({ sort: sortParam(s), comments: p.showingAll ? 'all' : undefined })}
                  aria-current={s === p.sort && p.thread === null ? 'true' : undefined}
                >
                  {t(SORT_LABELS[s])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {p.thread !== null && (
        <p class="notice thread-notice">
          {i18n.rich('discussion.thread_notice', {
            link: (chunks: ComponentChildren) => <a href={q({})}>{chunks}</a>,
          })}
        </p>
      )}
      {p.continued && (
        <p class="notice thread-notice">
          {i18n.rich('discussion.continued_notice', {
            link: (chunks: ComponentChildren) => <a href={q({ sort: sortParam(p.sort) })}>{chunks}</a>,
          })}
        </p>
      )}
      {p.commentCount === 0 ? (
        <p class="no-comments" data-no-comments>
          {t('discussion.no_comments')}
        </p>
      ) : (
        <Raw html={p.listHtml} class="comment-threads" />
      )}
      <div class="comment-pager">
        {p.nextCursor && !p.showingAll && p.thread === null && (
          <a
            class="button load-more"
            href={q({ sort: sortParam(p.sort), after: p.nextCursor })}
            data-load-more
            data-cursor={p.nextCursor}
          >
            {t('discussion.load_more')}
          </a>
        )}
        {(p.nextCursor !== null || p.thread !== null || p.continued) && !p.showingAll && (
          <a class="view-all" href={q({ sort: sortParam(p.sort), comments: 'all' })}>
            {t('discussion.view_all')}
          </a>
        )}
      </div>
      <form
        id={ACTIONS_FORM_ID}
        method="post"
        action={p.embed ? `${p.basePath}/vote` : '/comments/vote'}
        class="actions-form"
      >
        {/* Only a signed-in reader's page carries a token (src/web/cross-origin.ts). */}
        {p.csrfToken && <input type="hidden" name="_csrf" value={p.csrfToken} />}
        <input type="hidden" name="back" value={p.currentUrl} />
      </form>
      <p class="visually-hidden" aria-live="polite" data-live-status />
    </section>
  );
}
