import { Raw } from '../../../../web/render.js';
import { DateTime } from '../../../../web/components/Meta.js';
import type { PassageComment } from '../inline.repo.js';
import { MAX_QUOTE_LENGTH } from '../inline.service.js';
import { quoted } from './passage-tools.js';

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
  return (
    <details class="passage-choice" open={p.selected !== null || undefined} data-passage-choice>
      <summary>Comment on a passage (optional)</summary>
      {p.error && (
        <p class="field-error" id="comment-anchor-error">
          {p.error}
        </p>
      )}
      <div class="passage-quote" data-passage-quote hidden={p.quote === ''}>
        <p>On the passage:</p>
        <blockquote data-passage-quote-text>{p.quote}</blockquote>
      </div>
      <input type="hidden" name="anchor_exact" value={p.quote} maxLength={MAX_QUOTE_LENGTH} data-anchor-exact />
      <div class="field">
        <label for="comment-anchor-paragraph">Paragraph</label>
        <select
          id="comment-anchor-paragraph"
          name="anchor_paragraph"
          data-anchor-paragraph
          aria-describedby={p.error ? 'comment-anchor-error' : undefined}
        >
          <option value="" selected={p.selected === null}>
            The whole article
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

const PREFIX = {
  exact: 'On the passage',
  moved: 'On the passage',
  approximate: 'On the passage',
  orphaned: 'On a passage that has since changed',
};

/** `?passage=pN`: that passage's comments, above the discussion. */
export function PassagePanel(p: { paragraphId: string; label: string; comments: PassageComment[]; clearHref: string }) {
  const headingId = `passage-${p.paragraphId}-heading`;
  return (
    <section
      class="passage-panel"
      id={`passage-${p.paragraphId}-comments`}
      aria-labelledby={headingId}
      data-passage-panel={p.paragraphId}
    >
      <h3 id={headingId}>Comments on paragraph {p.paragraphId.slice(1)}</h3>
      <p class="passage-panel-label">{p.label}</p>
      {p.comments.length === 0 ? (
        <p>No comments on this passage yet.</p>
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
                  <span class="visually-hidden">{PREFIX[c.status]}: </span>
                  {quoted(c.quote)}
                </blockquote>
              )}
              <Raw html={c.bodyHtml} class="comment-text" />
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href={p.clearHref}>Show all comments</a>
      </p>
    </section>
  );
}
