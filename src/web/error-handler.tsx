/**
 * One error handler: a stable code, a status and a message safe to show. Pages get the error page in the
 * site layout; API clients (paths under /api/, /webhooks/, or JSON-preferring requests) get
 * `application/problem+json` (RFC 9457): `type` names the code (a tag URI: stable, not meant to be
 * fetched; docs/errors.md says what each code means), `status`, `code`, and the safe message as `detail`
 * and, as it always was, `title`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.js';
import { ErrorPage } from './pages/ErrorPage.js';
import { databaseFailure } from '../db/dialect.js';
import { msg } from '../lib/message.js';
import { DEFAULT_LOCALE, i18nFor, type I18n } from '../platform/i18n.js';
import { DEFAULT_TIME_ZONE } from '../lib/time-zone.js';

/** The request's language (set by the app's first hook), or English before any hook ran (a malformed address). */
export function requestI18n(request: FastifyRequest): I18n {
  return (request as { i18n?: I18n | null }).i18n ?? i18nFor(DEFAULT_LOCALE, DEFAULT_TIME_ZONE);
}

/** The error with its message and field messages in the site's language (what forms and pages show). */
export function localizeError(err: AppError, i18n: I18n): AppError {
  const fields = err.options.fields;
  return new AppError(err.code, i18n.text(err.text), {
    ...err.options,
    fields: fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, i18n.text(v)])),
  });
}

/** Seconds a client should wait before retrying, by the code of a 503. */
const RETRY_AFTER: Partial<Record<ErrorCode, number>> = {
  DATABASE_UNAVAILABLE: 5,
  DATABASE_BUSY: 2,
  STORAGE_FULL: 60,
  // A refused live stream (src/features/live): the client network's own streams, or this process's, are all in use.
  LIVE_TOO_MANY_STREAMS: 30,
  LIVE_BUSY: 10,
};

export function wantsJson(request: FastifyRequest): boolean {
  const url = request.url;
  if (url.startsWith('/api/') || url.startsWith('/webhooks/') || url === '/healthz' || url === '/readyz') return true;
  // An EventSource asks for text/event-stream: its refusals are problem details too.
  if (url.startsWith('/live?') || url === '/live') return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** Maps any thrown value to an AppError; unknown errors become a generic 500 whose detail only goes to the log. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validation?: unknown; validationContext?: string };
  const failure = databaseFailure(err);
  if (failure === 'busy')
    return new AppError('DATABASE_BUSY', msg('errors.database_busy'), {
      cause: err,
    });
  if (failure === 'full') return new AppError('STORAGE_FULL', msg('errors.storage_full'), { cause: err });
  if (failure === 'unavailable')
    return new AppError('DATABASE_UNAVAILABLE', msg('errors.database_unavailable'), { cause: err });
  if (e.validation) {
    // The validator's own words ("must have required property …") are for the log, not for readers.
    const detail = e.message.replace(/^(querystring|params|body|headers)\/?/, '').trim();
    const message = e.validationContext === 'body' ? msg('errors.invalid_form') : msg('errors.invalid_address');
    return new AppError('INVALID_INPUT', message, { internal: { validation: detail } });
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 404) return new AppError('NOT_FOUND', msg('errors.not_found'));
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', msg('errors.payload_too_large'));
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA', msg('errors.unsupported_media'));
  if (status === 429) return new AppError('RATE_LIMITED', msg('errors.rate_limited'));
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    return new AppError('CSRF_INVALID', msg('errors.csrf_invalid'));
  }
  if (status >= 400 && status < 500) return new AppError('BAD_REQUEST', msg('errors.bad_request'), { cause: err });
  return new AppError('INTERNAL', msg('errors.internal'), {
    cause: err,
  });
}

/** The problem type URI of a code (RFC 9457 §3.1.1 suggests a tag URI for types that are not fetched). */
export const problemType = (code: ErrorCode): string => `tag:broadsheet,2026:error:${code}`;

export async function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const i18n = requestI18n(request);
  const appErr = localizeError(toAppError(err), i18n);
  const retryAfter = RETRY_AFTER[appErr.code];
  if (retryAfter !== undefined) {
    // Expected while the database restarts: one line without the stack, not an error report per request.
    request.log.warn({ code: appErr.code, cause: (err as Error).message }, appErr.message);
    reply.header('retry-after', String(retryAfter));
  } else if (appErr.status >= 500) request.log.error({ err, internal: appErr.options.internal }, appErr.message);
  else request.log.info({ code: appErr.code, internal: appErr.options.internal }, appErr.message);
  if (appErr.status === 429 && !reply.getHeader('retry-after')) reply.header('retry-after', '60');
  if (wantsJson(request)) {
    return reply
      .code(appErr.status)
      .type('application/problem+json')
      .send({
        type: problemType(appErr.code),
        title: appErr.message,
        status: appErr.status,
        detail: appErr.message,
        code: appErr.code,
        ...(appErr.options.fields ? { fields: appErr.options.fields } : {}),
      });
  }
  const meta = { title: i18n.t(appErr.status === 404 ? 'errors.title_not_found' : 'errors.title_error') };
  const body = <ErrorPage status={appErr.status} message={appErr.message} code={appErr.code} />;
  const server = request.server as Partial<Pick<typeof request.server, 'renderPage'>>;
  if (server.renderPage) return server.renderPage(request, reply, meta, body, appErr.status);
  return reply
    .code(appErr.status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><title>${appErr.status}</title><p>${appErr.status}</p>`);
}
