import type { ComponentChildren } from 'preact';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { hasRole } from '../../../../platform/roles.js';
import type { AppError } from '../../../../errors.js';

const TABS = [
  { href: '/admin/moderation', label: 'Queue', publisherOnly: false },
  { href: '/admin/moderation/bans', label: 'Bans', publisherOnly: false },
  { href: '/admin/moderation/settings', label: 'Rules', publisherOnly: true },
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
  return (
    <div class="admin-page mod">
      <AdminNav role={p.role} current="/admin/moderation" />
      <h1>{p.title}</h1>
      <nav class="mod-tabs" aria-label="Moderation">
        <ul>
          {TABS.filter((t) => !t.publisherOnly || hasRole(p.role, 'publisher')).map((t) => (
            <li>
              <a href={t.href} aria-current={p.current === t.href ? 'page' : undefined}>
                {t.label}
              </a>
            </li>
          ))}
          <li>
            <a href="/admin/audit">Audit log</a>
          </li>
        </ul>
      </nav>
      {p.error && (
        <p
          class="notice notice-error"
          role="alert"
          data-error-code={typeof p.error === 'string' ? undefined : p.error.code}
        >
          {typeof p.error === 'string' ? p.error : p.error.message}
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

/** "1 comment", "3 comments". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
