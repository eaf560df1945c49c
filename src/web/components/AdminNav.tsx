import { hasRole, type Role } from '../../platform/roles.js';

/** Every admin area, with the roles that may enter it. Features add their entry here. */
export const ADMIN_AREAS: Array<{ href: string; label: string; roles: Role[] }> = [
  { href: '/admin/articles', label: 'Articles', roles: ['author'] },
  { href: '/admin/pages', label: 'Pages', roles: ['editor'] },
  { href: '/admin/images', label: 'Images', roles: ['author'] },
  { href: '/admin/staff', label: 'Staff', roles: ['publisher'] },
  { href: '/admin/moderation', label: 'Moderation', roles: ['moderator'] },
  { href: '/admin/campaigns', label: 'Campaigns', roles: ['publisher'] },
  { href: '/admin/donations', label: 'Donations', roles: ['publisher'] },
  { href: '/admin/mail', label: 'Mail', roles: ['publisher'] },
  { href: '/admin/audit', label: 'Audit log', roles: ['moderator', 'publisher'] },
  { href: '/admin/site', label: 'Site', roles: ['publisher'] },
  { href: '/admin/navigation', label: 'Navigation', roles: ['publisher'] },
  { href: '/admin/settings', label: 'Settings', roles: ['publisher'] },
  { href: '/admin/tokens', label: 'API tokens', roles: ['publisher'] },
  { href: '/admin/webhooks', label: 'Webhooks', roles: ['publisher'] },
  { href: '/admin/import', label: 'Import & export', roles: ['publisher'] },
];

export function AdminNav({ role, current }: { role: string; current?: string }) {
  return (
    <nav class="admin-nav" aria-label="Admin">
      <ul>
        {ADMIN_AREAS.filter((a) => hasRole(role, ...a.roles)).map((a) => (
          <li>
            <a href={a.href} aria-current={current === a.href ? 'page' : undefined}>
              {a.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
