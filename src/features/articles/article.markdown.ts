/**
 * Article bodies: Markdown (markdown-it) with raw HTML allowed only through sanitize-html's allowlist.
 * Output paragraphs get stable ids (`p1`, `p2` …) so calls to action, inline feedback and links can
 * point at a passage. An image of the library is written `![alt](image:42)` on its own line and becomes
 * a placeholder the page fills with the responsive figure.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: true, linkify: true, typographer: true });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'a', 'code', 'pre', 'hr', 'br',
    'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub', 'abbr', 'cite', 'q', 'del', 'ins', 's', 'small', 'mark', 'aside'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title', 'width', 'height'], abbr: ['title'], th: ['scope'], td: ['colspan', 'rowspan'], th_: [] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'image'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener' } : attribs };
    },
  },
};
SANITIZE.allowedAttributes = { ...SANITIZE.allowedAttributes as Record<string, string[]>, a: ['href', 'title', 'rel'] };

/** Renders Markdown to sanitized HTML with paragraph ids and image placeholders. */
export function renderArticleBody(markdown: string): string {
  const clean = sanitizeHtml(md.render(markdown), SANITIZE);
  let n = 0;
  return clean
    .replace(/<p><img src="image:(\d+)"[^>]*\/?>\s*<\/p>/g, '<figure data-image-id="$1"></figure>')
    .replace(/<img src="image:\d+"[^>]*\/?>/g, '')
    .replace(/<p>/g, () => `<p id="p${++n}">`);
}

/** Image ids placed in a body, in order. */
export function imageIdsInBody(html: string): number[] {
  return [...html.matchAll(/<figure data-image-id="(\d+)"><\/figure>/g)].map((m) => Number(m[1]));
}

/** Plain text of a body, for excerpts, feeds and search. */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
