/**
 * The comment list is the hottest HTML on the site (hundreds of comments under one article), so it is
 * rendered with escaping template strings instead of Preact (~3.5× faster here) and cached by
 * article, discussion version and page. Every value goes through `html`, which escapes; comment bodies
 * are sanitized on the way in and trusted here.
 */
import { html, trusted, type SafeHtml } from '../../../lib/html.js';
import { isoWithOffset } from '../../../lib/time-zone.js';
import type { I18n } from '../../../platform/i18n.js';
import type { CommentNode, PublicComment } from '../comment.types.js';
import { passageQuote } from '../inline/views/passage-tools.js';

/**
 * The list is shared by every reader (it is cached), so it holds nothing about the viewer: the vote
 * buttons submit the one `#discussion-actions` form outside it (which carries the viewer's CSRF
 * token), and "Reply" is a link that works without JavaScript.
 */
export interface CommentListOptions {
  /** Whether the down-vote button is shown (a publisher's setting). */
  downvotes: boolean;
  /** The site's language and time zone: every text and comment time is in them (part of the cache key). */
  i18n: I18n;
}

/** Id of the form, outside the cached list, that vote buttons submit. */
export const ACTIONS_FORM_ID = 'discussion-actions';

/** Initials avatar, made locally from the name: no third-party request. */
export function avatar(name: string): SafeHtml {
  const initials =
    name
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((w) => [...w][0] ?? '')
      .join('')
      .toUpperCase() || '?';
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return html`<span class="avatar hue-${h % 12}" aria-hidden="true">${initials}</span>`;
}

function voteButton(c: PublicComment, dir: 'up' | 'down', i18n: I18n): SafeHtml {
  const label = i18n.t(dir === 'up' ? 'discussion.vote_up' : 'discussion.vote_down', { name: c.authorName });
  return html`<button type="submit" class="vote vote-${dir}" form="${ACTIONS_FORM_ID}" name="vote" value="${c.id}:${dir}" data-vote="${dir}"><span aria-hidden="true">${dir === 'up' ? '▲' : '▼'}</span><span class="visually-hidden">${label}</span></button>`;
}

/** A message whose `<hidden>…</hidden>` part is for screen readers only ("Reply<hidden> to Ana</hidden>"). */
function withHidden(i18n: I18n, key: string, name: string): SafeHtml {
  const text = String(i18n.rich(key, { name, hidden: (chunks: unknown[]) => `\u0000${chunks.join('')}` }));
  const [shown = '', hidden = ''] = text.split('\u0000');
  return hidden ? html`${shown}<span class="visually-hidden">${hidden}</span>` : html`${shown}`;
}

/** A score as the page shows it: "+3", "0", "-1" in the language's digits. */
export const formatScore = (score: number, i18n: I18n): string => i18n.number(score, { signDisplay: 'exceptZero' });

function renderComment(c: PublicComment, opts: CommentListOptions): SafeHtml {
  const { i18n } = opts;
  const when = i18n.dateTime(c.createdAt, 'medium');
  return html`<article class="comment-body" aria-labelledby="comment-${c.id}-author">
<header class="comment-meta">${avatar(c.authorName)}<span class="comment-author" id="comment-${c.id}-author">${c.authorName}</span>${c.isAccount ? html` <span class="badge">${i18n.t('discussion.badge_member')}</span>` : ''}${c.isSupporter ? html` <span class="badge badge-supporter">${i18n.t('discussion.badge_supporter')}</span>` : ''}
<a class="comment-time" href="/comments/${c.id}"><time datetime="${isoWithOffset(c.createdAt, i18n.timeZone)}">${when}</time></a>${c.editedAt ? html` <span class="edited">${i18n.t('discussion.edited')}</span>` : ''}</header>
${c.replyToName ? html`<p class="reply-to">${i18n.t('discussion.replying_to', { name: c.replyToName })}</p>` : ''}${c.passage ? passageQuote(c.passage, i18n) : ''}<div class="comment-text">${trusted(c.bodyHtml)}</div>
<footer class="comment-actions"><span class="votes">${voteButton(c, 'up', i18n)}<span class="score" data-score-for="${c.id}"><span class="visually-hidden">${i18n.t('discussion.score_label')} </span>${formatScore(c.score, i18n)}</span>${opts.downvotes ? voteButton(c, 'down', i18n) : ''}</span>
<a class="reply-link" href="?reply=${c.id}#comment-form" data-reply-to="${c.id}">${withHidden(i18n, 'discussion.reply', c.authorName)}</a>
<a class="report-link" href="/comments/${c.id}/report" rel="nofollow">${withHidden(i18n, 'discussion.report', c.authorName)}</a></footer>
</article>`;
}

/** Where a top-level comment stood that readers no longer see: its replies keep their thread. Nothing to vote, answer or report. */
const removedBody = (i18n: I18n) =>
  html`<div class="comment-body comment-removed"><p class="comment-text">${i18n.t('discussion.removed')}</p></div>`;

function renderNode(node: CommentNode, opts: CommentListOptions): SafeHtml {
  const c = node.comment;
  return html`<li class="comment depth-${Math.min(c.depth, 5)}" id="comment-${c.id}" data-comment-id="${c.id}" data-depth="${c.depth}" data-author-name="${c.authorName}">${c.removed ? removedBody(opts.i18n) : renderComment(c, opts)}${
    node.replies.length > 0 ? html`<ol class="replies">${node.replies.map((r) => renderNode(r, opts))}</ol>` : ''
  }</li>`;
}

/** Renders threads as nested ordered lists. */
export function renderCommentList(threads: CommentNode[], opts: CommentListOptions): string {
  return html`<ol class="comment-list">${threads.map((t) => renderNode(t, opts))}</ol>`.value;
}

/** One comment without its replies, for live insertion and the reply just posted. */
export function renderSingleComment(c: PublicComment, opts: CommentListOptions): string {
  return renderNode({ comment: c, replies: [] }, opts).value;
}
