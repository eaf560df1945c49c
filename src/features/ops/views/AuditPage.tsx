import { AdminNav } from '../../../web/components/AdminNav.js';
import { DateTime } from '../../../web/components/Meta.js';
import type { AuditRecord } from '../../../platform/audit.repo.js';

export interface AuditQuery {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  before?: number;
}

export function auditHref(q: AuditQuery, over: Partial<AuditQuery> = {}): string {
  const m = { ...q, ...over };
  const p = new URLSearchParams();
  if (m.action) p.set('action', m.action);
  if (m.subjectType) p.set('subject', m.subjectType);
  if (m.subjectId) p.set('id', m.subjectId);
  if (m.before !== undefined) p.set('before', String(m.before));
  const s = p.toString();
  return s ? `/admin/audit?${s}` : '/admin/audit';
}

/** Where an audited thing can be looked at; unknown kinds are shown without a link. */
function subjectHref(type: string, id: string | null): string | null {
  if (id === null) return null;
  if (type === 'comment') return `/admin/moderation?status=all&comment=${encodeURIComponent(id)}`;
  if (type === 'ban') return `/admin/moderation/bans#ban-${encodeURIComponent(id)}`;
  if (type === 'setting' && id === 'moderation') return '/admin/moderation/settings';
  return null;
}

/** Who acted: an account, a guest on their own comment (`…_own` actions without an account), or the system. */
function actorLabel(e: AuditRecord): string {
  if (e.actorName) return e.actorName;
  if (e.actorUserId !== null) return `Account #${e.actorUserId}`;
  return e.action.endsWith('_own') ? 'Guest (the author)' : 'System';
}

const show = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Before and after, field by field: changed fields first and marked, unchanged ones listed plainly. */
export function Diff({ before, after }: { before: unknown; after: unknown }) {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null && after === null) return <span>—</span>;
    return (
      <p class="audit-change">
        <del>
          <span class="visually-hidden">before: </span>
          {show(before ?? undefined)}
        </del>{' '}
        →{' '}
        <ins>
          <span class="visually-hidden">after: </span>
          {show(after ?? undefined)}
        </ins>
      </p>
    );
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const changed = keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  const same = keys.filter((k) => !changed.includes(k));
  return (
    <ul class="audit-diff">
      {changed.map((k) => (
        <li>
          <code>{k}</code>:{' '}
          {k in b && (
            <>
              <del>
                <span class="visually-hidden">before: </span>
                {show(b[k])}
              </del>{' '}
              →{' '}
            </>
          )}
          <ins>
            <span class="visually-hidden">after: </span>
            {show(a[k])}
          </ins>
        </li>
      ))}
      {same.map((k) => (
        <li class="audit-same">
          <code>{k}</code>: {show(a[k])} <span class="visually-hidden">(unchanged)</span>
        </li>
      ))}
    </ul>
  );
}

export interface AuditPageProps {
  role: string;
  entries: AuditRecord[];
  query: AuditQuery;
  actions: string[];
  subjectTypes: string[];
  nextBefore: number | null;
  /** True when this role sees only part of the log (moderators: the discussion's). */
  scoped: boolean;
}

export function AuditPage(p: AuditPageProps) {
  const q = p.query;
  return (
    <div class="admin-page audit">
      <AdminNav role={p.role} current="/admin/audit" />
      <h1>Audit log</h1>
      <p>
        Every moderator and publisher action, newest first, with what it changed.
        {p.scoped && ' You see the actions on comments and bans.'}
      </p>
      <form class="mod-filters" method="get" action="/admin/audit" aria-label="Filter the audit log">
        <div class="field">
          <label for="a-action">Action</label>
          <select id="a-action" name="action">
            <option value="">Any action</option>
            {p.actions.map((a) => (
              <option value={a} selected={a === q.action}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="a-subject">Subject</label>
          <select id="a-subject" name="subject">
            <option value="">Any subject</option>
            {p.subjectTypes.map((s) => (
              <option value={s} selected={s === q.subjectType}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="a-id">Subject id</label>
          <input id="a-id" type="text" name="id" value={q.subjectId ?? ''} maxLength={100} />
        </div>
        <div class="mod-filter-submit">
          <button type="submit">Filter</button>
        </div>
      </form>
      {p.entries.length === 0 ? (
        <p>No entries.</p>
      ) : (
        <div class="table-wrap">
          <table class="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => {
                const href = subjectHref(e.subjectType, e.subjectId);
                const label = `${e.subjectType}${e.subjectId !== null ? ` #${e.subjectId}` : ''}`;
                return (
                  <tr id={`audit-${e.id}`}>
                    <td>
                      <DateTime iso={e.createdAt} withTime />
                    </td>
                    <td>{actorLabel(e)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {href ? <a href={href}>{label}</a> : label}{' '}
                      <a
                        class="audit-history"
                        href={auditHref({ subjectType: e.subjectType, subjectId: e.subjectId ?? undefined })}
                      >
                        history<span class="visually-hidden"> of {label}</span>
                      </a>
                    </td>
                    <td>
                      <Diff before={e.before} after={e.after} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav class="mod-pages" aria-label="Audit log pages">
        {q.before !== undefined && <a href={auditHref(q, { before: undefined })}>Newest entries</a>}
        {p.nextBefore !== null && <a href={auditHref(q, { before: p.nextBefore })}>Older entries</a>}
      </nav>
    </div>
  );
}
