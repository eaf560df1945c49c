import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { ErrorSummary, SelectField, TextField, fieldErrors } from '../../../web/forms.js';
import { ROLES, type Role } from '../user.table.js';
import type { StaffMember } from '../staff.repo.js';
import { STAFF_ROLES } from '../staff.service.js';
import { useI18n } from '../../../web/i18n-context.js';
import { isoWithOffset } from '../../../lib/time-zone.js';

export interface StaffPageProps {
  role: string;
  viewerId: number;
  csrf: string;
  staff: StaffMember[];
  values: { email?: string; name?: string; role?: string };
  error?: AppError;
  notice?: string;
}

export function StaffPage(p: StaffPageProps) {
  const errors = fieldErrors(p.error);
  const { t } = useI18n();
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/staff" />
      <h1>{t('accounts.staff_title')}</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary
        error={p.error}
        labels={{ email: t('accounts.field_email'), name: t('accounts.field_name'), role: t('accounts.field_role') }}
      />
      <section aria-labelledby="invite-heading" class="admin-section">
        <h2 id="invite-heading">{t('accounts.staff_invite_heading')}</h2>
        <p>{t('accounts.staff_invite_intro')}</p>
        <form class="form" method="post" action="/admin/staff/invite">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <TextField
            name="email"
            label={t('accounts.field_email')}
            type="email"
            value={p.values.email}
            required
            maxLength={320}
            error={errors.email}
            autocomplete="off"
          />
          <TextField
            name="name"
            label={t('accounts.staff_name_label')}
            value={p.values.name}
            required
            maxLength={100}
            error={errors.name}
            autocomplete="off"
          />
          <SelectField
            name="role"
            label={t('accounts.field_role')}
            value={p.values.role ?? 'author'}
            error={errors.role}
            options={STAFF_ROLES.map((r) => ({ value: r, label: t('accounts.role_help', { role: r }) }))}
          />
          <div>
            <button type="submit">{t('accounts.staff_invite_submit')}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="staff-heading" class="admin-section">
        <h2 id="staff-heading">{t('accounts.staff_list_heading')}</h2>
        <div class="table-wrap">
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('accounts.field_name')}</th>
                <th scope="col">{t('accounts.field_email')}</th>
                <th scope="col">{t('accounts.staff_col_state')}</th>
                <th scope="col">{t('accounts.field_role')}</th>
                <th scope="col">{t('accounts.staff_col_access')}</th>
              </tr>
            </thead>
            <tbody>
              {p.staff.map((m) => (
                <StaffRow member={m} csrf={p.csrf} self={m.id === p.viewerId} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

function StaffRow({ member: m, csrf, self }: { member: StaffMember; csrf: string; self: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const state = m.disabled ? 'disabled' : m.invited ? 'invited' : 'active';
  const action = m.disabled ? 'enable' : 'disable';
  return (
    <tr id={`staff-${m.id}`}>
      <td>{self ? t('accounts.staff_you', { name: m.name }) : m.name}</td>
      <td>{m.email}</td>
      <td>
        {t('accounts.staff_state', { state })}
        <br />
        <span class="hint">
          {i18n.rich('accounts.staff_since', {
            date: (
              <time datetime={isoWithOffset(m.createdAt, i18n.timeZone)} title={i18n.dateTime(m.createdAt)}>
                {i18n.date(m.createdAt)}
              </time>
            ),
          })}
        </span>
      </td>
      <td>
        {self ? (
          t('accounts.role_help', { role: m.role })
        ) : (
          <form method="post" action={`/admin/staff/${m.id}/role`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <label for={`role-${m.id}`} class="visually-hidden">
              {t('accounts.staff_role_of', { name: m.name })}
            </label>
            <select id={`role-${m.id}`} name="role">
              {(ROLES as readonly Role[]).map((r) => (
                <option value={r} selected={r === m.role}>
                  {t('accounts.role_name', { role: r })}
                </option>
              ))}
            </select>
            <button type="submit" class="button-small" aria-label={t('accounts.staff_change_label', { name: m.name })}>
              {t('accounts.staff_change')}
            </button>
          </form>
        )}
      </td>
      <td>
        {!self && m.invited && !m.disabled && (
          <form method="post" action={`/admin/staff/${m.id}/resend`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <button
              type="submit"
              class="button-small button-secondary"
              aria-label={t('accounts.staff_resend_label', { name: m.name })}
            >
              {t('accounts.staff_resend')}
            </button>
          </form>
        )}
        {!self && (
          <form method="post" action={`/admin/staff/${m.id}/${action}`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <button
              type="submit"
              class="button-small button-secondary"
              aria-label={t('accounts.staff_toggle_label', { action, name: m.name })}
            >
              {t('accounts.staff_toggle', { action })}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
