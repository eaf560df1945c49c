import { LocalTime as DateTime } from '../LocalTime.js';
import { AdminNav } from '../../../../web/components/AdminNav.js';
import { useI18n } from '../../../../web/i18n-context.js';
import type { OfflineForm } from '../../donation.service.js';
import type { DonationFilter } from '../../donation.repo.js';
import { methodLabel, OFFLINE_METHODS, type Donation } from '../../donation.types.js';
import { NAME_MAX, PUBLIC_MESSAGE_MAX } from '../../donation.service.js';
import { WEBHOOK_EVENTS } from '../../payment-provider.js';
import type { WebhookHealth } from '../../stripe-event.repo.js';
import { ErrorSummary, FieldError, TextField, errorProps, type FieldErrors } from '../form-bits.js';

export function DonationListPage(p: {
  role: string;
  donations: Donation[];
  filter: DonationFilter;
  nextBefore: number | null;
  csrfToken: string;
  notice: string | null;
}) {
  const f = p.filter;
  const query = (before: number) =>
    new URLSearchParams({
      ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)),
      before: String(before),
    }).toString();
  const { t } = useI18n();
  return (
    <div class="admin-page">
      <h1>{t('funding.donations_heading')}</h1>
      <AdminNav role={p.role} current="/admin/donations" />
      {p.notice && (
        <p class="notice notice-ok" role="status">
          {p.notice}
        </p>
      )}
      <p class="admin-actions">
        <a class="button" href="/admin/donations/new">
          {t('funding.offline_add_heading')}
        </a>{' '}
        <a href="/admin/donations/ledger.csv" download>
          {t('funding.donations_csv')}
        </a>{' '}
        · <a href="/admin/donations/webhooks">{t('funding.webhooks_heading')}</a>
      </p>
      <form class="filters" method="get" action="/admin/donations" aria-label={t('funding.donations_filter_label')}>
        <div class="field">
          <label for="q-month">{t('funding.col_month')}</label>
          <input id="q-month" type="month" name="month" value={f.month ?? ''} />
        </div>
        <div class="field">
          <label for="q-source">{t('funding.donations_source')}</label>
          <select id="q-source" name="source">
            <option value="">{t('funding.donations_all')}</option>
            <option value="stripe" selected={f.source === 'stripe'}>
              {t('funding.source_stripe')}
            </option>
            <option value="offline" selected={f.source === 'offline'}>
              {t('funding.source_offline')}
            </option>
          </select>
        </div>
        <div class="field">
          <label for="q-status">{t('funding.col_status')}</label>
          <select id="q-status" name="status">
            <option value="">{t('funding.donations_all')}</option>
            {(['confirmed', 'refunded', 'pending', 'cancelled'] as const).map((s) => (
              <option value={s} selected={f.status === s}>
                {t('funding.status', { status: s })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="q-email">{t('funding.donations_email')}</label>
          <input id="q-email" type="email" name="email" value={f.email ?? ''} />
        </div>
        <div>
          <button type="submit">{t('funding.donations_filter')}</button>
        </div>
      </form>
      {p.donations.length === 0 ? (
        <p>{t('funding.donations_empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('funding.donations_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('funding.receipt_date')}</th>
                <th scope="col">{t('funding.label_amount')}</th>
                <th scope="col">{t('funding.col_how')}</th>
                <th scope="col">{t('funding.col_status')}</th>
                <th scope="col">{t('funding.col_donor')}</th>
                <th scope="col">{t('funding.col_actions')}</th>
              </tr>
            </thead>
            <tbody>
              {p.donations.map((d) => (
                <DonationRow d={d} csrfToken={p.csrfToken} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.nextBefore && (
        <p>
          <a href={`/admin/donations?${query(p.nextBefore)}`}>{t('funding.donations_older')}</a>
        </p>
      )}
    </div>
  );
}

/** The visually hidden part of an action's name ("Delete<hidden> gift 12</hidden>"). */
const hidden = (chunks: string[]) => <span class="visually-hidden">{chunks}</span>;

function DonationRow({ d, csrfToken }: { d: Donation; csrfToken: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const gift = t('funding.gift_number', { id: d.id });
  return (
    <tr>
      <td>
        <DateTime iso={d.donatedAt} />
      </td>
      <td>
        {i18n.money(d.amountMinor, d.currency)}
        {d.refundedMinor > 0 && (
          <>
            <br />
            <span class="muted">
              {t('funding.donations_refunded', { amount: i18n.money(d.refundedMinor, d.currency) })}
            </span>
          </>
        )}
      </td>
      <td>{t('funding.donations_how', { method: methodLabel(i18n, d.method), frequency: d.frequency })}</td>
      <td>{t('funding.status', { status: d.status })}</td>
      <td>
        {d.donorEmail ?? <span class="muted">{t('funding.donations_no_email')}</span>}
        {d.publicName && (
          <>
            <br />
            {t('funding.donations_public_name', { name: d.publicName, wall: d.wallConsent ? 'yes' : 'no' })}
          </>
        )}
        {d.note && (
          <>
            <br />
            <span class="muted">{d.note}</span>
          </>
        )}
      </td>
      <td class="actions">
        {d.wallConsent && (
          <form method="post" action={`/admin/donations/${d.id}/unwall`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken} />
            <button type="submit" class="link-button">
              {i18n.rich('funding.action_unwall', { what: gift, hidden })}
            </button>
          </form>
        )}
        {d.source === 'offline' && (
          <>
            <a href={`/admin/donations/${d.id}/edit`}>{i18n.rich('funding.action_edit', { what: gift, hidden })}</a>
            <form method="post" action={`/admin/donations/${d.id}/delete`} class="inline-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" class="link-button">
                {i18n.rich('funding.action_delete', { what: gift, hidden })}
              </button>
            </form>
          </>
        )}
      </td>
    </tr>
  );
}

export function OfflineGiftPage(p: {
  role: string;
  csrfToken: string;
  values: OfflineForm;
  errors: FieldErrors;
  /** The code of the error the form came back with (marked on its summary). */
  errorCode?: string;
  giftId: number | null;
  campaignCurrency: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { values: v, errors } = p;
  return (
    <div class="admin-page">
      <h1>{t(p.giftId ? 'funding.offline_edit_heading' : 'funding.offline_add_heading')}</h1>
      <AdminNav role={p.role} current="/admin/donations" />
      <p>{t('funding.offline_intro')}</p>
      <form class="form" method="post" action={p.giftId ? `/admin/donations/${p.giftId}` : '/admin/donations'}>
        <input type="hidden" name="_csrf" value={p.csrfToken} />
        <ErrorSummary
          errors={errors}
          code={p.errorCode}
          labels={{
            date: t('funding.receipt_date'),
            amount: t('funding.label_amount'),
            currency: t('funding.label_currency'),
            method: t('funding.offline_method'),
            note: t('funding.offline_note_label'),
            publicName: t('funding.label_public_name'),
            publicMessage: t('funding.label_public_message'),
          }}
        />
        <TextField name="date" label={t('funding.offline_date')} type="date" value={v.date} errors={errors} required />
        <TextField
          name="amount"
          label={t('funding.label_amount')}
          value={v.amount}
          errors={errors}
          required
          inputMode="decimal"
          hint={t('funding.offline_amount_hint')}
        />
        <TextField
          name="currency"
          label={t('funding.label_currency')}
          value={v.currency}
          errors={errors}
          required
          maxLength={3}
          hint={
            p.campaignCurrency
              ? t('funding.offline_currency_hint_campaign', { currency: p.campaignCurrency })
              : t('funding.offline_currency_hint')
          }
        />
        <div class="field">
          <label for="f-method">{t('funding.offline_method')}</label>
          <select id="f-method" name="method" {...errorProps(errors, 'method')}>
            {OFFLINE_METHODS.map((m) => (
              <option value={m} selected={v.method === m}>
                {methodLabel(i18n, m)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="method" />
        </div>
        <div class="field">
          <label for="f-note">{t('funding.offline_private_note')}</label>
          <textarea id="f-note" name="note" rows={2} maxLength={1000} {...errorProps(errors, 'note')}>
            {v.note ?? ''}
          </textarea>
          <FieldError errors={errors} name="note" />
        </div>
        <TextField
          name="publicName"
          label={t('funding.offline_public_name')}
          value={v.publicName ?? ''}
          errors={errors}
          maxLength={NAME_MAX}
        />
        <TextField
          name="publicMessage"
          label={t('funding.offline_public_message')}
          value={v.publicMessage ?? ''}
          errors={errors}
          maxLength={PUBLIC_MESSAGE_MAX}
        />
        <label class="check">
          <input type="checkbox" name="wallConsent" value="yes" checked={v.wallConsent === 'yes'} />{' '}
          {t('funding.offline_wall_consent')}
        </label>
        <div>
          <button type="submit">{t(p.giftId ? 'funding.offline_save' : 'funding.offline_add')}</button>{' '}
          <a href="/admin/donations">{t('funding.cancel')}</a>
        </div>
      </form>
    </div>
  );
}

const utc = (isoTime: string) => <DateTime iso={isoTime} withTime />;

export function WebhookHealthPage(p: {
  role: string;
  health: WebhookHealth;
  endpoint: string;
  configured: { key: boolean; secret: boolean };
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const h = p.health;
  const code = (chunks: string[]) => <code>{chunks}</code>;
  const b = (chunks: string[]) => <strong>{chunks}</strong>;
  return (
    <div class="admin-page">
      <h1>{t('funding.webhooks_heading')}</h1>
      <AdminNav role={p.role} current="/admin/donations" />
      <section aria-labelledby="setup-heading">
        <h2 id="setup-heading">{t('funding.webhooks_setup')}</h2>
        <p>{t('funding.webhooks_setup_endpoint')}</p>
        <p>
          <code class="copyable">{p.endpoint}</code>
        </p>
        <p>{t('funding.webhooks_setup_events')}</p>
        <ul>
          {WEBHOOK_EVENTS.map((e) => (
            <li>
              <code>{e}</code>
            </li>
          ))}
        </ul>
        <p>
          {i18n.rich('funding.webhooks_setup_secret', {
            key: p.configured.key ? 'set' : 'missing',
            secret: p.configured.secret ? 'set' : 'missing',
            code,
            b,
          })}
        </p>
      </section>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t('funding.webhooks_status')}</h2>
        <p>
          {h.lastEvent
            ? i18n.rich('funding.webhooks_last_event', {
                type: h.lastEvent.type,
                id: h.lastEvent.id,
                when: <DateTime iso={h.lastEvent.receivedAt} withTime />,
                code,
              })
            : t('funding.webhooks_no_event')}
        </p>
        <p>{t('funding.webhooks_last_day', { events: h.eventsLast24h, failures: h.failuresLast24h })}</p>
        <h3>{t('funding.webhooks_failures')}</h3>
        {h.recentFailures.length === 0 ? (
          <p>{t('funding.webhooks_none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('funding.col_when')}</th>
                  <th scope="col">{t('funding.col_event')}</th>
                  <th scope="col">{t('funding.col_reason')}</th>
                </tr>
              </thead>
              <tbody>
                {h.recentFailures.map((f) => (
                  <tr>
                    <td>
                      {f.repeats > 1 ? (
                        <>
                          {i18n.rich('funding.webhooks_span', { from: utc(f.receivedAt), to: utc(f.lastReceivedAt) })}
                          <br />
                          {t('funding.webhooks_repeats', { count: f.repeats })}
                        </>
                      ) : (
                        utc(f.receivedAt)
                      )}
                    </td>
                    <td>
                      {f.eventType ? (
                        <>
                          <code>{f.eventType}</code>
                          <br />
                          <code>{f.eventId}</code>
                        </>
                      ) : (
                        <span class="muted">{t('funding.webhooks_unverified')}</span>
                      )}
                    </td>
                    <td>{f.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
