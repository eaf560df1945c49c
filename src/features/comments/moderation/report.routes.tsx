/**
 * Reporting a comment: GET /comments/:id/report (a form that works without JavaScript) and
 * POST /comments/:id/report (form or JSON). Guests and accounts alike; CSRF-checked; at most five
 * reports a minute per client IP. The IP is what Fastify resolved: X-Forwarded-For counts only from a
 * TRUSTED_PROXIES address, so a forged header neither dodges the limit nor an IP ban.
 */
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppInstance } from '../../../web/app-instance.js';
import { msg } from '../../../lib/message.js';
import { AppError } from '../../../errors.js';
import { handleError, wantsJson } from '../../../web/error-handler.js';
import { isRowId } from '../../../lib/ids.js';
import { formErrors } from '../../../web/forms.js';
import { commentOwner, readReader } from '../reader-identity.js';
import { REPORT_REASONS } from './moderation.table.js';
import { findReportableComment, reportComment, type Reporter } from './report.service.js';
import { ReportPage, ReportThanksPage } from './views/ReportPage.js';

/** Reports per minute per client IP. */
export const REPORT_LIMIT = { max: 5, timeWindow: '1 minute' };

const Params = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const ReportBody = Type.Object({
  _csrf: Type.Optional(Type.String()),
  reason: Type.Optional(Type.Union(REPORT_REASONS.map((r) => Type.Literal(r)))),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export async function reportRoutes(app: AppInstance): Promise<void> {
  const { config, clock } = app.deps;

  /** Accounts report as themselves; guests by their hashed IP (clearing cookies does not make a second reader). */
  const reporterOf = (request: FastifyRequest): Reporter => {
    const reader = readReader(request, config);
    const { userId, ipHash } = reader;
    return {
      key: userId !== null ? `u:${userId}` : `g:${ipHash}`,
      userId,
      emailHash: null,
      ipHash,
      owner: commentOwner(reader),
    };
  };

  app.get(
    '/comments/:id/report',
    {
      schema: {
        params: Params,
        querystring: Type.Object({ done: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('already')])) }),
      },
    },
    async (request, reply) => {
      const done = request.query.done;
      const comment = await findReportableComment(app.deps, request.params.id, {
        alsoPending: done !== undefined,
      });
      if (done)
        return reply.page(
          { title: request.i18n.t('moderation.report_sent_title') },
          <ReportThanksPage comment={comment} already={done === 'already'} />,
        );
      return reply.page(
        {
          title: request.i18n.t('moderation.report_heading'),
          description: request.i18n.t('moderation.report_description'),
        },
        <ReportPage comment={comment} csrfToken={reply.formToken()} />,
      );
    },
  );

  // A refused report shows the form again with the note typed (a missing reason answers 422, as it always has).
  const reportAgain = formErrors(async (request, reply, error) => {
    const id = Number((request.params as { id?: unknown }).id);
    // An address the schema refused names no comment to show the form for.
    if (!isRowId(id)) return handleError(error, request, reply);
    const b = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const comment = await findReportableComment(app.deps, id);
    return reply.page(
      { title: request.i18n.t('moderation.report_heading') },
      <ReportPage
        comment={comment}
        csrfToken={reply.formToken()}
        reason={REPORT_REASONS.find((r) => r === b.reason)}
        note={typeof b.note === 'string' ? b.note.trim() : ''}
        error={error}
      />,
      error.code === 'REPORT_REASON_REQUIRED' ? 422 : error.status,
    );
  });

  app.post(
    '/comments/:id/report',
    {
      config: { rateLimit: REPORT_LIMIT },
      preHandler: app.csrfProtection,
      schema: { params: Params, body: ReportBody },
      errorHandler: reportAgain,
    },
    async (request, reply) => {
      const { reason, note } = request.body;
      const trimmed = note?.trim() || null;
      if (!reason)
        throw new AppError('REPORT_REASON_REQUIRED', msg('moderation.report_reason_required'), {
          fields: { reason: msg('moderation.report_reason_required_field') },
        });
      const outcome = await reportComment(app.deps, {
        commentId: request.params.id,
        reporter: reporterOf(request),
        reason,
        note: trimmed,
        now: clock.now(),
      });
      if (wantsJson(request)) return outcome;
      return reply.redirect(`/comments/${request.params.id}/report?done=${outcome.recorded ? 'sent' : 'already'}`, 303);
    },
  );
}
