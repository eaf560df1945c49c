/**
 * The Content API's JSON, as TypeBox schemas: each one validates the query, serializes the answer (a field
 * not in a schema cannot leave: no e-mail, ever) and documents it in /api/openapi.json.
 */
import { Type, type Static } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SectionJson = Type.Object(
  { slug: Type.String(), name: Type.String() },
  { $id: 'Section', title: 'Section' },
);
export const TagJson = Type.Object({ slug: Type.String(), name: Type.String() }, { $id: 'Tag', title: 'Tag' });
export const BylineJson = Type.Object(
  {
    name: Type.String(),
    slug: Nullable(Type.String({ description: 'The author page is /author/<slug>; null when there is none.' })),
  },
  { $id: 'Byline', title: 'Byline', description: 'An author of an article: the name shown, never an e-mail.' },
);
export const LeadImageJson = Type.Object(
  {
    url: Type.String({ format: 'uri', description: 'The largest JPEG rendition (absolute URL).' }),
    alt: Type.String({ description: 'Empty only for a decorative image.' }),
    width: Type.Integer(),
    height: Type.Integer(),
  },
  { $id: 'LeadImage', title: 'LeadImage' },
);

const summaryProperties = {
  id: Type.Integer(),
  slug: Type.String(),
  url: Type.String({ format: 'uri', description: 'The article page.' }),
  headline: Type.String(),
  excerpt: Type.String({ description: 'The standfirst, plain text; may be empty.' }),
  section: Nullable(Type.Ref('Section')),
  authors: Type.Array(Type.Ref('Byline'), { description: 'The byline, in order.' }),
  published_at: Type.String({ format: 'date-time', description: 'First publication.' }),
  comment_count: Type.Integer({ description: 'Approved comments.' }),
  lead_image: Nullable(Type.Ref('LeadImage')),
};

/** An article in a list. */
export const ArticleItemJson = Type.Object(
  {
    ...summaryProperties,
    tags: Type.Array(Type.Ref('Tag')),
    updated_at: Type.String({ format: 'date-time', description: 'Last editorial change.' }),
  },
  { $id: 'ArticleItem', title: 'ArticleItem' },
);
export type ArticleItem = Static<typeof ArticleItemJson>;

export const CorrectionJson = Type.Object(
  {
    id: Type.Integer(),
    body: Type.String({ description: 'Plain text of the note.' }),
    created_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'Correction', title: 'Correction' },
);

/** One article with its body. */
export const ArticleJson = Type.Object(
  {
    ...ArticleItemJson.properties,
    dateline: Nullable(Type.String({ description: 'Place line, e.g. "LISBON".' })),
    body_html: Type.String({
      description:
        'The sanitized HTML body as the article page shows it, images as their <figure>s; relative addresses resolve against the site URL.',
    }),
    corrections: Type.Array(Type.Ref('Correction'), { description: 'Oldest first.' }),
    comments_open: Type.Boolean(),
  },
  { $id: 'Article', title: 'Article' },
);
export type ArticleDetail = Static<typeof ArticleJson>;

const nextCursor = Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last page.' }));

export const ArticleListJson = Type.Object({ items: Type.Array(Type.Ref('ArticleItem')), next_cursor: nextCursor });
export const SectionListJson = Type.Object({ items: Type.Array(Type.Ref('Section')) });
export const TagListJson = Type.Object({ items: Type.Array(Type.Ref('Tag')), next_cursor: nextCursor });
export const AuthorJson = Type.Object(
  {
    name: Type.String(),
    slug: Type.String({ description: 'The author page is /author/<slug>.' }),
    url: Type.String({ format: 'uri' }),
    bio: Nullable(Type.String()),
  },
  { $id: 'Author', title: 'Author', description: 'A public author profile: never an e-mail.' },
);
export const AuthorListJson = Type.Object({ items: Type.Array(Type.Ref('Author')), next_cursor: nextCursor });

export const SearchHitJson = Type.Object(
  {
    article: Type.Object(summaryProperties),
    headline_html: Type.String({ description: 'Escaped headline with <mark> around the matches.' }),
    snippet_html: Type.String({ description: 'Escaped passage with <mark> around the matches.' }),
  },
  { $id: 'SearchHit', title: 'SearchHit' },
);
export const SearchResultJson = Type.Object({
  q: Type.String({ description: 'The query as understood (trimmed).' }),
  page: Type.Integer(),
  items: Type.Array(Type.Ref('SearchHit')),
  next_page: Nullable(Type.Integer({ description: 'The next page number; null on the last page.' })),
});

export const PageItemJson = Type.Object(
  {
    slug: Type.String({ description: 'The page is /pages/<slug> on the site.' }),
    url: Type.String({ format: 'uri' }),
    title: Type.String(),
    updated_at: Type.String({ format: 'date-time' }),
  },
  {
    $id: 'PageItem',
    title: 'PageItem',
    description: 'A page of the site (About, Contact, Ethics policy …): not an article, never in the article list.',
  },
);
export const PageJson = Type.Object(
  {
    slug: Type.String(),
    url: Type.String({ format: 'uri' }),
    title: Type.String(),
    excerpt: Type.String(),
    updated_at: Type.String({ format: 'date-time' }),
    body_html: Type.String({ description: 'The sanitized body, with its images as figures.' }),
  },
  { $id: 'Page', title: 'Page' },
);
export const PageListJson = Type.Object({ items: Type.Array(Type.Ref('PageItem')) });

/** Shared schemas, registered once with `app.addSchema` (components of the OpenAPI document). */
export const API_SCHEMAS = [
  SectionJson,
  TagJson,
  BylineJson,
  LeadImageJson,
  ArticleItemJson,
  CorrectionJson,
  ArticleJson,
  AuthorJson,
  SearchHitJson,
  PageItemJson,
  PageJson,
];

export const CURSOR = Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$', description: 'From `next_cursor`.' });
export const LIMIT = (max: number, dflt: number) =>
  Type.Integer({ minimum: 1, maximum: max, default: dflt, description: `Items per page (1–${max}).` });
const SLUG = Type.String({ minLength: 1, maxLength: 200 });

export const ArticleListQuery = Type.Object({
  section: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'A section slug.' })),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'A tag slug.' })),
  author: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'An author slug.' })),
  updated_since: Type.Optional(
    Type.String({ format: 'date-time', description: 'Only articles changed at or after this time (RFC 3339).' }),
  ),
  limit: Type.Optional(LIMIT(100, 20)),
  cursor: Type.Optional(CURSOR),
});
export const SlugParams = Type.Object({ slug: SLUG });
export const PagedQuery = Type.Object({ limit: Type.Optional(LIMIT(100, 100)), cursor: Type.Optional(CURSOR) });
