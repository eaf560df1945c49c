import type { ComponentChildren } from 'preact';
import { DateTime } from '../../../../web/components/Meta.js';
import { Raw } from '../../../../web/render.js';
import type { CommentStatus } from '../../comment.table.js';
import type { QueueStatus } from '../moderation.repo.js';
import type { ModerationAction } from '../moderation.service.js';
import type { QueueItem, QueuePageData, QueueQuery } from '../queue.service.js';
import { ModerationShell } from './ModerationShell.js';
import type { AppError } from '../../../../errors.js';
import { useI18n } from '../../../../web/i18n-context.js';

/** Each queue status by its label's key (`moderation.status`, a select on the status). */
export const QUEUE_STATUS_ORDER: QueueStatus[] = ['pending', 'approved', 'spam', 'trash', 'reported', 'all'];

/** The actions on a comment; `label` names the message, `key` the keyboard shortcut. */
const ACTIONS: Array<{ action: ModerationAction; label: string; key: string; hides: CommentStatus }> = [
  { action: 'approve', label: 'moderation.act_approve', key: 'a', hides: 'approved' },
  { action: 'spam', label: 'moderation.act_spam', key: 's', hides: 'spam' },
  { action: 'trash', label: 'moderation.act_trash', key: 't', hides: 'trash' },
  { action: 'restore', label: 'moderation.act_restore', key: 'r', hides: 'pending' },
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
  const { t } = useI18n();
  return (
    <form class="mod-filters" method="get" action="/admin/moderation" aria-label={t('moderation.filter_label')}>
      <div class="field">
        <label for="f-status">{t('moderation.filter_status')}</label>
        <select id="f-status" name="status">
          {QUEUE_STATUS_ORDER.map((s) => (
            <option value={s} selected={s === query.status}>
              {t('moderation.status', { status: s })}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-article">{t('moderation.filter_article')}</label>
        <select id="f-article" name="article">
          <option value="">{t('moderation.filter_any_article')}</option>
          {data.articles.map((a) => (
            <option value={String(a.id)} selected={a.id === query.articleId}>
              {t('moderation.filter_article_option', { headline: a.headline, count: a.count })}
            </option>
          ))}
          {query.articleId !== undefined && !data.articles.some((a) => a.id === query.articleId) && (
            <option value={String(query.articleId)} selected>
              {t('moderation.filter_article_id', { id: query.articleId })}
            </option>
          )}
        </select>
      </div>
      <div class="field">
        <label for="f-commenter">{t('moderation.filter_commenter')}</label>
        <input id="f-commenter" type="search" name="commenter" value={query.commenter ?? ''} maxLength={100} />
      </div>
      {query.sameAs !== undefined && <input type="hidden" name="sameAs" value={String(query.sameAs)} />}
      <div class="mod-filter-submit">
        <button type="submit">{t('moderation.filter_button')}</button>
      </div>
    </form>
  );
}

function Author({ c }: { c: QueueItem }) {
  const { t } = useI18n();
  return (
    <span class="mod-author">
      <span class="mod-author-name" id={`mod-author-${c.id}`}>
        {c.authorName}
      </span>{' '}
      {c.accountId !== null ? (
        <a class="badge" href={queueHref({ status: 'all', commenter: `#${c.accountId}` })}>
          {t('moderation.author_account', { id: c.accountId })}
        </a>
      ) : (
        <span class="badge badge-guest">{t('moderation.author_guest')}</span>
      )}
      {c.emailFingerprint && (
        <span class="fp" title={t('moderation.author_email_fp_title')}>
          {' '}
          {t('moderation.author_email_fp', { fp: c.emailFingerprint })}
        </span>
      )}
      {c.ipFingerprint && (
        <span class="fp" title={t('moderation.author_ip_fp_title')}>
          {' '}
          {t('moderation.author_ip_fp', { fp: c.ipFingerprint })}
        </span>
      )}
    </span>
  );
}

function Item({ c, query }: { c: QueueItem; query: QueueQuery }) {
  const i18n = useI18n();
  const { t } = i18n;
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
          {t('moderation.item_select', { author: c.authorName })}
        </label>
        <Author c={c} />
        <span class="mod-when">
          <DateTime iso={c.createdAt} withTime />
        </span>
        <span class={`mod-status status-${c.status}`} data-status-label>
          {t('moderation.status', { status: c.status })}
        </span>
      </div>
      <p class="mod-article">
        {i18n.rich('moderation.item_on', {
          headline: c.articleHeadline,
          link: (chunks: ComponentChildren) => <a href={c.articlePath}>{chunks}</a>,
        })}
        {' · '}
        <a href={queueHref(query, { articleId: c.articleId, before: undefined })}>
          {t('moderation.item_article_queue')}
        </a>
        {' · '}
        <a href={queueHref({ status: 'all' }, { sameAs: c.id })}>{t('moderation.item_same_commenter')}</a>
      </p>
      <Raw html={c.bodyHtml} class="mod-text" />
      {c.moderationReason && (
        <p class="mod-reason">
          <strong>{t('moderation.item_held')}</strong> {i18n.text(c.moderationReason)}
        </p>
      )}
      {c.reports && (
        <div class="mod-reports">
          <p>
            <strong>{t('moderation.item_reported', { count: c.reports.total })}</strong>{' '}
            {c.reports.byReason
              .map((r) => t('moderation.item_report_reason', { reason: r.reason, count: r.count }))
              .join(t('moderation.item_report_separator'))}
          </p>
          {c.reports.notes.length > 0 && (
            <ul>
              {c.reports.notes.map((n) => (
                <li>{t('moderation.item_report_note', { note: n })}</li>
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
            {t(a.label)}
            <span class="visually-hidden"> {t('moderation.item_act_target', { author: c.authorName })}</span>
          </button>
        ))}
        <a class="mod-ban" href={`/admin/moderation/comments/${c.id}/ban`}>
          {t('moderation.item_ban')}
          <span class="visually-hidden"> {c.authorName}</span>
        </a>
      </div>
    </li>
  );
}

export function QueuePage(p: QueuePageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { query, data } = p;
  const here = queueHref(query);
  return (
    <ModerationShell
      role={p.role}
      current="/admin/moderation"
      title={t('moderation.queue_title')}
      notice={p.notice}
      error={p.error}
    >
      <Filters query={query} data={data} />
      {query.sameAs !== undefined && (
        <p class="mod-scope">
          {data.sameAsName ? t('moderation.scope_named', { name: data.sameAsName }) : t('moderation.scope_unnamed')}{' '}
          <a href={queueHref({ status: query.status })}>{t('moderation.scope_everyone')}</a>
        </p>
      )}
      {data.items.length === 0 ? (
        <p class="mod-empty">
          {t('moderation.queue_empty', { status: query.status, page: query.before ? 'yes' : 'no' })}
        </p>
      ) : (
        <form id="mod-form" method="post" action="/admin/moderation/act">
          <input type="hidden" name="_csrf" value={p.csrfToken} />
          <input type="hidden" name="return" value={here} />
          <fieldset class="mod-bulk">
            <legend>{t('moderation.bulk_legend')}</legend>
            <label class="js-only mod-select-all">
              <input type="checkbox" id="mod-select-all" /> {t('moderation.bulk_select_all')}
            </label>
            {ACTIONS.map((a) => (
              <button type="submit" name="action" value={a.action}>
                {t(a.label)}
              </button>
            ))}
          </fieldset>
          <p class="mod-keys js-only" id="mod-keys">
            {i18n.rich('moderation.keys_help', { kbd: (chunks: ComponentChildren) => <kbd>{chunks}</kbd> })}
          </p>
          <ol class="mod-queue" aria-label={t('moderation.queue_list_label', { status: query.status })}>
            {data.items.map((c) => (
              <Item c={c} query={query} />
            ))}
          </ol>
        </form>
      )}
      <nav class="mod-pages" aria-label={t('moderation.pages_label')}>
        {query.before !== undefined && (
          <a href={queueHref(query, { before: undefined })}>{t('moderation.pages_newest')}</a>
        )}
        {data.nextBefore !== null && (
          <a href={queueHref(query, { before: data.nextBefore })}>{t('moderation.pages_older')}</a>
        )}
      </nav>
    </ModerationShell>
  );
}
