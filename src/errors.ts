/**
 * One error type for everything a user may see. `code` is stable (clients and tests match on it),
 * `message` is safe to show, `internal` goes only to the logs.
 *
 * Every code is declared once, in ERRORS: its HTTP status, whether it is shown on the form that was sent
 * (the person can fix it by changing what they typed, or by sending it again) and when it happens.
 * docs/errors.md lists the same table; a unit test keeps the two alike.
 */
import type { Text } from './lib/message.js';
import { english } from './platform/i18n.js';

interface ErrorSpec {
  /** The HTTP status of the response. */
  readonly status: number;
  /** Shown on the form that was sent (formErrors re-renders it) rather than on the error page. */
  readonly form: boolean;
  /** When it happens, for docs/errors.md. */
  readonly doc: string;
}

const form = <S extends number>(status: S, doc: string) => ({ status, form: true, doc }) as const;
const page = <S extends number>(status: S, doc: string) => ({ status, form: false, doc }) as const;

export const ERRORS = {
  // Generic: the request itself, before any feature looked at it.
  INVALID_INPUT: form(400, 'A field or parameter fails the route’s schema (a form field, a query or a path segment).'),
  BAD_REQUEST: form(400, 'Any other client error the framework reports that has no code of its own.'),
  MALFORMED_URL: page(400, 'The address cannot be parsed (bad percent-encoding), before any route.'),
  NUL_BYTE: form(400, 'The address or a form field contains a NUL byte.'),
  CSRF_INVALID: form(403, 'A form’s CSRF token is missing, forged or expired.'),
  SIGN_IN_REQUIRED: page(401, 'A page or action needs a signed-in account.'),
  ROLE_FORBIDDEN: page(403, 'The signed-in account lacks the role the page needs.'),
  NOT_FOUND: page(404, 'No route or page at that address.'),
  PAYLOAD_TOO_LARGE: form(413, 'The body is larger than the route accepts.'),
  UNSUPPORTED_MEDIA: form(415, 'The content type is not one the route accepts.'),
  RATE_LIMITED: page(429, 'Too many requests from one client within the limiter’s window.'),
  INTERNAL: page(500, 'An unexpected fault; the detail goes to the log only.'),
  DATABASE_UNAVAILABLE: page(
    503,
    'The database cannot be reached (PostgreSQL restarting or down, SQLite unreadable); Retry-After says when to try again.',
  ),
  DATABASE_BUSY: page(503, 'SQLite: another process held the write lock longer than SQLITE_BUSY_TIMEOUT_MS.'),
  STORAGE_FULL: page(503, 'The disk under the database is full: nothing was saved.'),

  // Accounts, staff and passwords.
  SIGN_IN_FAILED: form(401, 'The e-mail and password do not match an active account.'),
  ACCOUNT_NOT_FOUND: page(404, 'The account does not exist or is disabled.'),
  ACCOUNT_NAME_INVALID: form(400, 'A new display name is empty or too long.'),
  PASSWORD_CURRENT_WRONG: form(400, 'Changing the password: the current password is wrong.'),
  PASSWORD_CHANGED_ELSEWHERE: form(409, 'The password was changed by another session meanwhile.'),
  PASSWORD_INVALID: form(400, 'A new password is too short, too long or not repeated alike.'),
  PASSWORD_RESET_EMAIL_INVALID: form(400, '“Forgot your password?”: the e-mail address is not valid.'),
  PASSWORD_LINK_EXPIRED: page(410, 'A password link has expired or was used already.'),
  ACCOUNT_DELETE_STAFF: form(409, 'A staff account tries to delete itself (the publisher closes staff accounts).'),
  ACCOUNT_DELETE_PASSWORD_WRONG: form(400, 'Deleting one’s account: the password is wrong.'),
  SIGNUP_INVALID: form(400, 'The sign-up form has fields that need attention.'),
  PUBLISHER_EMAIL_INVALID: form(400, 'create-publisher (CLI): the address is not an e-mail address.'),
  STAFF_PUBLISHER_ONLY: page(403, 'Someone other than the publisher manages the staff.'),
  STAFF_INVITE_INVALID: form(400, 'The staff invitation has fields that need attention.'),
  STAFF_ALREADY_MEMBER: form(409, 'The invited address already belongs to a staff member.'),
  STAFF_NOT_FOUND: page(404, 'The staff member does not exist (or is a reader).'),
  STAFF_PASSWORD_ALREADY_SET: form(409, 'Resending an invitation to someone who has set a password.'),
  STAFF_ACCOUNT_DISABLED: form(409, 'Resending an invitation to a disabled account.'),
  STAFF_ROLE_INVALID: form(400, 'The role is not one of the roles.'),
  STAFF_OWN_ROLE: form(409, 'A publisher tries to change their own role.'),
  STAFF_DISABLE_SELF: form(409, 'A publisher tries to disable their own account.'),
  LAST_PUBLISHER: form(409, 'The change would leave the site without an active publisher.'),

  // Site settings.
  SETTINGS_PUBLISHER_ONLY: page(403, 'Someone other than the publisher changes site settings.'),
  CTA_PARAGRAPH_INVALID: form(400, 'The call-to-action paragraph number is not a whole number in range.'),
  SITE_NAME_REQUIRED: form(400, 'The site settings were sent without a site name.'),
  SITE_ACCENT_INVALID: form(400, 'The accent colour is not a #rrggbb colour, or fails WCAG AA contrast (4.5:1).'),
  SITE_TIME_ZONE_INVALID: form(400, 'The time zone is not an IANA time zone name this server knows.'),
  SITE_TYPE_PAIRING_INVALID: form(400, 'The type pairing is not one of those the site offers.'),
  SITE_LOCALE_INVALID: form(400, 'The language is not one of those Broadsheet ships (en, fr, ar).'),

  // Articles.
  ARTICLE_NOT_FOUND: page(404, 'The article does not exist (or is not published, for readers).'),
  ARTICLE_EDIT_FORBIDDEN: page(403, 'The account may not open, preview or edit this article.'),
  ARTICLE_WRITE_FORBIDDEN: page(403, 'The account may not write articles.'),
  ARTICLE_PUBLISH_FORBIDDEN: page(403, 'The account may not publish, schedule or unpublish.'),
  ARTICLE_DELETE_FORBIDDEN: page(403, 'The account may not delete this article.'),
  ARTICLE_CORRECT_FORBIDDEN: page(403, 'Someone other than an editor adds a correction.'),
  ARTICLE_INVALID: form(400, 'The article form has fields that need attention.'),
  ARTICLE_FORM_INCOMPLETE: form(400, 'The article form arrived without its hidden fields.'),
  ARTICLE_TOO_LARGE: form(413, 'The article was larger than the editor accepts; nothing was saved.'),
  ARTICLE_EDIT_CONFLICT: form(409, 'Someone else saved the article after it was opened.'),
  ARTICLE_SLUG_TAKEN: form(409, 'Another article has the address (slug).'),
  ARTICLE_HEADLINE_REQUIRED: form(400, 'A preview of an article without a headline.'),
  ARTICLE_BODY_REQUIRED: form(400, 'Publishing or scheduling an article without a body.'),
  ARTICLE_PUBLISH_AT_INVALID: form(400, 'Scheduling: the publication time is missing or not a date.'),
  ARTICLE_PUBLISH_AT_PAST: form(400, 'Scheduling: the publication time is not in the future.'),
  ARTICLE_ALREADY_PUBLISHED: form(400, 'Scheduling an article that is already published.'),
  ARTICLE_REVISION_NOT_FOUND: page(404, 'The revision does not exist, or belongs to another article (or was pruned).'),
  ARTICLE_AUTOSAVE_CONFLICT: form(409, 'Another tab or window autosaved the article after this one last did.'),
  CORRECTION_NOTE_INVALID: form(400, 'A correction note is too short or too long.'),

  // Pages and navigation.
  PAGE_NOT_FOUND: page(404, 'The page (About, Contact …) does not exist (or is not published, for readers).'),
  PAGE_INVALID: form(400, 'The page form has fields that need attention.'),
  NAVIGATION_INVALID: form(400, 'A navigation or footer item is not valid (an unknown section or page, a bad link).'),
  CORRECTION_NOT_PUBLISHED: form(400, 'A correction to an article that is not published.'),

  // Discussion: comments, votes, reports.
  COMMENT_NOT_FOUND: page(404, 'The comment does not exist.'),
  COMMENT_NOT_SHOWN: page(404, 'The comment exists but is not (or no longer) shown.'),
  COMMENTS_CLOSED: form(403, 'Posting on an article whose comments are closed.'),
  COMMENT_INVALID: form(400, 'The comment form has fields that need attention (name, e-mail).'),
  COMMENT_HONEYPOT: form(400, 'The field meant to stay empty (against bots) was filled in.'),
  EMBED_ORIGIN_INVALID: form(
    400,
    'A site allowed to embed the discussion is not the address of a web site (https://…).',
  ),
  COMMENT_EMPTY: form(400, 'A comment with no text.'),
  COMMENT_TOO_LONG: form(400, 'A comment longer than the limit.'),
  COMMENT_PARENT_GONE: form(400, 'A reply to a comment that is no longer available.'),
  COMMENT_RATE_LIMITED: form(429, 'A commenter posts more often than the site allows.'),
  COMMENT_REJECTED: form(403, 'Moderation refused the comment (a ban, a banned word); nothing was stored.'),
  COMMENT_NOT_OWNER: form(403, 'Changing a comment written by someone else (or in another browser).'),
  COMMENT_AWAITING_REVIEW: form(403, 'Changing a comment that is held for review.'),
  COMMENT_EDIT_CLOSED: form(403, 'Changing a comment after its edit window has passed.'),
  COMMENT_HAS_REPLIES: form(409, 'Deleting a comment that others have replied to.'),
  COMMENT_SESSION_EXPIRED: form(401, 'The account of the commenter’s session is gone.'),
  COMMENT_PAGE_INVALID: form(400, 'A link to a page of comments that does not exist (bad cursor).'),
  VOTE_RATE_LIMITED: page(429, 'A reader votes more often than the vote limiter allows.'),
  VOTE_DOWN_DISABLED: form(400, 'A down vote while down votes are switched off.'),
  VOTE_BANNED: page(403, 'A banned reader votes.'),
  VOTE_COMMENT_UNAVAILABLE: page(404, 'A vote on a comment that is not shown.'),
  VOTE_OWN_COMMENT: page(403, 'A vote on one’s own comment.'),
  VOTE_GUEST_ALREADY: page(403, 'A guest vote beyond the share one network (IPv4 address, IPv6 /64) has on a comment.'),
  REPORT_REASON_REQUIRED: form(400, 'A report without a reason.'),
  REPORT_OWN_COMMENT: form(400, 'A report on one’s own comment.'),
  REPORT_BANNED: page(403, 'A banned reader reports a comment.'),

  // Moderation and bans.
  MODERATION_ACTION_REQUIRED: form(400, 'A bulk moderation form sent without an action.'),
  MODERATION_SELECTION_EMPTY: form(400, 'A bulk moderation action with no comment selected.'),
  MODERATION_SELECTION_TOO_LARGE: form(400, 'A bulk moderation action on more comments than allowed at once.'),
  BAN_NOT_FOUND: page(404, 'The ban does not exist.'),
  BAN_ALREADY_LIFTED: page(409, 'Lifting a ban that was lifted already.'),
  BAN_STAFF: page(403, 'Banning a staff account from the moderation queue.'),
  BAN_SCOPE_REQUIRED: form(400, 'A ban that names nothing to ban (account, e-mail, IP).'),
  BAN_REASON_REQUIRED: form(400, 'A ban without a reason.'),
  BAN_EMAIL_INVALID: form(400, 'A ban on an e-mail address that is not one.'),
  BAN_IP_INVALID: form(400, 'A ban on an IP address that is not one.'),

  // Inline feedback (passages and questions).
  PASSAGE_QUOTE_TOO_LONG: form(400, 'The chosen passage is longer than a quote may be.'),
  PASSAGE_GONE: form(400, 'The chosen paragraph is no longer in the article.'),
  PASSAGE_QUOTE_MISMATCH: form(400, 'The quoted text is not in the chosen paragraph.'),
  INLINE_QUESTION_INVALID: form(400, 'A passage question that is empty or too long.'),
  INLINE_QUESTION_NOT_FOUND: page(404, 'Removing a passage question that is gone already.'),

  // Listings, feeds and live updates.
  SECTION_NOT_FOUND: page(404, 'No section with that address.'),
  TAG_NOT_FOUND: page(404, 'No tag with that address.'),
  AUTHOR_NOT_FOUND: page(404, 'No author with that address.'),
  ARCHIVE_ADDRESS_INVALID: form(400, 'An archive address that is not /archive/YYYY/MM.'),
  ARCHIVE_MONTH_EMPTY: page(404, 'An archive month without published articles.'),
  PAGE_LINK_INVALID: page(400, 'A listing’s page link (cursor) that is not ours, or goes both ways.'),
  SITEMAP_NOT_FOUND: page(404, 'A sitemap page that does not exist.'),
  LIVE_TOPICS_INVALID: page(400, 'The live stream was asked for topics it does not know.'),
  LIVE_TOO_MANY_STREAMS: page(
    429,
    'One client network holds LIVE_MAX_STREAMS_PER_NETWORK live streams open already; Retry-After says when to try again.',
  ),
  LIVE_BUSY: page(
    503,
    'This process holds LIVE_MAX_STREAMS live streams open already; Retry-After says when to try again.',
  ),

  // Images.
  IMAGE_NOT_FOUND: page(404, 'The image does not exist.'),
  IMAGE_UPLOAD_FORBIDDEN: page(403, 'The account may not upload images.'),
  IMAGE_DESCRIBE_FORBIDDEN: page(403, 'An author describes an image someone else uploaded.'),
  IMAGE_DELETE_FORBIDDEN: page(403, 'Someone other than an editor deletes an image.'),
  IMAGE_IN_USE: form(409, 'Deleting an image that articles still use.'),
  IMAGE_FILE_REQUIRED: form(400, 'The upload form was sent without a file.'),
  IMAGE_TEXT_INVALID: form(400, 'Alt text, caption or credit missing or too long.'),
  IMAGE_UNREADABLE: form(415, 'The file is not an image in a format the site accepts.'),
  IMAGE_TOO_MANY_PIXELS: form(422, 'The image has more pixels than the site processes.'),
  IMAGE_DAMAGED: form(422, 'The image could not be processed (damaged file).'),
  IMAGE_TOO_LARGE: form(413, 'The image file is larger than the upload limit.'),
  IMAGE_TOO_SMALL: form(422, 'A logo or favicon has fewer pixels than it needs to look sharp.'),
  IMAGE_NOT_SQUARE: form(422, 'A favicon picture is not (nearly) square.'),
  UPLOAD_NOT_MULTIPART: form(415, 'An upload sent other than as multipart/form-data.'),
  UPLOAD_INCOMPLETE: form(400, 'The upload stream broke off before the end.'),

  // Importers.
  IMPORT_NOT_FOUND: page(404, 'The import job does not exist.'),
  IMPORT_FILE_REQUIRED: form(400, 'The import form was sent without a file.'),
  IMPORT_FORMAT_REQUIRED: form(400, 'The import form names no format (WordPress or Disqus).'),
  IMPORT_MAPPING_REQUIRED: form(400, 'The import form names no way to match Disqus threads to articles.'),
  IMPORT_TOO_LARGE: form(413, 'The export file is larger than the web upload accepts.'),
  IMPORT_NOT_XML: form(415, 'The uploaded file is not XML.'),
  IMPORT_NOT_WXR: form(422, 'The XML file is not a WordPress export (WXR).'),
  IMPORT_NOT_DISQUS: form(422, 'The XML file is not a Disqus export.'),
  MEDIA_ARCHIVE_TOO_LARGE: form(
    413,
    'The uploaded media archive, or what it unpacks to, is larger than IMPORT_MEDIA_MAX_MB allows.',
  ),
  MEDIA_ARCHIVE_UNREADABLE: form(415, 'The uploaded media archive is not a zip, tar or tar.gz file, or is damaged.'),
  MEDIA_ARCHIVE_UNSAFE: form(
    422,
    'A media archive entry points outside its folder (`..`, an absolute path) or is a link or device; nothing is unpacked.',
  ),
  RESTORE_NOT_JSON: form(415, 'The uploaded backup is not a site document written by export.'),
  RESTORE_REFUSED: form(
    409,
    'The backup cannot be restored here (the site is not empty, or the document is of another version or cut off).',
  ),

  // Mail.
  MAIL_NOT_RETRYABLE: form(409, 'Retrying a mail that is being sent or has been sent.'),
  DIGEST_WINDOW_INVALID: form(422, 'The digest window is not a whole number of minutes in range.'),

  // Subscriptions to discussions.
  SUBSCRIBE_EMAIL_INVALID: form(400, 'Subscribing with an address that is not an e-mail address.'),
  SUBSCRIBE_COMMENTS_CLOSED: form(422, 'Subscribing to an article whose comments are closed.'),
  SUBSCRIPTION_NOT_FOUND: page(404, 'The subscription does not exist (or is not of this address).'),
  SUBSCRIPTION_NOT_CONFIRMED: page(409, 'Changing a subscription that is not confirmed yet.'),
  CONFIRM_LINK_USED: page(410, 'A confirmation link that is not valid any more (used already).'),
  CONFIRM_LINK_EXPIRED: page(410, 'A confirmation link that has expired.'),
  UNSUBSCRIBE_LINK_INVALID: page(404, 'A one-click unsubscribe link that is not valid.'),
  MANAGE_LINK_INVALID: page(410, 'A manage link that has expired or is not valid.'),
  MANAGE_LINK_EMPTY: page(410, 'A manage link whose subscriptions are all gone.'),

  // Funding: campaigns, gifts, donors, Stripe.
  CAMPAIGN_NOT_FOUND: page(404, 'The campaign does not exist.'),
  CAMPAIGN_INVALID: form(400, 'The campaign form has fields that need attention.'),
  CAMPAIGN_MONTH_TAKEN: form(400, 'A second campaign for a month that has one.'),
  GIVING_SETTINGS_INVALID: form(400, 'The giving settings have fields that need attention.'),
  DONATION_AMOUNT_INVALID: form(400, 'The donate form has fields that need attention (amount, frequency, e-mail).'),
  GIVING_NOT_CONFIGURED: form(503, 'Donating while online giving (Stripe) is not set up.'),
  PAYMENT_UNAVAILABLE: form(503, 'The payment service could not be reached; nothing was charged.'),
  GIFT_NOT_FOUND: page(404, 'The gift does not exist.'),
  OFFLINE_GIFT_INVALID: form(400, 'The offline gift form has fields that need attention.'),
  GIFT_ONLINE_READONLY: page(409, 'Changing an online gift (only Stripe changes those).'),
  DONOR_LINK_INVALID: page(404, 'A donor’s link (receipt or portal) that is not valid.'),
  DONOR_SIGN_IN_REQUIRED: page(401, 'A donor page opened without a link and without signing in.'),
  PLEDGE_NOT_READY: page(409, 'Managing a monthly gift that Stripe has not confirmed yet.'),
  WEBHOOKS_NOT_CONFIGURED: page(503, 'A Stripe webhook arrives while webhooks are not configured.'),
  WEBHOOK_SIGNATURE_INVALID: page(400, 'A Stripe webhook whose signature does not verify.'),
  WEBHOOK_NOT_APPLIED: page(500, 'A verified Stripe event could not be applied now (Stripe retries).'),

  // API tokens and the Admin API.
  API_TOKEN_MISSING: page(
    401,
    'An Admin API request without `Authorization: Bearer <token>` (a session cookie is not accepted).',
  ),
  API_TOKEN_INVALID: page(401, 'The bearer token is malformed or no token has that secret.'),
  API_TOKEN_REVOKED: page(401, 'The bearer token was revoked by the publisher.'),
  API_TOKEN_EXPIRED: page(401, 'The bearer token is past its expiry.'),
  API_SCOPE_MISSING: page(403, 'The bearer token lacks the scope the route needs.'),
  API_TOKEN_INVALID_FORM: form(400, 'Issuing a token: the name, scopes or expiry need attention.'),
  API_TOKEN_NOT_FOUND: page(404, 'Revoking a token that does not exist.'),
  IDEMPOTENCY_KEY_REUSED: page(422, 'An Idempotency-Key already used for a different request.'),

  // Outgoing webhooks (/admin/webhooks).
  WEBHOOK_ENDPOINT_INVALID_FORM: form(400, 'Adding a webhook endpoint: the address or the events need attention.'),
  WEBHOOK_ENDPOINT_NOT_FOUND: page(404, 'A webhook endpoint that does not exist (or was deleted).'),
  WEBHOOK_DELIVERY_NOT_FOUND: page(404, 'Redelivering a webhook delivery that does not exist.'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly status: number;
  /** What the person is told, in the site's language when it is a catalogue message (`Error.message` is English). */
  readonly text: Text;
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to the user: a catalogue message (msg('…')), or text already written out. */
    message: Text,
    readonly options: {
      /** Per-field messages for forms. */
      fields?: Record<string, Text>;
      /** Private context for the logs only. */
      internal?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(english(message), { cause: options.cause });
    this.name = 'AppError';
    this.text = message;
    this.status = ERRORS[code].status;
  }

  /** Shown on the form that was sent rather than on the error page (see ERRORS). */
  get onForm(): boolean {
    return ERRORS[this.code].form;
  }
}

/** Codes whose status is 404: what `notFound` may throw. */
type NotFoundCode = { [C in ErrorCode]: (typeof ERRORS)[C]['status'] extends 404 ? C : never }[ErrorCode];

/** "We could not find that article." under the thing's own code. */
export const notFound = (code: NotFoundCode, what: string): AppError =>
  new AppError(code, `We could not find that ${what}.`);
