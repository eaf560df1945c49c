/**
 * What a reader may type in a comment, and what becomes of it. Readers write a little Markdown (or the
 * equivalent tags): **bold**, *italic*, [links](https://…), > quotes and `code`. It is rendered by
 * markdown-it and then passed through sanitize-html with a short allowlist, so whatever markdown-it lets
 * through (raw HTML included) ends up as one of eight inert tags. The sanitized HTML is what is stored and
 * shown; moderation reads the plain text derived from it.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Longest comment a reader may post, in characters of what they typed. */
export const MAX_COMMENT_LENGTH = 5000;

// 'zero' enables nothing but paragraphs; we switch on exactly the formatting we promise. Raw HTML is read
// inline only (never as a block), so everything a reader writes sits in paragraphs.
const md = new MarkdownIt('zero', { html: true, linkify: true, breaks: true }).enable([
  'emphasis',
  'link',
  'autolink',
  'linkify',
  'backticks',
  'blockquote',
  'fence',
  'newline',
  'escape',
  'entity',
  'html_inline',
]);

/** Every link a reader writes is marked as user content that earns no ranking and gets no opener. */
export const COMMENT_LINK_REL = 'nofollow ugc noopener';

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'a', 'blockquote', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Script and style contents are dropped with their tags (sanitize-html's default nonTextTags).
  transformTags: {
    b: 'strong',
    i: 'em',
    a: (_tag, attribs) => ({
      tagName: 'a',
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: COMMENT_LINK_REL },
    }),
  },
};

export interface FormattedComment {
  /** Sanitized HTML to store and show. */
  html: string;
  /** Plain text of the HTML (what word lists match against). */
  text: string;
  /** Number of links, for moderation. */
  linkCount: number;
}

/** Renders what a reader typed into safe HTML plus the text moderation needs. */
export function formatComment(source: string): FormattedComment {
  const html = sanitizeHtml(md.render(source.replace(/\r\n?/g, '\n')), SANITIZE)
    .replace(/[ \t]+<\/p>/g, '</p>')
    .replace(/<p>\s*<\/p>/g, '')
    .trim();
  return { html, text: commentText(html), linkCount: (html.match(/<a\b/g) ?? []).length };
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&nbsp;': ' ',
};

/** Plain text of sanitized comment HTML: block ends become line breaks, entities are decoded. */
export function commentText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>\n?/g, '\n').replace(/<\/(p|blockquote|pre)>\n?/g, '\n\n');
  const stripped = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return stripped
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A short one-line excerpt of a comment, for "Replying to …" and notices. */
export function commentExcerpt(html: string, max = 140): string {
  const one = commentText(html).replace(/\s+/g, ' ');
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`;
}
