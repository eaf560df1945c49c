import type { ComponentChildren } from 'preact';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { hasRole } from '../../../../platform/roles.js';
import type { AppError } from '../../../../errors.js';
import { useI18n } from '../../../../web/i18n-context.js';

const TABS = [
  { href: '/admin/moderation', label: 'moderation.tab_queue', publisherOnly: false },
  { href: '/admin/moderation/bans', label: 'moderation.tab_bans', publisherOnly: false },
  { href: '/admin/moderation/settings', label: 'moderation.tab_rules', publisherOnly: true },
] as const;

/** The admin frame of every moderation page: admin areas, the moderation tabs, a heading and a live notice. */
export function ModerationShell(p: {
  role: string;
  current: string;
  title: string;
  notice?: string | null;
  /** What went wrong: an error with its code (marked on the notice), or a sentence of the page's own. */
  error?: AppError | string | null;
  children: ComponentChildren;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page mod">
      <AdminNav role={p.role} current="/admin/moderation" />
      <h1>{p.title}</h1>
      <nav class="mod-tabs" aria-label={t('moderation.tabs_label')}>
        <ul>
          {TABS.filter((tab) => !tab.publisherOnly || hasRole(p.role, 'publisher')).map((tab) => (
            <li>
              <a href={tab.href} aria-current={p.current === tab.href ? 'page' : undefined}>
                {t(tab.label)}
              </a>
            </li>
          ))}
          <li>
            <a href="/admin/audit">{t('moderation.tab_audit')}</a>
          </li>
        </ul>
      </nav>
      {p.error && (
        <p
          class="notice notice-error"
          role="alert"
          data-error-code={typeof p.error === 'string' ? undefined : p.error.code}
        >
          {typeof p.error === 'string' ? p.error : i18n.text(p.error.text)}
        </p>
      )}
      {/* Present from the start so screen readers announce what scripts write into it later. */}
      <p id="mod-live" class={p.notice ? 'notice notice-ok mod-live' : 'mod-live'} role="status">
        {p.notice ?? ''}
      </p>
      {p.children}
    </div>
  );
}
