import type { ComponentChildren } from 'preact';
import type { AppError } from '../../../../errors.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { DateTime } from '../../../../web/components/Meta.js';
import { ErrorSummary } from '../../../../web/forms.js';
import type { DiffLine, WordPart } from '../../../../lib/line-diff.js';
import { hasChanges } from '../../../../lib/line-diff.js';
import type { History, RevisionDiff } from '../../article.revision.service.js';
import { useI18n } from '../../../../web/i18n-context.js';

/** The catalogue key of each compared field's heading. */
const FIELD_KEYS: Record<RevisionDiff['fields'][number]['name'], string> = {
  headline: 'history.field_headline',
  excerpt: 'history.field_excerpt',
  dateline: 'history.field_dateline',
  bodyMd: 'history.field_body',
};

function Breadcrumb({ id, headline }: { id: number; headline: string }) {
  const { t } = useI18n();
  return (
    <p class="breadcrumb">
      <a href="/admin/articles">{t('history.breadcrumb_articles')}</a> ›{' '}
      <a href={`/admin/articles/${id}/edit`}>{headline}</a>
    </p>
  );
}

/** Every saved revision of an article, newest first, each with a link to compare it with the current text. */
export function ArticleHistoryPage({ role, history, notice }: { role: string; history: History; notice?: string }) {
  const { article: a, revisions, autosave } = history;
  const rows = autosave ? [autosave, ...revisions] : revisions;
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page editor">
      <AdminNav role={role} current="/admin/articles" />
      <Breadcrumb id={a.id} headline={a.headline} />
      <h1>{t('history.title', { headline: a.headline })}</h1>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      <p>{t('history.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table revision-table">
            <caption class="visually-hidden">{t('history.table_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.col_when')}</th>
                <th scope="col">{t('history.col_what')}</th>
                <th scope="col">{t('history.col_who')}</th>
                <th scope="col">{t('history.col_headline')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('history.col_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <DateTime iso={r.createdAt} withTime />
                  </td>
                  <td>
                    {r.kind !== 'autosave' && r.articleRevision === a.revision
                      ? t('history.kind_current', { kind: r.kind })
                      : t('history.kind', { kind: r.kind })}
                  </td>
                  <td>{r.authorName ?? t('history.former_account')}</td>
                  <td>{r.headline}</td>
                  <td>
                    <a href={`/admin/articles/${a.id}/history/${r.id}`}>
                      {i18n.rich('history.compare_link', {
                        date: <DateTime iso={r.createdAt} withTime />,
                        hidden: (chunks: ComponentChildren) => <span class="visually-hidden">{chunks}</span>,
                      })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={`/admin/articles/${a.id}/edit`}>{t('history.back_to_editor')}</a>
      </p>
    </div>
  );
}

function Words({ parts, op }: { parts: WordPart[]; op: 'del' | 'ins' }) {
  return (
    <>
      {parts.map((p) =>
        p.op === 'same' ? (
          p.text
        ) : op === 'del' ? (
          <del class="diff-word">{p.text}</del>
        ) : (
          <ins class="diff-word">{p.text}</ins>
        ),
      )}
    </>
  );
}

/** Lines of one field: unchanged lines plain, removed ones struck through, added ones underlined, each labelled. */
function DiffBlock({ lines }: { lines: DiffLine[] }) {
  const { t } = useI18n();
  if (!hasChanges(lines)) return <p class="hint">{t('history.no_change')}</p>;
  return (
    <div class="diff">
      {lines.map((l) =>
        l.op === 'same' ? (
          <div class="diff-line diff-same">{l.text === '' ? '\u00a0' : l.text}</div>
        ) : (
          <div class={`diff-line diff-${l.op}`}>
            <span class="diff-sign" aria-hidden="true">
              {l.op === 'del' ? '−' : '+'}
            </span>
            <span class="visually-hidden">
              {t(l.op === 'del' ? 'history.only_in_revision' : 'history.only_in_current')}
            </span>
            {l.words ? <Words parts={l.words} op={l.op} /> : l.text === '' ? '\u00a0' : l.text}
          </div>
        ),
      )}
    </div>
  );
}

export interface RevisionDiffProps {
  role: string;
  csrf: string;
  diff: RevisionDiff;
  error?: AppError;
}

/** One revision against the current text, field by field, with "Restore". */
export function RevisionDiffPage({ role, csrf, diff, error }: RevisionDiffProps) {
  const { article: a, revision: r } = diff;
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page editor">
      <AdminNav role={role} current="/admin/articles" />
      <Breadcrumb id={a.id} headline={a.headline} />
      <h1>{i18n.rich('history.compare_heading', { date: <DateTime iso={r.createdAt} withTime /> })}</h1>
      <ErrorSummary error={error} />
      <p>
        {t('history.compare_by', { kind: r.kind, author: r.authorName ?? t('history.former_account_by') })}{' '}
        <span class="diff-key">
          {i18n.rich('history.diff_key', {
            del: (chunks: ComponentChildren) => <del>{chunks}</del>,
            ins: (chunks: ComponentChildren) => <ins>{chunks}</ins>,
          })}
        </span>
      </p>
      {diff.fields.map((f) => (
        <section class="admin-section" aria-labelledby={`diff-${f.name}`}>
          <h2 id={`diff-${f.name}`}>{t(FIELD_KEYS[f.name])}</h2>
          <DiffBlock lines={f.lines} />
        </section>
      ))}
      {diff.canRestore && (
        <form method="post" action={`/admin/articles/${a.id}/history/${r.id}/restore`} class="admin-section">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="revision" value={String(a.revision)} />
          <p>{t('history.restore_explain', { published: a.status === 'published' ? 'yes' : 'no' })}</p>
          <button type="submit">{t('history.restore_button')}</button>
        </form>
      )}
      <p>
        <a href={`/admin/articles/${a.id}/history`}>{t('history.all_revisions')}</a> ·{' '}
        <a href={`/admin/articles/${a.id}/edit`}>{t('history.back_to_editor')}</a>
      </p>
    </div>
  );
}
