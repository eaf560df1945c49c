import type { AppInstance } from '../../web/app-instance.js';
import { AdminNav } from '../../web/components/AdminNav.js';
import { requireRole, viewerOf } from '../../web/guards.js';

/** The admin dashboard: the areas this account may enter. Staff only (readers reach no admin page). */
export async function adminRoutes(app: AppInstance): Promise<void> {
  app.get('/admin', { preHandler: requireRole('author', 'moderator') }, async (request, reply) => {
    const viewer = viewerOf(request);
    return reply.page(
      { title: request.i18n.t('admin.home_title'), bodyClass: 'admin' },
      <div class="admin-page">
        <h1>{request.i18n.t('admin.home_title')}</h1>
        <p>{request.i18n.t('admin.home_signed_in_as', { name: viewer.name, role: viewer.role })}</p>
        <AdminNav role={viewer.role} />
      </div>,
    );
  });
}
