import { DateTime } from '../../../../web/components/Meta.js';
import { Raw } from '../../../../web/render.js';
import type { CommentStatus } from '../../comment.table.js';
import type { QueueStatus } from '../moderation.repo.js';
import type { ModerationAction } from '../moderation.service.js';
import type { QueueItem, QueuePageData, QueueQuery } from '../queue.service.js';
import { ModerationShell, plural } from './ModerationShell.js';
import type { AppError } from '../../../../errors.js';

export const STATUS_LABELS: Record<QueueStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  spam: 'Spam',
  trash: 'Trash',
  reported: 'Reported',
  all: 'All',
};

const ACTIONS: Array<{ action: ModerationAction; label: string; key: string; hides: CommentStatus }> = [
  { action: 'approve', label: 'Approve', key: 'a', hides: 'approved' },
  { action: 'spam', label: 'Spam', key: 's', hides: 'spam' },
  { action: 'trash', label: 'Trash', key: 't', hides: 'trash' },
  { action: 'restore', label: 'Back to pending', key: 'r', hides: 'pending' },
];

/** The queue's address for a query, plus overrides (pagination, filters from an item). */
export function queueHref(q: QueueQuery, over: Partial<QueueQuery> = {}): string {
  const m = { ...q, ...over };
  const p = new URLSearchParams();
  if (m.status !== 'pending') p.set('status', m.status);
  if (m.articleId !== undefined) p.set('article', String(m.articleId));
  if (m.commenter) p.set('commenter', m.commenter);
  if (m.sameAs !== undefined) p.set('sameAs', String(m.sameAs));
  if (m.commentId !== undefined) p.set('comment', String(m.commentId));
  if (m.before !== undefined) p.set('before', String(m.before));
  const s = p.toString();
  return s ? `/admin/moderation?${s}` : '/admin/moderation';
}

export interface QueuePageProps {
  role: string;
  query: QueueQuery;
  data: QueuePageData;
  csrfToken: string;
  notice: string | null;
  error?: AppError;
}

