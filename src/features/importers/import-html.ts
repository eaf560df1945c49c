/**
 * HTML of imported text. Article bodies go through the article renderer (its own allowlist); comments
 * get the small allowlist below, the same tags a reader may use when writing a comment here. Links in
 * comments are marked nofollow/ugc: they were written by readers, not the newsroom.
 */
import sanitizeHtml from 'sanitize-html';
import { plainText } from '../articles/index.js';

const COMMENT_ALLOWLIST: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'a', 'blockquote', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'nofollow ugc' },
    }),
  },
  // Text of removed elements (a <span>, an <img>'s surroundings) stays; script and style bodies do not.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript'],
};

const BLOCK = /<(p|div|blockquote|pre|ul|ol|h[1-6]|table)[\s>]/i;

/**
 * WordPress stores comments (and classic-editor posts) as text whose blank lines are paragraphs and
 * single newlines are line breaks (wpautop applies them on display). Text that already has block
 * markup is left as it is.
 */
export function autop(text: string): string {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (t === '' || BLOCK.test(t)) return t;
  return t
    .split(/\n{2,}/)
    .map((para) => `<p>${para.trim().replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

/** A comment body from an export, made safe to show. Empty when nothing readable is left. */
export function sanitizeImportedComment(raw: string): string {
  return sanitizeHtml(autop(raw), COMMENT_ALLOWLIST).trim();
}

/**
 * WordPress `[caption]` shortcodes around an image become a figure with its caption, so the caption
 * survives; other shortcodes are left as text for an editor to see and fix. The caption is the text after
 * the image, or (the form WordPress wrote before 3.4, and some editors still do) the `caption` attribute.
 */
export function convertCaptions(html: string): string {
  return html.replace(
    /\[caption\b([^\]]*)\]\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)\s*([\s\S]*?)\[\/caption\]/gi,
    (_m, attrs: string, img: string, inner: string) => {
      const caption = inner.trim() || captionAttribute(attrs);
      return caption ? `<figure>${img}<figcaption>${caption}</figcaption></figure>` : `<figure>${img}</figure>`;
    },
  );
}

/** `caption="…"` (or single-quoted) of a shortcode's attributes; '' when absent. */
function captionAttribute(attrs: string): string {
  const m = /\bcaption\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/i.exec(attrs);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim();
}

/** First sentences of a body, for an excerpt when the export has none. */
export function excerptFrom(html: string, max = 220): string {
  const text = plainText(html);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max / 2 ? space : max).trimEnd()}…`;
}
