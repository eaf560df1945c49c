/**
 * What the article body shows beside each paragraph: the count of comments on it (a link that opens
 * them), the editors' questions on it, and "Comment on this passage". Rendered as escaped template
 * strings and inserted after each `<p id="pN">` of the sanitized body; nothing here is per-viewer.
 */
import { html, trusted, type SafeHtml } from '../../../../lib/html.js';
import type { InlineQuestion } from '../inline.repo.js';

const plural = (n: number) => `${n} ${n === 1 ? 'comment' : 'comments'}`;

/**
 * A quoted passage between quotation marks, as every inline view shows it: “…”, or ‘…’ when the passage
 * itself holds double quotation marks (it is, or contains, a quotation), so marks never double up (““…””)
 * and an inner quotation is set apart from the outer one. The quote's own text is never changed.
 */
export function quoted(quote: string): string {
  return /[“”„‟"]/.test(quote) ? `‘${quote}’` : `“${quote}”`;
}

function tools(id: string, count: number, questions: InlineQuestion[]): SafeHtml {
  const n = id.slice(1);
  return html`<div class="passage-tools" role="group" aria-label="Feedback on paragraph ${n}" data-passage-tools="${id}">${
    count > 0
      ? html`<a class="passage-count" href="?passage=${id}#passage-${id}-comments" data-passage-count="${id}"><span aria-hidden="true">${count}</span><span class="visually-hidden">${plural(count)} on this passage</span></a>`
      : ''
  }${questions.map(
    (q) =>
      html`<p class="passage-question"><span class="passage-question-label">The editors ask:</span> ${q.question}${
        q.quote ? html` ${quoted(q.quote)}` : ''
      } <a href="?passage=${id}#comment-form" data-answer="${id}" data-quote="${q.quote}">Answer<span class="visually-hidden"> the editors’ question on paragraph ${n}</span></a></p>`,
  )}<a class="passage-comment" href="?passage=${id}#comment-form" data-comment-passage="${id}">Comment<span class="visually-hidden"> on paragraph ${n}</span></a></div>`;
}

/** The body with each paragraph's tools after it. The body is the sanitizer's output and trusted here. */
export function decorateBody(bodyHtml: string, counts: Map<string, number>, questions: InlineQuestion[]): string {
  const byParagraph = new Map<string, InlineQuestion[]>();
  for (const q of questions)
    if (q.paragraphId) byParagraph.set(q.paragraphId, [...(byParagraph.get(q.paragraphId) ?? []), q]);
  return bodyHtml.replace(
    /(<p id="(p\d+)">[\s\S]*?<\/p>)/g,
    (_m, para: string, id: string) => para + tools(id, counts.get(id) ?? 0, byParagraph.get(id) ?? []).value,
  );
}

/**
 * The quote an anchored comment shows in the main discussion (inside the cached, shared list). Its link
 * leads to the paragraph on the article page; the embedded discussion, which has no article body, points
 * it at the article page instead (passageLinksToArticle).
 */
export function passageQuote(p: { quote: string; orphaned: boolean; paragraphId: string | null }): SafeHtml {
  const where = p.orphaned ? 'On a passage that has since changed' : 'On the passage';
  const label =
    p.paragraphId && !p.orphaned ? html`<a class="comment-passage-link" href="#${p.paragraphId}">${where}</a>` : where;
  return html`<blockquote class="comment-passage${p.orphaned ? ' is-orphaned' : ''}"><p>${label}: ${p.quote ? quoted(p.quote) : 'the whole paragraph'}</p></blockquote>`;
}

/**
 * For the embedded discussion: its passage links (`#pN`, right on the article page) lead to that paragraph
 * on the article page, in a new tab like every link that leaves the embed. Only passageQuote's own links
 * match: comment bodies are sanitized to links without a class.
 */
export function passageLinksToArticle(pageHtml: string, articleUrl: string): string {
  return pageHtml.replace(
    /<a class="comment-passage-link" href="#(p\d+)">([^<]*)<\/a>/g,
    (_m, id: string, where: string) =>
      html`<a class="comment-passage-link" href="${articleUrl}#${id}" target="_blank" rel="noopener">${trusted(where)}<span class="visually-hidden"> (opens in a new tab)</span></a>`
        .value,
  );
}
