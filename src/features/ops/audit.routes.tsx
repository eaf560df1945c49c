/**
 * /admin/audit: the audit log for moderators and the publisher (what each may read: audit.service.ts).
 */
import { Type } from 'typebox';
import type { AppInstance } from '../../web/app-instance.js';
import { requireRole, viewerOf } from '../../web/guards.js';
import { loadAuditLog } from './audit.service.js';
import { AuditPage } from './views/AuditPage.js';

const AuditQuerystring = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  subject: Type.Optional(Type.String({ maxLength: 100 })),
  id: Type.Optional(Type.String({ maxLength: 100 })),
  before: Type.Optional(Type.String({ pattern: '^\\d{0,10}$' })),
});

export async function auditRoutes(app: AppInstance): Promise<void> {
  app.get(
    '/admin/audit',
    { preHandler: requireRole('moderator', 'publisher'), schema: { querystring: AuditQuerystring } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const log = await loadAuditLog(app.deps, viewer, request.query);
      return reply.page(
        { title: request.i18n.t('ops.audit_title'), bodyClass: 'admin' },
        <AuditPage role={viewer.role} {...log} />,
      );
    },
  );
}
