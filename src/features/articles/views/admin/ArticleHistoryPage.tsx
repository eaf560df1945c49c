import type { AppError } from '../../../../errors.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { DateTime } from '../../../../web/components/Meta.js';
import { ErrorSummary } from '../../../../web/forms.js';
import type { DiffLine, WordPart } from '../../../../lib/line-diff.js';
import { hasChanges } from '../../../../lib/line-diff.js';
import type { History, Revision, RevisionDiff } from '../../article.revision.service.js';

const KIND_LABEL: Record<Revision['kind'], string> = {
  save: 'Saved',
  restore: 'Restored an earlier revision',
  autosave: 'Autosaved, not saved yet',
};

function Breadcrumb({ id, headline }: { id: number; headline: string }) {
  return (
    <p class="breadcrumb">
      <a href="/admin/articles">Articles</a> › <a href={`/admin/articles/${id}/edit`}>{headline}</a>
    </p>
  );
}

/** Every saved revision of an article, newest first, each with a link to compare it with the current text. */
export function ArticleHistoryPage({ role, history, notice }: { role: string; history: History; notice?: string }) {
  const { article: a, revisions, autosave } = history;
  const rows = autosave ? [autosave, ...revisions] : revisions;
  return (
    <div class="admin-page editor">
      <AdminNav role={role} current="/admin/articles" />
      <Breadcrumb id={a.id} headline={a.headline} />
      <h1>History: {a.headline}</h1>
      {notice && (
        <p class="notice notice-ok" role="status">
          {notice}
        </p>
      )}
      <p>
        Each save keeps a copy of the headline, excerpt, dateline and body (the newest 100 are kept). Compare one with
        the current text, and restore it if you need it back: restoring is a new save, so nothing is lost.
      </p>
      {rows.length === 0 ? (
        <p>No revisions yet: the history starts with the next save.</p>
      ) : (
        <div class="table-wrap">
          <table class="admin-table revision-table">
            <caption class="visually-hidden">Revisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">Headline</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
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
                    {KIND_LABEL[r.kind]}
                    {r.kind !== 'autosave' && r.articleRevision === a.revision && ' (current)'}
                  </td>
                  <td>{r.authorName ?? 'A former account'}</td>
                  <td>{r.headline}</td>
                  <td>
                    <a href={`/admin/articles/${a.id}/history/${r.id}`}>
                      Compare<span class="visually-hidden"> the revision of </span>
                      <span class="visually-hidden">
                        <DateTime iso={r.createdAt} withTime />
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <a href={`/admin/articles/${a.id}/edit`}>Back to the editor</a>
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
  if (!hasChanges(lines)) return <p class="hint">No change.</p>;
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
              {l.op === 'del' ? 'Only in the revision: ' : 'Only in the current text: '}
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
  return (
    <div class="admin-page editor">
      <AdminNav role={role} current="/admin/articles" />
      <Breadcrumb id={a.id} headline={a.headline} />
      <h1>
        Compare the revision of <DateTime iso={r.createdAt} withTime />
      </h1>
      <ErrorSummary error={error} />
      <p>
        {KIND_LABEL[r.kind]} by {r.authorName ?? 'a former account'}.{' '}
        <span class="diff-key">
          <del>Struck through, marked −</del>: only in this revision. <ins>Underlined, marked +</ins>: only in the
          current text.
        </span>
      </p>
      {diff.fields.map((f) => (
        <section class="admin-section" aria-labelledby={`diff-${f.name}`}>
          <h2 id={`diff-${f.name}`}>{f.label}</h2>
          <DiffBlock lines={f.lines} />
        </section>
      ))}
      {diff.canRestore && (
        <form method="post" action={`/admin/articles/${a.id}/history/${r.id}/restore`} class="admin-section">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="revision" value={String(a.revision)} />
          <p>
            Restoring saves this revision’s headline, excerpt, dateline and body as the article’s text
            {a.status === 'published' ? ', and readers see it at once' : ''}. The address, section, tags and bylines
            stay as they are.
          </p>
          <button type="submit">Restore this revision</button>
        </form>
      )}
      <p>
        <a href={`/admin/articles/${a.id}/history`}>All revisions</a> ·{' '}
        <a href={`/admin/articles/${a.id}/edit`}>Back to the editor</a>
      </p>
    </div>
  );
}
