import { AdminNav } from '../../../../web/components/AdminNav.js';
import { slugPath } from '../../../../lib/slug.js';
import { DateTime } from '../../../../web/components/Meta.js';
import type { ArticleStatus } from '../../article.table.js';
import type { AdminArticleItem } from '../../article.write.repo.js';
import { useI18n } from '../../../../web/i18n-context.js';

export interface ArticleListProps {
  role: string;
  items: Array<AdminArticleItem & { editable: boolean; viewable: boolean }>;
  counts: Record<ArticleStatus, number>;
  status: ArticleStatus | undefined;
  q: string;
  mine: boolean;
  /** Query string of the next page, when there is one. */
  nextQuery: string | null;
  notice?: string;
}

export function StatusBadge({ item }: { item: Pick<AdminArticleItem, 'status' | 'publishAt' | 'publishedAt'> }) {
  const { t, rich } = useI18n();
  if (item.status === 'scheduled')
    return (
      <span class="status status-scheduled">
        {rich('editor.status_scheduled_for', {
          date: item.publishAt ? <DateTime iso={item.publishAt} withTime /> : '',
        })}
      </span>
    );
  if (item.status === 'published')
    return (
      <span class="status status-published">
        {rich('editor.status_published_on', { date: item.publishedAt ? <DateTime iso={item.publishedAt} /> : '' })}
      </span>
    );
  return <span class="status status-draft">{t('editor.status_draft')}</span>;
}

function filterHref(status: ArticleStatus | undefined, q: string, mine: boolean): string {
  const p = new URLSearchParams();
  if (status) p.set('status', status);
  if (q) p.set('q', q);
  if (mine) p.set('mine', '1');
  const s = p.toString();
  return s ? `/admin/articles?${s}` : '/admin/articles';
}

export function ArticleListPage(p: ArticleListProps) {
  const { t } = useI18n();
  const total = p.counts.draft + p.counts.scheduled + p.counts.published;
  const tabs: Array<[ArticleStatus | undefined, string, number]> = [
    [undefined, t('editor.filter_all'), total],
    ...(['draft', 'scheduled', 'published'] as const).map((s): [ArticleStatus, string, number] => [
      s,
      t(`editor.filter_${s}`),
      p.counts[s],
    ]),
  ];
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/articles" />
      <div class="admin-head">
        <h1>{t('editor.articles_heading')}</h1>
        <a class="button" href="/admin/articles/new">
          {t('editor.new_article')}
        </a>
      </div>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <nav class="status-filter" aria-label={t('editor.filter_by_status')}>
        <ul>
          {tabs.map(([s, label, n]) => (
            <li>
              <a href={filterHref(s, p.q, p.mine)} aria-current={s === p.status ? 'page' : undefined}>
                {label} <span class="count">({n})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form
        class="admin-filter"
        method="get"
        action="/admin/articles"
        role="search"
        aria-label={t('editor.filter_articles')}
      >
        {p.status && <input type="hidden" name="status" value={p.status} />}
        <div class="field">
          <label for="filter-q">{t('editor.filter_headline')}</label>
          <input id="filter-q" type="search" name="q" value={p.q} maxLength={200} />
        </div>
        <div class="field-check">
          <input id="filter-mine" type="checkbox" name="mine" value="1" checked={p.mine} />
          <label for="filter-mine">{t('editor.filter_mine')}</label>
        </div>
        <button type="submit">{t('editor.filter_submit')}</button>
      </form>
      {p.items.length === 0 ? (
        <p>{t('editor.no_articles_match')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table">
            <caption class="visually-hidden">{t('editor.table_caption', { status: p.status ?? 'all' })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('editor.col_headline')}</th>
                <th scope="col">{t('editor.col_status')}</th>
                <th scope="col">{t('editor.col_bylines')}</th>
                <th scope="col">{t('editor.col_section')}</th>
                <th scope="col">{t('editor.col_last_change')}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((a) => (
                <tr>
                  <td>
                    {a.editable ? (
                      <a href={`/admin/articles/${a.id}/edit`}>{a.headline}</a>
                    ) : a.viewable ? (
                      <a href={`/admin/articles/${a.id}/preview`}>{a.headline}</a>
                    ) : (
                      a.headline
                    )}
                    {a.status === 'published' && (
                      <>
                        {' '}
                        ·{' '}
                        <a
                          href={slugPath('articles', a.slug)}
                          aria-label={t('editor.view_on_site_label', { headline: a.headline })}
                        >
                          {t('editor.view')}
                        </a>
                      </>
                    )}
                  </td>
                  <td>
                    <StatusBadge item={a} />
                  </td>
                  <td>{a.bylines.map((b) => b.name).join(t('editor.list_separator'))}</td>
                  <td>{a.section?.name ?? '—'}</td>
                  <td>
                    <DateTime iso={a.updatedAt} withTime />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.nextQuery && (
        <p>
          <a href={`/admin/articles?${p.nextQuery}`}>{t('editor.older_articles')}</a>
        </p>
      )}
    </div>
  );
}
