import type { AppError } from '../../../../errors.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { ErrorSummary, fieldErrors, SelectField, TextArea, TextField } from '../../../../web/forms.js';
import { OrphanNotice } from '../../../articles/index.js';
import type { DiscussionTarget } from '../../comment.repo.js';
import type { InlineQuestion } from '../inline.repo.js';
import { quoted } from './passage-tools.js';
import { useI18n } from '../../../../web/i18n-context.js';
import type { ComponentChildren } from 'preact';

export interface QuestionValues {
  paragraph?: string;
  quote?: string;
  question?: string;
}

/** The result of "Check passages": what saving the edited body would do to readers' anchors. */
export function OrphanCheckPage(p: { article: DiscussionTarget; orphaned: number; total: number }) {
  const { t } = useI18n();
  return (
    <div class="admin-page">
      <h1>{t('inline.check_heading', { headline: p.article.headline })}</h1>
      {p.total === 0 ? (
        <p>{t('inline.check_none')}</p>
      ) : p.orphaned === 0 ? (
        <p class="notice notice-ok" role="status">
          {t('inline.check_all_kept', { total: p.total })}
        </p>
      ) : (
        <p class="notice notice-warning" role="status" data-orphan-count={p.orphaned}>
          {t('inline.check_orphans', { orphaned: p.orphaned, total: p.total })}
        </p>
      )}
      <p>{t('inline.check_nothing_saved')}</p>
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
  const i18n = useI18n();
  const { t } = i18n;
  const v = p.values ?? {};
  const errors = fieldErrors(p.error);
  const label = new Map(p.paragraphs.map((x) => [x.id, x.label]));
  return (
    <>
      <AdminNav role={p.role} current="/admin/articles" />
      <div class="admin-page">
        <h1>{t('inline.passages_heading', { headline: p.article.headline })}</h1>
        <p>
          <a href={`/admin/articles/${p.article.id}/edit`}>{t('inline.back_to_editor')}</a>
          {p.article.published && (
            <>
              {' '}
              · <a href={`/articles/${p.article.slug}`}>{t('inline.view_on_site')}</a>
            </>
          )}
        </p>
        {p.notice && (
          <p class="notice notice-ok" role="status">
            {p.notice}
          </p>
        )}
        <OrphanNotice orphaned={p.orphaned} />
        <h2>{t('inline.questions_heading')}</h2>
        {p.questions.length === 0 ? (
          <p>{t('inline.questions_empty')}</p>
        ) : (
          <ul class="inline-questions">
            {p.questions.map((q) => (
              <li>
                <p>
                  <strong>{q.question}</strong>
                </p>
                <p class="hint">
                  {q.paragraphId ? (label.get(q.paragraphId) ?? q.paragraphId) : t('inline.on_changed_passage')}
                  {q.quote && <> — {quoted(q.quote)}</>}
                </p>
                <form method="post" action={`/admin/articles/${p.article.id}/questions/${q.id}/delete`}>
                  <input type="hidden" name="_csrf" value={p.csrf} />
                  <button type="submit" class="button-secondary">
                    {i18n.rich('inline.remove_question', {
                      question: q.question,
                      hidden: (chunks: ComponentChildren) => <span class="visually-hidden">{chunks}</span>,
                    })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
        <h2 id="ask-heading">{t('inline.ask_heading')}</h2>
        <ErrorSummary error={p.error} />
        {p.paragraphs.length === 0 ? (
          <p>{t('inline.ask_no_paragraphs')}</p>
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
              label={t('inline.paragraph_label')}
              value={v.paragraph}
              options={p.paragraphs.map((x) => ({ value: x.id, label: x.label }))}
              error={errors.paragraph}
            />
            <TextField
              name="quote"
              label={t('inline.quote_label')}
              value={v.quote}
              maxLength={500}
              error={errors.anchor}
              hint={t('inline.quote_hint')}
            />
            <TextArea
              name="question"
              label={t('inline.question_label')}
              value={v.question}
              rows={3}
              required
              maxLength={500}
              error={errors.question}
            />
            <p class="form-actions">
              <button type="submit">{t('inline.ask_submit')}</button>
            </p>
          </form>
        )}
      </div>
    </>
  );
}
