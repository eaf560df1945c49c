import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { DateTime } from '../../../web/components/Meta.js';
import { ErrorSummary, SelectField, TextField, fieldErrors } from '../../../web/forms.js';
import { ROLES, type Role } from '../user.table.js';
import type { StaffMember } from '../staff.repo.js';
import { ROLE_HELP, STAFF_ROLES } from '../staff.service.js';

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
  return (
    <div class="admin-page">
      <AdminNav role={p.role} current="/admin/staff" />
      <h1>Staff</h1>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <ErrorSummary error={p.error} labels={{ email: 'E-mail', name: 'Name', role: 'Role' }} />
      <section aria-labelledby="invite-heading" class="admin-section">
        <h2 id="invite-heading">Invite someone</h2>
        <p>
          They get a mail with a link to choose a password (valid for 7 days). A reader who already has an account gets
          the role at once.
        </p>
        <form class="form" method="post" action="/admin/staff/invite">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <TextField
            name="email"
            label="E-mail"
            type="email"
            value={p.values.email}
            required
            maxLength={320}
            error={errors.email}
            autocomplete="off"
          />
          <TextField
            name="name"
            label="Name (as shown in bylines)"
            value={p.values.name}
            required
            maxLength={100}
            error={errors.name}
            autocomplete="off"
          />
          <SelectField
            name="role"
            label="Role"
            value={p.values.role ?? 'author'}
            error={errors.role}
            options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_HELP[r] }))}
          />
          <div>
            <button type="submit">Send the invitation</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="staff-heading" class="admin-section">
        <h2 id="staff-heading">Staff accounts</h2>
        <div class="table-wrap">
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">State</th>
                <th scope="col">Role</th>
                <th scope="col">Access</th>
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
  const state = m.disabled ? 'Disabled' : m.invited ? 'Invited' : 'Active';
  return (
    <tr id={`staff-${m.id}`}>
      <td>
        {m.name}
        {self && ' (you)'}
      </td>
      <td>{m.email}</td>
      <td>
        {state}
        <br />
        <span class="hint">
          since <DateTime iso={m.createdAt} />
        </span>
      </td>
      <td>
        {self ? (
          ROLE_HELP[m.role]
        ) : (
          <form method="post" action={`/admin/staff/${m.id}/role`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <label for={`role-${m.id}`} class="visually-hidden">
              Role of {m.name}
            </label>
            <select id={`role-${m.id}`} name="role">
              {(ROLES as readonly Role[]).map((r) => (
                <option value={r} selected={r === m.role}>
                  {r[0]!.toUpperCase() + r.slice(1)}
                </option>
              ))}
            </select>
            <button type="submit" class="button-small" aria-label={`Change the role of ${m.name}`}>
              Change
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
              aria-label={`Send the invitation to ${m.name} again`}
            >
              Resend invitation
            </button>
          </form>
        )}
        {!self && (
          <form method="post" action={`/admin/staff/${m.id}/${m.disabled ? 'enable' : 'disable'}`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrf} />
            <button
              type="submit"
              class="button-small button-secondary"
              aria-label={`${m.disabled ? 'Enable' : 'Disable'} the account of ${m.name}`}
            >
              {m.disabled ? 'Enable' : 'Disable'}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
