import { AdminNav } from '../../../web/components/AdminNav.js';
import { useI18n } from '../../../web/i18n-context.js';
import { isoWithOffset } from '../../../lib/time-zone.js';
import type { I18n } from '../../../platform/i18n.js';
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
function actorLabel(e: AuditRecord, t: I18n['t']): string {
  if (e.actorName) return e.actorName;
  if (e.actorUserId !== null) return t('ops.audit_actor_account', { id: e.actorUserId });
  return t(e.action.endsWith('_own') ? 'ops.audit_actor_guest' : 'ops.audit_actor_system');
}

const show = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Before and after, field by field: changed fields first and marked, unchanged ones listed plainly. */
export function Diff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const was = <span class="visually-hidden">{t('ops.diff_before')} </span>;
  const is = <span class="visually-hidden">{t('ops.diff_after')} </span>;
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null && after === null) return <span>—</span>;
    return (
      <p class="audit-change">
        <del>
          {was}
          {show(before ?? undefined)}
        </del>{' '}
        →{' '}
        <ins>
          {is}
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
                {was}
                {show(b[k])}
              </del>{' '}
              →{' '}
            </>
          )}
          <ins>
            {is}
            {show(a[k])}
          </ins>
        </li>
      ))}
      {same.map((k) => (
        <li class="audit-same">
          <code>{k}</code>: {show(a[k])} <span class="visually-hidden">{t('ops.diff_unchanged')}</span>
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
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="admin-page audit">
      <AdminNav role={p.role} current="/admin/audit" />
      <h1>{t('ops.audit_title')}</h1>
      <p>
        {t('ops.audit_intro')}
        {p.scoped && ` ${t('ops.audit_scoped')}`}
      </p>
      <form class="mod-filters" method="get" action="/admin/audit" aria-label={t('ops.audit_filter_label')}>
        <div class="field">
          <label for="a-action">{t('ops.audit_action')}</label>
          <select id="a-action" name="action">
            <option value="">{t('ops.audit_any_action')}</option>
            {p.actions.map((a) => (
              <option value={a} selected={a === q.action}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="a-subject">{t('ops.audit_subject')}</label>
          <select id="a-subject" name="subject">
            <option value="">{t('ops.audit_any_subject')}</option>
            {p.subjectTypes.map((s) => (
              <option value={s} selected={s === q.subjectType}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="a-id">{t('ops.audit_subject_id')}</label>
          <input id="a-id" type="text" name="id" value={q.subjectId ?? ''} maxLength={100} />
        </div>
        <div class="mod-filter-submit">
          <button type="submit">{t('ops.audit_filter')}</button>
        </div>
      </form>
      {p.entries.length === 0 ? (
        <p>{t('ops.audit_none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('ops.audit_when')}</th>
                <th scope="col">{t('ops.audit_who')}</th>
                <th scope="col">{t('ops.audit_action')}</th>
                <th scope="col">{t('ops.audit_subject')}</th>
                <th scope="col">{t('ops.audit_change')}</th>
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => {
                const href = subjectHref(e.subjectType, e.subjectId);
                const label = `${e.subjectType}${e.subjectId !== null ? ` #${e.subjectId}` : ''}`;
                return (
                  <tr id={`audit-${e.id}`}>
                    <td>
                      <time datetime={isoWithOffset(e.createdAt, i18n.timeZone)}>{i18n.dateTime(e.createdAt)}</time>
                    </td>
                    <td>{actorLabel(e, t)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      {href ? <a href={href}>{label}</a> : label}{' '}
                      <a
                        class="audit-history"
                        href={auditHref({ subjectType: e.subjectType, subjectId: e.subjectId ?? undefined })}
                      >
                        {i18n.rich('ops.audit_history', {
                          subject: label,
                          hidden: (chunks: string[]) => <span class="visually-hidden">{chunks}</span>,
                        })}
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
      <nav class="mod-pages" aria-label={t('ops.audit_pages')}>
        {q.before !== undefined && <a href={auditHref(q, { before: undefined })}>{t('ops.audit_newest')}</a>}
        {p.nextBefore !== null && <a href={auditHref(q, { before: p.nextBefore })}>{t('ops.audit_older')}</a>}
      </nav>
    </div>
  );
}
