import { AdminNav } from '../../../../web/components/AdminNav.js';
import { slugPath } from '../../../../lib/slug.js';
import { DateTime } from '../../../../web/components/Meta.js';
import type { ArticleStatus } from '../../article.table.js';
import type { AdminArticleItem } from '../../article.write.repo.js';

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

const STATUS_LABEL: Record<ArticleStatus, string> = { draft: 'Drafts', scheduled: 'Scheduled', published: 'Published' };

export function StatusBadge({ item }: { item: Pick<AdminArticleItem, 'status' | 'publishAt' | 'publishedAt'> }) {
  if (item.status === 'scheduled')
    return (
      <span class="status status-scheduled">
        Scheduled for {item.publishAt && <DateTime iso={item.publishAt} withTime />}
      </span>
    );
  if (item.status === 'published')
    return (
      <span class="status status-published">Published {item.publishedAt && <DateTime iso={item.publishedAt} />}</span>
    );
  return <span class="status status-draft">Draft</span>;
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
  const total = p.counts.draft + p.counts.scheduled + p.counts.published;
  const tabs: Array<[ArticleStatus | undefined, string, number]> = [
    [undefined, 'All', total],
    ...(['draft', 'scheduled', 'published'] as const).map((s): [ArticleStatus, string, number] => [
      s,
      STATUS_LABEL[s],
      p.counts[s],
    ]),
  ];
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/articles" />
      <div class="admin-head">
        <h1>Articles</h1>
        <a class="button" href="/admin/articles/new">
          New article
        </a>
      </div>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <nav class="status-filter" aria-label="Filter by status">
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
      <form class="admin-filter" method="get" action="/admin/articles" role="search" aria-label="Filter articles">
        {p.status && <input type="hidden" name="status" value={p.status} />}
        <div class="field">
          <label for="filter-q">Headline contains</label>
          <input id="filter-q" type="search" name="q" value={p.q} maxLength={200} />
        </div>
        <div class="field-check">
          <input id="filter-mine" type="checkbox" name="mine" value="1" checked={p.mine} />
          <label for="filter-mine">Only articles with my byline</label>
        </div>
        <button type="submit">Filter</button>
      </form>
      {p.items.length === 0 ? (
        <p>No articles match.</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table">
            <caption class="visually-hidden">
              {p.status ? STATUS_LABEL[p.status] : 'All articles'}, most recently changed first
            </caption>
            <thead>
              <tr>
                <th scope="col">Headline</th>
                <th scope="col">Status</th>
                <th scope="col">Bylines</th>
                <th scope="col">Section</th>
                <th scope="col">Last change</th>
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
                        <a href={slugPath('articles', a.slug)} aria-label={`View “${a.headline}” on the site`}>
                          View
                        </a>
                      </>
                    )}
                  </td>
                  <td>
                    <StatusBadge item={a} />
                  </td>
                  <td>{a.bylines.map((b) => b.name).join(', ')}</td>
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
          <a href={`/admin/articles?${p.nextQuery}`}>Older articles</a>
        </p>
      )}
    </div>
  );
}
