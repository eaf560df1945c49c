import type { AppError } from '../../../errors.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { DateTime } from '../../../web/components/Meta.js';
import { maskAddress, MAIL_VIEWS, type MailAdminView, type MailView } from '../mail-admin.service.js';
import type { OutboxEntry } from '../../../platform/outbox-queue.repo.js';

const VIEW_LABELS: Record<MailView, string> = { queued: 'Queued', dead: 'Failed', sent: 'Sent' };

export interface MailAdminPageProps {
  role: string;
  view: MailView;
  data: MailAdminView;
  transport: string;
  csrfToken: string;
  notice?: string;
  /** A refused retry or setting (its code goes on the notice, for scripts and tests). */
  error?: AppError;
}

function RetryButton({ entry, csrfToken, view }: { entry: OutboxEntry; csrfToken: string; view: MailView }) {
  if (entry.status !== 'pending' && entry.status !== 'dead') return null;
  return (
    <form method="post" action={`/admin/mail/${entry.id}/retry`} class="inline-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="view" value={view} />
      <button type="submit">
        {entry.status === 'dead' ? 'Retry' : 'Send now'}
        <span class="visually-hidden"> mail {entry.id}</span>
      </button>
    </form>
  );
}

function MailTable({ entries, csrfToken, view }: { entries: OutboxEntry[]; csrfToken: string; view: MailView }) {
  if (entries.length === 0) return <p>Nothing here.</p>;
  return (
    <div class="table-wrap">
      <table class="mail-table">
        <caption class="visually-hidden">{VIEW_LABELS[view]} mail, newest first</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Mail</th>
            <th scope="col">Status</th>
            <th scope="col">{view === 'sent' ? 'Sent' : 'Next attempt'}</th>
            <th scope="col">Last error</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{e.id}</td>
              <td>
                <span class="mail-subject">{e.subject}</span>
                <br />
                <span class="mail-meta">
                  {e.kind} · to {maskAddress(e.to)} · queued <DateTime iso={e.createdAt} withTime />
                </span>
              </td>
              <td>
                {e.status}
                <br />
                <span class="mail-meta">
                  {e.attempts} {e.attempts === 1 ? 'attempt' : 'attempts'}
                </span>
              </td>
              <td>
                {e.status === 'sent' ? (
                  e.sentAt && <DateTime iso={e.sentAt} withTime />
                ) : e.status === 'dead' ? (
                  '—'
                ) : (
                  <DateTime iso={e.nextAttemptAt} withTime />
                )}
              </td>
              <td class="mail-error">{e.lastError ?? ''}</td>
              <td>
                <RetryButton entry={e} csrfToken={csrfToken} view={view} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MailAdminPage(p: MailAdminPageProps) {
  const count = (v: MailView) => MAIL_VIEWS[v].reduce((n, s) => n + p.data.counts[s], 0);
  return (
    <div class="admin-page mail-admin">
      <AdminNav role={p.role} current="/admin/mail" />
      <h1>Mail</h1>
      <p class="hint">{p.transport}. Delivered mail is kept 30 days; failed mail waits here until retried.</p>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      {p.error && (
        <p class="notice notice-error" role="alert" data-error-code={p.error.code}>
          {p.error.message}
        </p>
      )}
      <nav aria-label="Mail by status">
        <ul class="tabs">
          {(Object.keys(VIEW_LABELS) as MailView[]).map((v) => (
            <li>
              <a href={`/admin/mail?view=${v}`} aria-current={v === p.view ? 'page' : undefined}>
                {VIEW_LABELS[v]} ({count(v)})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <MailTable entries={p.data.entries} csrfToken={p.csrfToken} view={p.view} />
      {p.data.nextBeforeId !== null && (
        <p>
          <a href={`/admin/mail?view=${p.view}&before=${p.data.nextBeforeId}`}>Older</a>
        </p>
      )}
      <h2>Comment notifications</h2>
      <form class="form" method="post" action="/admin/mail/settings">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <div class="field">
          <label for="digest-window">Digest window (minutes)</label>
          <input
            id="digest-window"
            type="number"
            name="digestWindowMinutes"
            min="1"
            max="1440"
            step="1"
            required
            value={String(p.data.settings.digestWindowMinutes)}
            aria-describedby="digest-window-hint"
          />
          <p class="hint" id="digest-window-hint">
            A subscriber gets at most one mail per article in this time; comments that arrive meanwhile are collected
            into the next one.
          </p>
        </div>
        <div>
          <button type="submit">Save</button>
        </div>
      </form>
    </div>
  );
}
