import { Raw } from '../../../../web/render.js';
import { DateTime } from '../../../../web/components/Meta.js';
import type { PassageComment } from '../inline.repo.js';
import { MAX_QUOTE_LENGTH } from '../inline.service.js';
import { quoted } from './passage-tools.js';
import { useI18n } from '../../../../web/i18n-context.js';

export interface PassageChoiceProps {
  /** Paragraphs as the select lists them (id and first words). */
  paragraphs: Array<{ id: string; label: string }>;
  /** The paragraph chosen (`?passage=`, or the value posted back after an error). */
  selected: string | null;
  /** The quoted selection (set by inline.js, or posted back after an error). */
  quote: string;
  error?: string;
}

/**
 * The passage part of the comment form. Without JavaScript a reader picks a paragraph; inline.js fills
 * the same fields from a text selection and shows the quote.
 */
export function PassageChoice(p: PassageChoiceProps) {
  const { t } = useI18n();
  return (
    <details class="passage-choice" open={p.selected !== null || undefined} data-passage-choice>
      <summary>{t('inline.choice_summary')}</summary>
      {p.error && (
        <p class="field-error" id="comment-anchor-error">
          {p.error}
        </p>
      )}
      <div class="passage-quote" data-passage-quote hidden={p.quote === ''}>
        <p>{t('inline.choice_quote')}</p>
        <blockquote data-passage-quote-text>{p.quote}</blockquote>
      </div>
      <input type="hidden" name="anchor_exact" value={p.quote} maxLength={MAX_QUOTE_LENGTH} data-anchor-exact />
      <div class="field">
        <label for="comment-anchor-paragraph">{t('inline.paragraph_label')}</label>
        <select
          id="comment-anchor-paragraph"
          name="anchor_paragraph"
          data-anchor-paragraph
          aria-describedby={p.error ? 'comment-anchor-error' : undefined}
        >
          <option value="" selected={p.selected === null}>
            {t('inline.whole_article')}
          </option>
          {p.paragraphs.map((x) => (
            <option value={x.id} selected={x.id === p.selected}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
    </details>
  );
}

/** What the quote of an anchored comment is introduced by, by how well it still matches the article. */
const PREFIX = {
  exact: 'inline.on_passage',
  moved: 'inline.on_passage',
  approximate: 'inline.on_passage',
  orphaned: 'inline.on_changed_passage',
};

/** `?passage=pN`: that passage's comments, above the discussion. */
export function PassagePanel(p: { paragraphId: string; label: string; comments: PassageComment[]; clearHref: string }) {
  const { t } = useI18n();
  const headingId = `passage-${p.paragraphId}-heading`;
  return (
    <section
      class="passage-panel"
      id={`passage-${p.paragraphId}-comments`}
      aria-labelledby={headingId}
      data-passage-panel={p.paragraphId}
    >
      <h3 id={headingId}>{t('inline.panel_heading', { n: p.paragraphId.slice(1) })}</h3>
      <p class="passage-panel-label">{p.label}</p>
      {p.comments.length === 0 ? (
        <p>{t('inline.panel_empty')}</p>
      ) : (
        <ol class="passage-comments">
          {p.comments.map((c) => (
            <li>
              <p class="comment-meta">
                <strong>{c.authorName}</strong> ·{' '}
                <a href={`/comments/${c.id}`}>
                  <DateTime iso={c.createdAt} withTime />
                </a>
              </p>
              {c.quote && (
                <blockquote class="passage-quote-inline">
                  <span class="visually-hidden">
                    {t('inline.passage_quote', { where: t(PREFIX[c.status]), quote: '' })}
                  </span>
                  {quoted(c.quote)}
                </blockquote>
              )}
              <Raw html={c.bodyHtml} class="comment-text" />
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href={p.clearHref}>{t('inline.show_all')}</a>
      </p>
    </section>
  );
}
