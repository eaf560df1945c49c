/**
 * /admin/audit: the audit log for moderators and the publisher. The publisher sees every entry;
 * a moderator sees the discussion's (comments and bans), not donations or staff changes.
 */
import { isRowId } from '../../lib/ids.js';
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { hasRole, requireRole } from '../../web/guards.js';
import { listAudit, listAuditVocabulary } from '../../platform/audit.repo.js';
import { AuditPage, type AuditQuery } from './views/AuditPage.js';

export const AUDIT_PAGE = 50;
/** What a moderator (who is not the publisher) may read in the log. */
export const MODERATOR_SUBJECTS = ['comment', 'ban'];

const AuditQuerystring = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  subject: Type.Optional(Type.String({ maxLength: 100 })),
  id: Type.Optional(Type.String({ maxLength: 100 })),
  before: Type.Optional(Type.String({ pattern: '^\\d{0,10}$' })),
});

export async function auditRoutes(app: AppInstance): Promise<void> {
  const { db } = app.deps;

  app.get(
    '/admin/audit',
    { preHandler: requireRole('moderator', 'publisher'), schema: { querystring: AuditQuerystring } },
    async (request, reply) => {
      const viewer = request.viewer!;
      const scope = hasRole(viewer.role, 'publisher') ? undefined : MODERATOR_SUBJECTS;
      const qs = request.query;
      const query: AuditQuery = {
        action: qs.action?.trim() || undefined,
        subjectType: qs.subject?.trim() || undefined,
        subjectId: qs.id?.trim() || undefined,
        before: qs.before && isRowId(Number(qs.before)) ? Number(qs.before) : undefined,
      };
      const [rows, vocabulary] = await Promise.all([
        listAudit(db.kysely, {
          limit: AUDIT_PAGE + 1,
          beforeId: query.before,
          action: query.action,
          subjectType: query.subjectType,
          subjectId: query.subjectId,
          subjectTypes: scope,
        }),
        listAuditVocabulary(db.kysely, scope),
      ]);
      const entries = rows.slice(0, AUDIT_PAGE);
      return reply.page(
        { title: 'Audit log', bodyClass: 'admin' },
        <AuditPage
          role={viewer.role}
          entries={entries}
          query={query}
          actions={vocabulary.actions}
          subjectTypes={vocabulary.subjectTypes}
          nextBefore={rows.length > AUDIT_PAGE ? entries[entries.length - 1]!.id : null}
          scoped={scope !== undefined}
        />,
      );
    },
  );
}
