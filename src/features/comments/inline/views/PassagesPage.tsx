import type { AppError } from '../../../../errors.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { ErrorSummary, fieldErrors, SelectField, TextArea, TextField } from '../../../../web/forms.js';
import { OrphanNotice } from '../../../articles/index.js';
import type { DiscussionTarget } from '../../comment.repo.js';
import type { InlineQuestion } from '../inline.repo.js';
import { quoted } from './passage-tools.js';

export interface QuestionValues {
  paragraph?: string;
  quote?: string;
  question?: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The result of "Check passages": what saving the edited body would do to readers' anchors. */
export function OrphanCheckPage(p: { article: DiscussionTarget; orphaned: number; total: number }) {
  return (
    <div class="admin-page">
      <h1>Check passages: {p.article.headline}</h1>
      {p.total === 0 ? (
        <p>No reader comments or questions are anchored to passages of this article.</p>
      ) : p.orphaned === 0 ? (
        <p class="notice notice-ok" role="status">
          Every one of the {plural(p.total, 'anchored comment or question', 'anchored comments and questions')} would
          still find its passage.
        </p>
      ) : (
        <p class="notice notice-warning" role="status" data-orphan-count={p.orphaned}>
          This edit would orphan {plural(p.orphaned, 'anchor', 'anchors')} of {p.total}:{' '}
          {p.orphaned === 1 ? 'it' : 'they'} would show as “on a passage that has since changed”.
        </p>
      )}
      <p>Nothing was saved. Close this tab to return to the editor.</p>
    </div>
  );
}

/** Editors' questions on passages of one article, and the form to pose one. */
export function PassagesPage(p: {
  role: string;
  article: DiscussionTarget;
  paragraphs: Array<{ id: string; label: string }>;
  questions: InlineQuestion[];
  orphaned: number;
  csrf: string;
  notice?: string;
  error?: AppError;
  values?: QuestionValues;
}) {
  const v = p.values ?? {};
  const errors = fieldErrors(p.error);
  const label = new Map(p.paragraphs.map((x) => [x.id, x.label]));
  return (
    <>
      <AdminNav role={p.role} current="/admin/articles" />
      <div class="admin-page">
        <h1>Passages and questions: {p.article.headline}</h1>
        <p>
          <a href={`/admin/articles/${p.article.id}/edit`}>Back to the editor</a>
          {p.article.published && (
            <>
              {' '}
              · <a href={`/articles/${p.article.slug}`}>View on the site</a>
            </>
          )}
        </p>
        {p.notice && (
          <p class="notice notice-ok" role="status">
            {p.notice}
          </p>
        )}
        <OrphanNotice orphaned={p.orphaned} />
        <h2>Questions to readers</h2>
        {p.questions.length === 0 ? (
          <p>No questions yet.</p>
        ) : (
          <ul class="inline-questions">
            {p.questions.map((q) => (
              <li>
                <p>
                  <strong>{q.question}</strong>
                </p>
                <p class="hint">
                  {q.paragraphId ? (label.get(q.paragraphId) ?? q.paragraphId) : 'On a passage that has since changed'}
                  {q.quote && <> — {quoted(q.quote)}</>}
                </p>
                <form method="post" action={`/admin/articles/${p.article.id}/questions/${q.id}/delete`}>
                  <input type="hidden" name="_csrf" value={p.csrf} />
                  <button type="submit" class="button-secondary">
                    Remove<span class="visually-hidden"> the question “{q.question}”</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h2 id="ask-heading">Ask readers about a passage</h2>
        <ErrorSummary error={p.error} />
        {p.paragraphs.length === 0 ? (
          <p>Save a body with paragraphs first.</p>
        ) : (
          <form
            method="post"
            action={`/admin/articles/${p.article.id}/questions`}
            class="form"
            aria-labelledby="ask-heading"
          >
            <input type="hidden" name="_csrf" value={p.csrf} />
            <SelectField
              name="paragraph"
              label="Paragraph"
              value={v.paragraph}
              options={p.paragraphs.map((x) => ({ value: x.id, label: x.label }))}
              error={errors.paragraph}
            />
            <TextField
              name="quote"
              label="Quote from the paragraph (optional)"
              value={v.quote}
              maxLength={500}
              error={errors.anchor}
              hint="Copy the words the question is about, exactly as they appear; leave empty for the whole paragraph."
            />
            <TextArea
              name="question"
              label="Question"
              value={v.question}
              rows={3}
              required
              maxLength={500}
              error={errors.question}
            />
            <p class="form-actions">
              <button type="submit">Pose the question</button>
            </p>
          </form>
        )}
      </div>
    </>
  );
}
