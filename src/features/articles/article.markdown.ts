/**
 * Article bodies: Markdown (markdown-it) with raw HTML allowed only through sanitize-html's allowlist.
 * Output paragraphs get stable ids (`p1`, `p2` …) so calls to action, inline feedback and links can
 * point at a passage. An image of the library is written `![alt](image:42)` on its own line and becomes
 * a placeholder the page fills with the responsive figure.
 *
 * What the allowlist removes: scripts, styles, iframes, forms and every other tag not listed; every
 * attribute not listed (so `on*` event handlers and `style`); URLs whose scheme is not http(s)/mailto
 * (so `javascript:`, `data:`, `vbscript:`, however cased or entity-encoded); images not in the library.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { topLevelBlocks } from '../../lib/html-blocks.js';

const md = new MarkdownIt({ html: true, linkify: true, typographer: true });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'b',
    'i',
    'a',
    'code',
    'pre',
    'hr',
    'br',
    'img',
    'figure',
    'figcaption',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'sup',
    'sub',
    'abbr',
    'cite',
    'q',
    'del',
    'ins',
    's',
    'small',
    'mark',
    'aside',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    th: ['scope'],
    td: ['colspan', 'rowspan'],
    th_: [],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Images come from the library (`image:ID`) or this site: an image from elsewhere would be a
  // third-party request from a reader's page (and a tracking pixel), so it is dropped.
  allowedSchemesByTag: { img: ['image'] },
  allowProtocolRelative: false,
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    // Only library images (`image:42`) survive; other <img> tags lose their src and are dropped.
    img: (tagName, attribs) => ({
      tagName,
      attribs: /^image:\d+$/.test(attribs.src ?? '') ? attribs : { ...attribs, src: '' },
    }),
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener' } : attribs };
    },
  },
};
SANITIZE.allowedAttributes = {
  ...(SANITIZE.allowedAttributes as Record<string, string[]>),
  a: ['href', 'title', 'rel'],
};

const LONE_IMAGE = /^<p><img src="image:(\d+)"[^>]*\/?>\s*<\/p>\s*$/;
// A figure around a library image (e.g. an imported WordPress [caption]) becomes the library figure,
// whose caption and credit come from the image library.
const FIGURE_IMAGE = /^<figure>\s*(?:<p>)?\s*<img src="image:(\d+)"[^>]*\/?>[\s\S]*?<\/figure>\s*$/;
const NESTED_IMAGE = /<img src="image:(\d+)"[^>]*\/?>/g;

/**
 * Renders Markdown to sanitized HTML with paragraph ids and image placeholders. Placeholders stand only
 * between top-level blocks (the page cuts the body there): a library image inside a quote, a list or a
 * table is moved to just after that block, never dropped and never left to split it.
 */
export function renderArticleBody(markdown: string): string {
  const clean = sanitizeHtml(md.render(markdown), SANITIZE);
  const out: string[] = [];
  for (const block of topLevelBlocks(clean)) {
    const lone = LONE_IMAGE.exec(block) ?? FIGURE_IMAGE.exec(block);
    if (lone) {
      out.push(`<figure data-image-id="${lone[1]}"></figure>\n`);
      continue;
    }
    const hoisted = [...block.matchAll(NESTED_IMAGE)].map((m) => `<figure data-image-id="${m[1]}"></figure>\n`);
    out.push(hoisted.length ? block.replace(NESTED_IMAGE, '').replace(/<(p|li)>\s*<\/\1>\s*/g, '') : block, ...hoisted);
  }
  let n = 0;
  return out.join('').replace(/<p>/g, () => `<p id="p${++n}">`);
}

/** Image ids placed in a body, in order. */
export function imageIdsInBody(html: string): number[] {
  return [...html.matchAll(/<figure data-image-id="(\d+)"><\/figure>/g)].map((m) => Number(m[1]));
}

/**
 * The picture of an article's card: its lead image, else the first image placed in its body, else none.
 * Stored as articles.card_image_id whenever a body or lead image is written (see article.card-image.repo.ts),
 * so listings never read bodies.
 */
export function cardImageOf(leadImageId: number | null, bodyHtml: string): number | null {
  return leadImageId ?? imageIdsInBody(bodyHtml)[0] ?? null;
}

/** Plain text of a body, for excerpts, feeds and search. */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
