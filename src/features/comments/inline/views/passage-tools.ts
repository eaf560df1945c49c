/**
 * What the article body shows beside each paragraph: the count of comments on it (a link that opens
 * them), the editors' questions on it, and "Comment on this passage". Rendered as escaped template
 * strings and inserted after each `<p id="pN">` of the sanitized body; nothing here is per-viewer.
 */
import { html, trusted, type SafeHtml } from '../../../../lib/html.js';
import type { I18n } from '../../../../platform/i18n.js';
import type { InlineQuestion } from '../inline.repo.js';

/**
 * A quoted passage between quotation marks, as every inline view shows it: “…”, or ‘…’ when the passage
 * itself holds double quotation marks (it is, or contains, a quotation), so marks never double up (““…””)
 * and an inner quotation is set apart from the outer one. The quote's own text is never changed.
 */
export function quoted(quote: string): string {
  return /[“”„‟"]/.test(quote) ? `‘${quote}’` : `“${quote}”`;
}

function tools(id: string, count: number, questions: InlineQuestion[], i18n: I18n): SafeHtml {
  const n = id.slice(1);
  const t = (key: string) => i18n.t(key, { n });
  return html`<div class="passage-tools" role="group" aria-label="${t('inline.tools_label')}" data-passage-tools="${id}">${
    count > 0
      ? html`<a class="passage-count" href="?passage=${id}#passage-${id}-comments" data-passage-count="${id}"><span aria-hidden="true">${i18n.number(count)}</span><span class="visually-hidden">${i18n.t('inline.count_on_passage', { count })}</span></a>`
      : ''
  }${questions.map(
    (q) =>
      html`<p class="passage-question"><span class="passage-question-label">${t('inline.editors_ask')}</span> ${q.question}${
        q.quote ? html` ${quoted(q.quote)}` : ''
      } <a href="?passage=${id}#comment-form" data-answer="${id}" data-quote="${q.quote}">${t('inline.answer')}<span class="visually-hidden"> ${t('inline.answer_hidden')}</span></a></p>`,
  )}<a class="passage-comment" href="?passage=${id}#comment-form" data-comment-passage="${id}">${t('inline.comment')}<span class="visually-hidden"> ${t('inline.comment_hidden')}</span></a></div>`;
}

/** The body with each paragraph's tools after it. The body is the sanitizer's output and trusted here. */
export function decorateBody(
  bodyHtml: string,
  counts: Map<string, number>,
  questions: InlineQuestion[],
  i18n: I18n,
): string {
  const byParagraph = new Map<string, InlineQuestion[]>();
  for (const q of questions)
    if (q.paragraphId) byParagraph.set(q.paragraphId, [...(byParagraph.get(q.paragraphId) ?? []), q]);
  return bodyHtml.replace(
    /(<p id="(p\d+)">[\s\S]*?<\/p>)/g,
    (_m, para: string, id: string) => para + tools(id, counts.get(id) ?? 0, byParagraph.get(id) ?? [], i18n).value,
  );
}

/**
 * The quote an anchored comment shows in the main discussion (inside the cached, shared list). Its link
 * leads to the paragraph on the article page; the embedded discussion, which has no article body, points
 * it at the article page instead (passageLinksToArticle).
 */
export function passageQuote(
  p: { quote: string; orphaned: boolean; paragraphId: string | null },
  i18n: I18n,
): SafeHtml {
  const where = i18n.t(p.orphaned ? 'inline.on_changed_passage' : 'inline.on_passage');
  const label =
    p.paragraphId && !p.orphaned
      ? html`<a class="comment-passage-link" href="#${p.paragraphId}">${where}</a>`
      : html`${where}`;
  // The label (a link) goes where the message puts `{where}`; the rest of the message is text, escaped.
  const [before = '', after = ''] = i18n
    .t('inline.passage_quote', { where: '\u0000', quote: p.quote ? quoted(p.quote) : i18n.t('inline.whole_paragraph') })
    .split('\u0000');
  return html`<blockquote class="comment-passage${p.orphaned ? ' is-orphaned' : ''}"><p>${before}${label}${after}</p></blockquote>`;
}

/**
 * For the embedded discussion: its passage links (`#pN`, right on the article page) lead to that paragraph
 * on the article page, in a new tab like every link that leaves the embed. Only passageQuote's own links
 * match: comment bodies are sanitized to links without a class.
 */
export function passageLinksToArticle(pageHtml: string, articleUrl: string, i18n: I18n): string {
  return pageHtml.replace(
    /<a class="comment-passage-link" href="#(p\d+)">([^<]*)<\/a>/g,
    (_m, id: string, where: string) =>
      html`<a class="comment-passage-link" href="${articleUrl}#${id}" target="_blank" rel="noopener">${trusted(where)}<span class="visually-hidden"> ${i18n.t('inline.new_tab')}</span></a>`
        .value,
  );
}
