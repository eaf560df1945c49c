import type { AppError } from '../../../errors.js';
import type { Message } from '../../../lib/message.js';
import { useI18n } from '../../../web/i18n-context.js';
import { AdminNav } from '../../../web/components/AdminNav.js';
import { DateTime } from '../../../web/components/Meta.js';
import { maskAddress, MAIL_VIEWS, type MailAdminView, type MailView } from '../mail-admin.service.js';
import type { OutboxEntry } from '../../../platform/outbox-queue.repo.js';

/** The tabs, in order. */
const VIEWS: MailView[] = ['queued', 'dead', 'sent'];

const hidden = (chunks: string[]) => <span class="visually-hidden">{chunks}</span>;

export interface MailAdminPageProps {
  role: string;
  view: MailView;
  data: MailAdminView;
  /** Where mail goes (mailTransportMessage). */
  transport: Message;
  csrfToken: string;
  notice?: string;
  /** A refused retry or setting (its code goes on the notice, for scripts and tests). */
  error?: AppError;
}

function RetryButton({ entry, csrfToken, view }: { entry: OutboxEntry; csrfToken: string; view: MailView }) {
  const i18n = useI18n();
  if (entry.status !== 'pending' && entry.status !== 'dead') return null;
  return (
    <form method="post" action={`/admin/mail/${entry.id}/retry`} class="inline-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="view" value={view} />
      <button type="submit">
        {i18n.rich(entry.status === 'dead' ? 'mailadmin.retry' : 'mailadmin.send_now', {
          id: String(entry.id),
          hidden,
        })}
      </button>
    </form>
  );
}

function MailTable({ entries, csrfToken, view }: { entries: OutboxEntry[]; csrfToken: string; view: MailView }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (entries.length === 0) return <p>{t('mailadmin.empty')}</p>;
  return (
    <div class="table-wrap">
      <table class="mail-table">
        <caption class="visually-hidden">{t('mailadmin.table_caption', { view })}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('mailadmin.col_mail')}</th>
            <th scope="col">{t('mailadmin.col_status')}</th>
            <th scope="col">{t(view === 'sent' ? 'mailadmin.col_sent' : 'mailadmin.col_next_attempt')}</th>
            <th scope="col">{t('mailadmin.col_last_error')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('mailadmin.col_actions')}</span>
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
                  {i18n.rich('mailadmin.mail_meta', {
                    kind: e.kind,
                    to: maskAddress(e.to),
                    when: <DateTime iso={e.createdAt} withTime />,
                  })}
                </span>
              </td>
              <td>
                {t('mailadmin.status', { status: e.status })}
                <br />
                <span class="mail-meta">{t('mailadmin.attempts', { count: e.attempts })}</span>
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
  const i18n = useI18n();
  const { t } = i18n;
  const count = (v: MailView) => MAIL_VIEWS[v].reduce((n, s) => n + p.data.counts[s], 0);
  return (
    <div class="admin-page mail-admin">
      <AdminNav role={p.role} current="/admin/mail" />
      <h1>{t('mailadmin.heading')}</h1>
      <p class="hint">
        {i18n.text(p.transport)}. {t('mailadmin.retention_hint')}
      </p>
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      {p.error && (
        <p class="notice notice-error" role="alert" data-error-code={p.error.code}>
          {i18n.text(p.error.text)}
        </p>
      )}
      <nav aria-label={t('mailadmin.tabs_label')}>
        <ul class="tabs">
          {VIEWS.map((v) => (
            <li>
              <a href={`/admin/mail?view=${v}`} aria-current={v === p.view ? 'page' : undefined}>
                {t('mailadmin.tab', { view: v, count: i18n.number(count(v)) })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <MailTable entries={p.data.entries} csrfToken={p.csrfToken} view={p.view} />
      {p.data.nextBeforeId !== null && (
        <p>
          <a href={`/admin/mail?view=${p.view}&before=${p.data.nextBeforeId}`}>{t('mailadmin.older')}</a>
        </p>
      )}
      <h2>{t('mailadmin.notifications_heading')}</h2>
      <form class="form" method="post" action="/admin/mail/settings">
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <div class="field">
          <label for="digest-window">{t('mailadmin.digest_window_label')}</label>
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
            {t('mailadmin.digest_window_hint')}
          </p>
        </div>
        <div>
          <button type="submit">{t('mailadmin.save')}</button>
        </div>
      </form>
    </div>
  );
}
