import { hasRole, type Role } from '../../platform/roles.js';
import { msg, type Message } from '../../lib/message.js';
import { useI18n } from '../i18n-context.js';

/** Every admin area (its label a catalogue message), with the roles that may enter it. Features add their entry here. */
export const ADMIN_AREAS: Array<{ href: string; label: Message; roles: Role[] }> = [
  { href: '/admin/articles', label: msg('admin.nav_articles'), roles: ['author'] },
  { href: '/admin/pages', label: msg('admin.nav_pages'), roles: ['editor'] },
  { href: '/admin/images', label: msg('admin.nav_images'), roles: ['author'] },
  { href: '/admin/staff', label: msg('admin.nav_staff'), roles: ['publisher'] },
  { href: '/admin/moderation', label: msg('admin.nav_moderation'), roles: ['moderator'] },
  { href: '/admin/campaigns', label: msg('admin.nav_campaigns'), roles: ['publisher'] },
  { href: '/admin/donations', label: msg('admin.nav_donations'), roles: ['publisher'] },
  { href: '/admin/mail', label: msg('admin.nav_mail'), roles: ['publisher'] },
  { href: '/admin/audit', label: msg('admin.nav_audit'), roles: ['moderator', 'publisher'] },
  { href: '/admin/site', label: msg('admin.nav_site'), roles: ['publisher'] },
  { href: '/admin/navigation', label: msg('admin.nav_navigation'), roles: ['publisher'] },
  { href: '/admin/settings', label: msg('admin.nav_settings'), roles: ['publisher'] },
  { href: '/admin/tokens', label: msg('admin.nav_tokens'), roles: ['publisher'] },
  { href: '/admin/webhooks', label: msg('admin.nav_webhooks'), roles: ['publisher'] },
  { href: '/admin/import', label: msg('admin.nav_import'), roles: ['publisher'] },
];

export function AdminNav({ role, current }: { role: string; current?: string }) {
  const { t, text } = useI18n();
  return (
    <nav class="admin-nav" aria-label={t('admin.nav_label')}>
      <ul>
        {ADMIN_AREAS.filter((a) => hasRole(role, ...a.roles)).map((a) => (
          <li>
            <a href={a.href} aria-current={current === a.href ? 'page' : undefined}>
              {text(a.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