function Filters({ query, data }: Pick<QueuePageProps, 'query' | 'data'>) {
  return (
    <form class="mod-filters" method="get" action="/admin/moderation" aria-label="Filter comments">
      <div class="field">
        <label for="f-status">Status</label>
        <select id="f-status" name="status">
          {(Object.keys(STATUS_LABELS) as QueueStatus[]).map((s) => (
            <option value={s} selected={s === query.status}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-article">Article</label>
        <select id="f-article" name="article">
          <option value="">Any article</option>
          {data.articles.map((a) => (
            <option value={String(a.id)} selected={a.id === query.articleId}>
              {a.headline} ({a.count})
            </option>
          ))}
          {query.articleId !== undefined && !data.articles.some((a) => a.id === query.articleId) && (
            <option value={String(query.articleId)} selected>
              Article #{query.articleId}
            </option>
          )}
        </select>
      </div>
      <div class="field">
        <label for="f-commenter">Commenter name or #account</label>
        <input id="f-commenter" type="search" name="commenter" value={query.commenter ?? ''} maxLength={100} />
      </div>
      {query.sameAs !== undefined && <input type="hidden" name="sameAs" value={String(query.sameAs)} />}
      <div class="mod-filter-submit">
        <button type="submit">Filter</button>
      </div>
    </form>
  );
}

function Author({ c }: { c: QueueItem }) {
  return (
    <span class="mod-author">
      <span class="mod-author-name" id={`mod-author-${c.id}`}>
        {c.authorName}
      </span>{' '}
      {c.accountId !== null ? (
        <a class="badge" href={queueHref({ status: 'all', commenter: `#${c.accountId}` })}>
          account #{c.accountId}
        </a>
      ) : (
        <span class="badge badge-guest">guest</span>
      )}
      {c.emailFingerprint && (
        <span class="fp" title="Fingerprint of the e-mail address (not the address)">
          {' '}
          e-mail #{c.emailFingerprint}
        </span>
      )}
      {c.ipFingerprint && (
        <span class="fp" title="Fingerprint of the IP address (not the address)">
          {' '}
          IP #{c.ipFingerprint}
        </span>
      )}
    </span>
  );
}

function Item({ c, query }: { c: QueueItem; query: QueueQuery }) {
  return (
    <li
      class="mod-item"
      id={`mod-${c.id}`}
      data-id={String(c.id)}
      data-status={c.status}
      data-author={c.authorName}
      tabIndex={-1}
    >
      <div class="mod-item-head">
        <input type="checkbox" name="ids" value={String(c.id)} id={`sel-${c.id}`} class="mod-select" />
        <label for={`sel-${c.id}`} class="visually-hidden">
          Select the comment by {c.authorName}
        </label>
        <Author c={c} />
        <span class="mod-when">
          <DateTime iso={c.createdAt} withTime />
        </span>
        <span class={`mod-status status-${c.status}`} data-status-label>
          {STATUS_LABELS[c.status]}
        </span>
      </div>
      <p class="mod-article">
        On <a href={c.articlePath}>{c.articleHeadline}</a>
        {' · '}
        <a href={queueHref(query, { articleId: c.articleId, before: undefined })}>this article’s queue</a>
        {' · '}
        <a href={queueHref({ status: 'all' }, { sameAs: c.id })}>all from this commenter</a>
      </p>
      <Raw html={c.bodyHtml} class="mod-text" />
      {c.moderationReason && (
        <p class="mod-reason">
          <strong>Held:</strong> {c.moderationReason}
        </p>
      )}
      {c.reports && (
        <div class="mod-reports">
          <p>
            <strong>Reported {plural(c.reports.total, 'time')}:</strong>{' '}
            {c.reports.byReason.map((r) => `${r.reason} ${r.count}`).join(', ')}
          </p>
          {c.reports.notes.length > 0 && (
            <ul>
              {c.reports.notes.map((n) => (
                <li>“{n}”</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="mod-actions">
        {ACTIONS.map((a) => (
          <button
            type="submit"
            name="one"
            value={`${a.action}:${c.id}`}
            class={`mod-act act-${a.action}`}
            data-action={a.action}
            hidden={c.status === a.hides}
          >
            {a.label}
            <span class="visually-hidden"> the comment by {c.authorName}</span>
          </button>
        ))}
        <a class="mod-ban" href={`/admin/moderation/comments/${c.id}/ban`}>
          Ban commenter<span class="visually-hidden"> {c.authorName}</span>
        </a>
      </div>
    </li>
  );
}

export function QueuePage(p: QueuePageProps) {
  const { query, data } = p;
  const here = queueHref(query);
  return (
    <ModerationShell
      role={p.role}
      current="/admin/moderation"
      title="Moderation queue"
      notice={p.notice}
      error={p.error}
    >
      <Filters query={query} data={data} />
      {query.sameAs !== undefined && (
        <p class="mod-scope">
          Showing comments by {data.sameAsName ?? 'this commenter'}.{' '}
          <a href={queueHref({ status: query.status })}>Show everyone</a>
        </p>
      )}
      {data.items.length === 0 ? (
        <p class="mod-empty">
          No {query.status === 'all' ? '' : `${STATUS_LABELS[query.status].toLowerCase()} `}comments
          {query.before ? ' on this page' : ''}.
        </p>
      ) : (
        <form id="mod-form" method="post" action="/admin/moderation/act">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <input type="hidden" name="return" value={here} />
          <fieldset class="mod-bulk">
            <legend>With the selected comments</legend>
            <label class="js-only mod-select-all">
              <input type="checkbox" id="mod-select-all" /> Select all on this page
            </label>
            {ACTIONS.map((a) => (
              <button type="submit" name="action" value={a.action}>
                {a.label}
              </button>
            ))}
          </fieldset>
          <p class="mod-keys js-only" id="mod-keys">
            Keyboard, while a comment has focus: <kbd>j</kbd> next, <kbd>k</kbd> previous, <kbd>x</kbd> select,{' '}
            <kbd>a</kbd> approve, <kbd>s</kbd> spam, <kbd>t</kbd> trash, <kbd>r</kbd> back to pending.
          </p>
          <ol class="mod-queue" aria-label={`${STATUS_LABELS[query.status]} comments`}>
            {data.items.map((c) => (
              <Item c={c} query={query} />
            ))}
          </ol>
        </form>
      )}
      <nav class="mod-pages" aria-label="Queue pages">
        {query.before !== undefined && <a href={queueHref(query, { before: undefined })}>Newest comments</a>}
        {data.nextBefore !== null && <a href={queueHref(query, { before: data.nextBefore })}>Older comments</a>}
      </nav>
    </ModerationShell>
  );
}
