/**
 * The Admin API's JSON, as TypeBox schemas: each validates the request, serializes the answer (a field not
 * in a schema cannot leave: no e-mail, no IP, only fingerprints) and documents it in /api/openapi.json.
 */
import { Type, type Static } from 'typebox';
import { problemResponses } from '../../web/problem.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const RowId = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Time = Type.String({ format: 'date-time' });
const Status = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published')]);

export const IdParams = Type.Object({ id: RowId });

/** Every Admin API operation: its OpenAPI tag and its security requirement (an API token). */
export const TAGS = ['admin'];
export const security = [{ bearerAuth: [] }];

/** The errors of every Admin API route, and `extra` (status → when). */
export const tokenProblems = (extra: Record<number, string> = {}) =>
  problemResponses({
    401: 'No token, or a wrong, revoked or expired one (API_TOKEN_MISSING, API_TOKEN_INVALID, API_TOKEN_REVOKED, API_TOKEN_EXPIRED).',
    403: 'The token lacks the route’s scope (API_SCOPE_MISSING), or the issuing account may not do this.',
    ...extra,
  });

// Articles.

export const AdminArticleListQuery = Type.Object({
  status: Type.Optional(Status),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the headline.' })),
  cursor: Type.Optional(
    Type.String({ maxLength: 60, pattern: '^[0-9T:.Z-]+~[0-9]+$', description: 'From `next_cursor`.' }),
  ),
});

const AdminArticleItem = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  headline: Type.String(),
  status: Status,
  section: Nullable(Type.String({ description: 'The section’s slug.' })),
  bylines: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  publish_at: Nullable(Time),
  published_at: Nullable(Time),
  updated_at: Time,
});

export const AdminArticleListJson = Type.Object({
  items: Type.Array(AdminArticleItem),
  next_cursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next page; null on the last.' })),
});

export const AdminArticleJson = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  url: Type.String({ format: 'uri', description: 'The article page (answers 404 until published).' }),
  headline: Type.String(),
  excerpt: Type.String(),
  dateline: Nullable(Type.String()),
  body_md: Type.String({ description: 'The Markdown the editor accepts; `![alt](image:ID)` places a library image.' }),
  status: Status,
  section: Nullable(Type.String({ description: 'The section’s slug.' })),
  tags: Type.Array(Type.String()),
  byline_ids: Type.Array(Type.Integer()),
  lead_image_id: Nullable(Type.Integer()),
  publish_at: Nullable(Time),
  published_at: Nullable(Time),
  updated_at: Time,
  revision: Type.Integer({ description: 'Send it back with an update: a stale one answers 409.' }),
});

const TagName = Type.String({ minLength: 1, maxLength: 40, pattern: '^[^,]+$' });
const Headline = Type.String({ minLength: 1, maxLength: 200 });
/** Every field but the headline; absent: the article's current value (or empty for a new one). */
const optionalFields = {
  slug: Type.Optional(Type.String({ maxLength: 120, description: 'Empty or absent: made from the headline.' })),
  excerpt: Type.Optional(Type.String({ maxLength: 400 })),
  dateline: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  body_md: Type.Optional(Type.String({ maxLength: 200_000 })),
  section: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200, description: 'A section’s slug.' }))),
  tags: Type.Optional(Type.Array(TagName, { maxItems: 12 })),
  byline_ids: Type.Optional(
    Type.Array(RowId, {
      minItems: 1,
      maxItems: 6,
      description: 'Staff account ids; for a new article, default: the account that issued the token.',
    }),
  ),
  lead_image_id: Type.Optional(Nullable(RowId)),
};

export const CreateArticleBody = Type.Object(
  { headline: Headline, ...optionalFields },
  { additionalProperties: false },
);
export const UpdateArticleBody = Type.Object(
  {
    revision: Type.Integer({ minimum: 0, description: 'The `revision` the change is based on.' }),
    headline: Type.Optional(Headline),
    ...optionalFields,
  },
  { additionalProperties: false },
);
export type ArticleChanges = Omit<Static<typeof UpdateArticleBody>, 'revision'>;

// Images.

export const ImageJson = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('processing'), Type.Literal('ready'), Type.Literal('failed')]),
  width: Type.Integer(),
  height: Type.Integer(),
  alt: Type.String(),
  snippet: Type.String({ description: 'The Markdown that places the image in an article body.' }),
});

// Moderation.

const CommentStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('spam'),
  Type.Literal('trash'),
]);

