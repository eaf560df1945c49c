/**
 * One error type for everything a user may see. `code` is stable (clients and tests match on it),
 * `message` is safe to show, `internal` goes only to the logs.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  INVALID_SIGNATURE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  BANNED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  NOT_CONFIGURED: 503,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to the user. */
    message: string,
    readonly options: {
      /** Per-field messages for forms. */
      fields?: Record<string, string>;
      /** Private context for the logs only. */
      internal?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }
}

export const notFound = (what = 'page'): AppError => new AppError('NOT_FOUND', `We could not find that ${what}.`);
export const forbidden = (message = 'You are not allowed to do that.'): AppError => new AppError('FORBIDDEN', message);
export const badRequest = (message: string, fields?: Record<string, string>): AppError =>
  new AppError('VALIDATION', message, { fields });
