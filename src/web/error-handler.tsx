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
    return new AppError('DATABASE_BUSY', 'The site is busy saving something else. Please try again in a moment.', {
      cause: err,
    });
  if (failure === 'full')
    return new AppError(
      'STORAGE_FULL',
      'The site cannot save anything right now: its storage is full. Nothing was changed; please try again later.',
      { cause: err },
    );
  if (failure === 'unavailable')
    return new AppError(
      'DATABASE_UNAVAILABLE',
      'The site cannot reach its database for a moment. Nothing was changed; please try again in a few seconds.',
      { cause: err },
    );
  if (e.validation) {
    // The validator's own words ("must have required property …") are for the log, not for readers.
    const detail = e.message.replace(/^(querystring|params|body|headers)\/?/, '').trim();
    const message =
      e.validationContext === 'body'
        ? 'Some of what the form sent is not valid. Please check it and try again.'
        : 'That address is not valid. Check the link, or start again from the home page.';
    return new AppError('INVALID_INPUT', message, { internal: { validation: detail } });
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 404) return new AppError('NOT_FOUND', 'We could not find that page.');
  if (status === 413)
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      'That is more than this form accepts at once (a file or a text too large).',
    );
  if (status === 415) return new AppError('UNSUPPORTED_MEDIA', 'That type of content is not accepted here.');
  if (status === 429) return new AppError('RATE_LIMITED', 'Too many requests. Please wait a minute and try again.');
  if (e.code === 'FST_CSRF_INVALID_TOKEN' || e.code === 'FST_CSRF_MISSING_SECRET') {
    return new AppError(
      'CSRF_INVALID',
      'Your form has expired or did not come from this site. Reload the page and try again.',
    );
  }
  if (status >= 400 && status < 500)
    return new AppError('BAD_REQUEST', 'The request could not be understood.', { cause: err });
  return new AppError('INTERNAL', 'Something went wrong on our side. It has been logged; please try again.', {
    cause: err,
  });
}

/** The problem type URI of a code (RFC 9457 §3.1.1 suggests a tag URI for types that are not fetched). */
export const problemType = (code: ErrorCode): string => `tag:broadsheet,2026:error:${code}`;

export async function handleError(err: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const appErr = toAppError(err);
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
  const meta = { title: appErr.status === 404 ? 'Page not found' : 'Error' };
  const body = <ErrorPage status={appErr.status} message={appErr.message} code={appErr.code} />;
  const server = request.server as Partial<Pick<typeof request.server, 'renderPage'>>;
  if (server.renderPage) return server.renderPage(request, reply, meta, body, appErr.status);
  return reply
    .code(appErr.status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><title>Error</title><p>${appErr.status}</p>`);
}