export const QueueQuery = Type.Object({
  status: Type.Optional(
    Type.Union([...CommentStatus.anyOf, Type.Literal('reported'), Type.Literal('all')], { default: 'pending' }),
  ),
  article_id: Type.Optional(RowId),
  before: Type.Optional(RowId),
});

const QueueItemJson = Type.Object({
  id: Type.Integer(),
  article_id: Type.Integer(),
  article_headline: Type.String(),
  article_path: Type.String(),
  author_name: Type.String(),
  account_id: Nullable(Type.Integer()),
  email_fingerprint: Nullable(
    Type.String({ description: '8 hex characters of the e-mail’s HMAC; never the address.' }),
  ),
  ip_fingerprint: Nullable(Type.String({ description: '8 hex characters of the IP’s HMAC; never the address.' })),
  body_html: Type.String(),
  status: CommentStatus,
  moderation_reason: Nullable(Type.String()),
  report_count: Type.Integer(),
  created_at: Time,
});

export const QueueJson = Type.Object({
  items: Type.Array(QueueItemJson),
  next_before: Nullable(Type.Integer({ description: 'Pass as `before` for the next page; null on the last.' })),
});

export const ModerationParams = Type.Object({
  id: RowId,
  action: Type.Union([Type.Literal('approve'), Type.Literal('spam'), Type.Literal('trash'), Type.Literal('restore')], {
    description: 'approve: shown; spam: junk; trash: removed by a moderator (kept for the record); restore: pending.',
  }),
});

export const ModerationResultJson = Type.Object({
  id: Type.Integer(),
  status: CommentStatus,
  changed: Type.Boolean({ description: 'False when the comment already had that status.' }),
});

const Days = Type.Union(
  [Type.Literal(1), Type.Literal(7), Type.Literal(30), Type.Literal(365), Type.Literal('permanent')],
  { description: 'How long: 1, 7, 30 or 365 days, or "permanent".' },
);

export const ManualBanBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('email'), Type.Literal('ip')]),
    value: Type.String({ minLength: 1, maxLength: 320, description: 'The address; only its HMAC is stored.' }),
    days: Days,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const CommenterBanBody = Type.Object(
  {
    account: Type.Optional(Type.Boolean({ default: false })),
    email: Type.Optional(Type.Boolean({ default: false })),
    ip: Type.Optional(Type.Boolean({ default: false })),
    days: Days,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    spam_pending: Type.Optional(
      Type.Boolean({ default: false, description: 'Also mark their pending comments as spam.' }),
    ),
  },
  { additionalProperties: false },
);

const BanJson = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('user'), Type.Literal('email'), Type.Literal('ip')]),
  fingerprint: Type.String(),
  reason: Type.String(),
  expires_at: Nullable(Time),
  lifted_at: Nullable(Time),
  created_at: Time,
});

export const BanListJson = Type.Object({ active: Type.Array(BanJson), ended: Type.Array(BanJson) });
export const BanCreatedJson = Type.Object({
  ban_ids: Type.Array(Type.Integer()),
  spammed: Type.Integer({ description: 'Pending comments moved to spam.' }),
});

// Funding.

export const GiftBody = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'The day the gift arrived (UTC), not in the future.' }),
    amount_minor: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'In minor units (cents).' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217.' }),
    method: Type.Union([
      Type.Literal('bank'),
      Type.Literal('crypto'),
      Type.Literal('cash'),
      Type.Literal('cheque'),
      Type.Literal('other'),
    ]),
    note: Type.Optional(Type.String({ maxLength: 1000, description: 'Private.' })),
    public_name: Type.Optional(Type.String({ maxLength: 80 })),
    public_message: Type.Optional(Type.String({ maxLength: 280 })),
    wall_consent: Type.Optional(Type.Boolean({ default: false, description: 'The donor agreed to the donor wall.' })),
  },
  { additionalProperties: false },
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 200,
    pattern: '^[\\x21-\\x7e]+$',
    description: 'A key of your choosing (a UUID): a retried request with the same key and body counts once.',
  }),
});

export const GiftJson = Type.Object({
  id: Type.Integer(),
  month: Type.String({ description: 'YYYY-MM: the campaign it counts for.' }),
  donated_at: Time,
  amount_minor: Type.Integer(),
  currency: Type.String(),
  method: Type.String(),
  replayed: Type.Boolean({ description: 'True when this answers a retry: nothing was recorded again.' }),
});
